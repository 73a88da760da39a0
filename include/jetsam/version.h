#pragma once
namespace jetsam {
// The release version, set by CMake.
const char* Version();
}  // namespace jetsam
