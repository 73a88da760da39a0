#pragma once

// The Jets release whose behaviour jetsam reproduces, byte for byte. A macro so that it joins
// string literals ("Jets " JETSAM_JETS_VERSION " adds ...") in static tables.
#define JETSAM_JETS_VERSION "6.0.5"

namespace jetsam {
// The release version, set by CMake.
const char* Version();
inline constexpr const char* kJetsVersion = JETSAM_JETS_VERSION;
}  // namespace jetsam
