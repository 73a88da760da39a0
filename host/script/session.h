// A script's VM, in the sandboxed child: the allowed gems, the API (host/script/ruby/*.rb and
// the natives), ARGV, and the script run as the file it is, so that its errors name its lines.
#pragma once
#include <memory>
#include <string>

#include "jetsam/status.h"
#include "script/api.h"
#include "script/world.h"
#include "vm/vm.h"

namespace jetsam::script {

class Session {
 public:
  explicit Session(const World& world);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Builds the VM with the API. A failure is jetsam's own (kLimit when the memory limit is too
  // small for the VM).
  Status Open();

  // Runs the world's script. *exit_code: 0 when it ends, n after exit(n). A failing Status
  // names the script's file:line (a project's error: its own file:line in the message).
  Status RunScript(int* exit_code);

  // --- the repl: one input at a time, in the same VM, whose local variables persist

  enum class Input { kDone, kIncomplete, kExit };
  // Evaluates `code`, the user's lines from `first_line` on, and prints `=> value.inspect` to
  // the script's stdout. kIncomplete (nothing run) when the parser wants more lines. An error is
  // printed to the script's stderr and the session goes on (kDone). kExit after exit(n).
  // setup: jetsam's own code (no `=>`, not part of the text a Proc is looked up in).
  Input Evaluate(const std::string& code, int first_line, int* exit_code, bool setup = false);

 private:
  // The Status of a script's failure as the user reads it: exit(n), the hint of a ProjectError
  // that ended it, "the script" where the VM says "the config".
  Status Finish(Status s, int* exit_code) const;

  State state_;  // declared before vm_: the VM's objects refer to it until it is closed
  std::unique_ptr<vm::Vm> vm_;
  struct Repl;
  std::unique_ptr<Repl> repl_;
};

// A Status of the VM or the sandbox with "the config" (its words for what it ran) said as
// "the script".
Status AsScriptStatus(const Status& s);

// What stopped a script's child (a bound, a crash), said of the script, and of the project that
// the board says it was evaluating, if any.
Status StoppedStatus(const Status& s, const Board& board);

}  // namespace jetsam::script
