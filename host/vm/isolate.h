// Running an evaluation in a child process: the sure bound on CPU time and memory (this mruby
// has no interrupt hook), and a syscall filter so that even a VM escape can open, run or
// connect to nothing.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

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
// The child keeps none of this process's descriptors but `keep_fds` (a script's output).
Status RunIsolated(const Limits& limits, const std::function<std::string()>& work, std::string* payload,
                   std::vector<int> keep_fds = {});

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

// For the children of this stage (RunIsolated's, vm::Worker's, vm::Standby's), in the child:
// dies with `parent`, applies `limits` (LimitProcess; null: the parent applies them later),
// sends ReportProgress to `progress` (the slot the parent mapped, vm/child_io.h), silences fds
// 0-2, closes every other descriptor but `keep_fds` (its channel to the parent, a script's
// output) and installs the syscall filter.
void EnterSandbox(const Limits* limits, pid_t parent, ProgressSlot* progress, bool cpu_rlimit,
                  std::vector<int> keep_fds);
// Closes every descriptor from 3 up but those in `keep`.
void CloseInheritedFds(std::vector<int> keep);

// The rlimits of a process (0: this one) that evaluates under `limits`: its address space (a
// backstop: the VM's allocator holds the memory limit exactly) and, when `cpu_rlimit`, its CPU
// time (a long-lived worker is bounded per request by its parent instead). False when the
// kernel refused them.
bool LimitProcess(pid_t pid, const Limits& limits, bool cpu_rlimit);

// Moves `child` to the CPUs this process may use other than the one it runs on, when there is
// another; returns whether it did. RunIsolated's parent still works after the fork, and a child
// placed behind it on one CPU would wait for that.
bool RunElsewhere(pid_t child);
// Lets `child` run on every CPU this process may use again: once the parent sleeps, the child
// should not wait for another CPU while this one is free.
void RunAnywhere(pid_t child);

// What RunIsolated and a standby child (vm/standby.h) share.
// In the child: sends `result`, marked whole, on `out`, and exits without running destructors.
[[noreturn]] void SendResultAndExit(int out, std::string result);
// In the parent: a child that works, and where its result comes.
struct AwaitedChild {
  pid_t pid;
  int fd;                  // the result's end; closed by AwaitResult
  ProgressSlot* progress;  // unmapped by AwaitResult
  bool elsewhere;          // moved off this CPU (RunElsewhere)
  int64_t cpu_ms_before;   // the child's CPU time before its work began: not counted
};
// Reads the result, bounded by `limits` (see RunIsolated), and reaps or kills the child.
Status AwaitResult(const Limits& limits, AwaitedChild child, std::string* payload);
// Reaps the children whose result came whole (and those left to ReapWhenDone), without waiting.
void ReapFinished();
// A child that ends by itself, reaped by a later ReapFinished (or not at all: by init after exit).
void ReapWhenDone(pid_t pid);
// How a child that gave no whole result ended, as the Status the user sees: out of time (or
// killed at the limit: `timed_out`), a forbidden system call, a crash; naming `file`, the last
// one it reported. Ok when it exited normally.
Status DescribeChildEnd(const Limits& limits, bool timed_out, int wstatus, const std::string& file);

}  // namespace jetsam::vm
