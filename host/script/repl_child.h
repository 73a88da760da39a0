// jetsam repl's evaluator: a long-lived child, sandboxed as RunIsolated's child is (memory rlimit,
// the syscall filter, stdin/stdout/stderr on /dev/null), that answers one request at a time;
// each request's CPU time is bounded by the parent, which kills the child at the limit.
//
// Written for the repl while vm::Worker (the lead's long-lived sandboxed child, with the same
// contract) was not yet on main: when it is, the repl should use it and this file go.
#pragma once
#include <sys/types.h>

#include <ctime>
#include <functional>
#include <memory>
#include <string>

#include "jetsam/limits.h"
#include "jetsam/status.h"

namespace jetsam::script {

class ReplChild {
 public:
  using Handler = std::function<std::string(const std::string& request)>;

  // Forks the child, which runs `handler` for each request until its input closes.
  static Status Start(const Limits& limits, Handler handler, std::unique_ptr<ReplChild>* out);
  ~ReplChild();  // kills and reaps the child
  ReplChild(const ReplChild&) = delete;
  ReplChild& operator=(const ReplChild&) = delete;

  // Sends `request` and waits for the response. At the CPU limit, a crash or when `interrupted`
  // returns true (polled while waiting: Ctrl-C), the child is killed (alive() is false after)
  // and the Status says why.
  Status Call(const std::string& request, std::string* response, const std::function<bool()>& interrupted);

  bool alive() const { return pid_ > 0; }

 private:
  ReplChild() = default;
  void Kill();
  Limits limits_;
  pid_t pid_ = -1;
  int to_child_ = -1, from_child_ = -1;
  clockid_t cpu_clock_{};
  bool measured_ = false;
};

}  // namespace jetsam::script
