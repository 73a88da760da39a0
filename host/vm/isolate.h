// Running an evaluation in a child process: the sure bound on CPU time and memory (this mruby
// has no interrupt hook), and a syscall filter so that even a VM escape can open, run or
// connect to nothing.
#pragma once
#include <cstddef>
#include <functional>
#include <string>

#include <sys/types.h>

#include "jetsam/limits.h"
#include "jetsam/status.h"

namespace jetsam::vm {

// Forks; the child applies the limits and the syscall filter, runs `work` and sends back what
// it returns. The parent watches the child's CPU time and kills it at the CPU limit (a wall-time
// deadline of twice the limit plus a second, and RLIMIT_CPU, are backstops).
// kLimit when the child ran out of time or crashed (a crash is almost always runaway recursion);
// the Status names the config file the child last reported with ReportProgress.
// The child dies with this process (the parent's death kills it), and a result larger than
// MaxResultBytes(limits) is refused (kLimit) before the parent holds more of it.
Status RunIsolated(const Limits& limits, const std::function<std::string()>& work, std::string* payload);

// The most that an isolated evaluation may send back, and what its decoded form may cost: the
// parent has no bound of its own, so the result takes at most a quarter of the memory limit.
inline size_t MaxResultBytes(const Limits& limits) { return static_cast<size_t>(limits.memory_bytes) / 4; }

// In RunIsolated's child: the config file about to be evaluated (empty: none, e.g. while the
// settings are being captured), so that a timeout or a crash can name it. A no-op elsewhere.
void ReportProgress(const std::string& file);

// In a sandboxed child: the slot ReportProgress writes (nullptr elsewhere). For the tests, which
// play a hostile child that writes anything there.
struct ProgressSlot;
ProgressSlot* ChildProgressSlot();

// Installs the syscall filter on the calling thread (used by RunIsolated's child; exposed so the
// sandbox tests can check it directly in a child of their own).
bool InstallSyscallFilter();

// For the children of this stage (RunIsolated's, vm::Worker's), in the child: dies with
// `parent`, applies the memory rlimit (and the CPU one when `cpu_rlimit`: a long-lived worker is
// bounded per request by its parent instead), sends ReportProgress to `progress` (the slot the
// parent mapped, vm/child_io.h), silences fds 0-2 and installs the syscall filter.
void EnterSandbox(const Limits& limits, pid_t parent, ProgressSlot* progress, bool cpu_rlimit);

// Moves `child` to the CPUs this process may use other than the one it runs on, when there is
// another; returns whether it did. RunIsolated's parent still works after the fork, and a child
// placed behind it on one CPU would wait for that.
bool RunElsewhere(pid_t child);
// Lets `child` run on every CPU this process may use again: once the parent sleeps, the child
// should not wait for another CPU while this one is free.
void RunAnywhere(pid_t child);

// How a child that gave no whole result ended, as the Status the user sees: out of time (or
// killed at the limit: `timed_out`), a forbidden system call, a crash; naming `file`, the last
// one it reported. Ok when it exited normally.
Status DescribeChildEnd(const Limits& limits, bool timed_out, int wstatus, const std::string& file);

}  // namespace jetsam::vm
