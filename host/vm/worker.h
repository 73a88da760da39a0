// A long-lived sandboxed child that answers requests one at a time: the sidecar's and the repl's
// evaluator. It is set up like RunIsolated's child (memory rlimit, syscall filter, silenced
// fds), once; each call is then bounded by the parent, which watches the child's CPU clock and
// kills it at the limit. A killed or crashed worker stays dead: its owner starts another.
#pragma once
#include <atomic>
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "jetsam/limits.h"
#include "jetsam/status.h"

namespace jetsam::vm {

struct ProgressSlot;

// Runs in the child for each request; what it returns is the response.
using WorkerHandler = std::function<std::string(const std::string& request)>;

class Worker {
 public:
  // Forks the worker. `limits.memory_bytes` sizes its address-space backstop; each call's CPU
  // time is bounded by `limits.cpu_ms`, and a response by MaxResultBytes(limits). The worker
  // keeps none of this process's descriptors but `keep_fds` (the repl's output).
  static Status Start(const Limits& limits, WorkerHandler handler, std::unique_ptr<Worker>* out,
                      std::vector<int> keep_fds = {});
  ~Worker();  // kills and reaps the child
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Sends `request` and waits for the response. On a time limit, a crash or a forbidden system
  // call, the child is killed (alive() turns false) and the Status says which, naming the config
  // file the child last reported (ReportProgress). When `abandoned` turns true meanwhile (nobody
  // waits for the response any more), the child is killed too, within a slice of 20 ms, and
  // abandoned() says so.
  Status Call(const std::string& request, std::string* response, const std::atomic<bool>* abandoned = nullptr);

  bool alive() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  uint64_t calls() const { return calls_; }
  // Whether the last failed Call ended at the time limit (the rest: crash, forbidden call, size).
  bool timed_out() const { return timed_out_; }
  // Whether the last Call was stopped because its request was abandoned.
  bool abandoned() const { return abandoned_; }
  // The child's CPU time so far, in ms (-1 when it cannot be read).
  int64_t cpu_ms() const;

 private:
  Worker() = default;
  void Kill();
  Limits limits_;
  pid_t pid_ = -1;
  int sock_ = -1;      // requests out, responses in (a stream socket pair)
  ProgressSlot* progress_ = nullptr;  // the child's ReportProgress (vm/child_io.h)
  clockid_t cpu_clock_{};
  bool measured_ = false;
  uint64_t calls_ = 0;
  bool timed_out_ = false;
  bool abandoned_ = false;
};

}  // namespace jetsam::vm
