// A sandboxed child forked before its input exists. A one-shot command forks it first thing,
// before it parses its arguments: the fork, the sandbox and whatever `prepare` does (mapping the
// embedded VM) then run while the command still parses and reads the checkout, instead of after
// it. It takes one input, runs `work` on it under the same bounds as RunIsolated's child (its
// rlimits set by the parent, which knows them by then), and exits.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "jetsam/limits.h"
#include "jetsam/status.h"

namespace jetsam::vm {

struct ProgressSlot;

class Standby {
 public:
  using Prepare = void (*)();
  using Work = std::string (*)(const std::string& input);

  // Forks the child: it runs `prepare` (before the syscall filter: it may open files), enters the
  // sandbox and waits for its input. Null when it cannot be forked.
  static std::unique_ptr<Standby> Start(Prepare prepare, Work work);
  // Never given its input, the child sees the end of it and exits; nobody waits for that.
  ~Standby();
  Standby(const Standby&) = delete;
  Standby& operator=(const Standby&) = delete;

  // Applies `limits` to the child, sends `input` and waits for what `work` returns, as
  // RunIsolated does (the same bounds and Statuses; the CPU limit counts from here). Once. False
  // in `*sent`, and nothing else happened, when the child could not take the input (gone, or
  // its limits refused): run the work another way.
  Status Run(const Limits& limits, const std::string& input, std::string* payload, bool* sent);

  pid_t pid() const { return pid_; }  // -1 once Run began

 private:
  Standby() = default;
  pid_t pid_ = -1;
  int sock_ = -1;  // the input out, the result in
  ProgressSlot* progress_ = nullptr;
  bool elsewhere_ = false;
};

}  // namespace jetsam::vm
