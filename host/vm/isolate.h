// Running an evaluation in a child process: the sure bound on CPU time and memory (this mruby
// has no interrupt hook), and a syscall filter so that even a VM escape can open, run or
// connect to nothing.
#pragma once
#include <functional>
#include <string>

#include "jetsam/evaluate.h"
#include "jetsam/status.h"

namespace jetsam::vm {

// Forks; the child applies the limits and the syscall filter, runs `work` and sends back what
// it returns. The parent waits at most the CPU limit (plus a little) of wall time, then kills it.
// kLimit when the child ran out of time or crashed (a crash is almost always runaway recursion).
Status RunIsolated(const Limits& limits, const std::function<std::string()>& work, std::string* payload);

// Installs the syscall filter on the calling thread (used by RunIsolated's child; exposed so the
// sandbox tests can check it directly in a child of their own).
bool InstallSyscallFilter();

}  // namespace jetsam::vm
