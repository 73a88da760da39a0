// The bounds of one evaluation: the vm stage enforces them (a child process with rlimits, a
// memory-limited heap), every later stage only passes them on.
#pragma once
#include <cstdint>

namespace jetsam {

struct Limits {
  int64_t cpu_ms = 3000;                  // CPU time of one evaluation
  int64_t memory_bytes = 256ll << 20;     // heap of the Ruby VM
};

}  // namespace jetsam
