// Scripted policy experiments (jetsam run, jetsam repl): a Ruby script drives the pipeline through
// an API over projects, their variants, roles and answers, in a child process sandboxed as an
// evaluation is. Each project a script loads is evaluated in a Ruby VM of its own, never the
// script's. The API is documented by `jetsam run --help` and host/script/ruby/jetsam.rb.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "jetsam/evaluate.h"
#include "jetsam/limits.h"
#include "jetsam/status.h"

namespace jetsam {

struct ScriptOptions {
  std::string script;                    // the script's path (its errors name it as given)
  std::vector<std::string> args;         // ARGV
  // The checkouts Jetsam.load may read besides the current directory: each is read (its
  // config/jets/, bounded as every checkout is) before the sandbox starts.
  std::vector<std::string> allow_read;
  // What every Jetsam.load starts from: env, extra, facts, the ENV a project sees, and
  // limits.memory_bytes, the memory of each project's VM.
  EvalOptions eval;
  Limits limits;                         // the whole script: its CPU time and its VM's memory
  bool isolate = true;                   // false: in this process, unbounded (trusted scripts only)
};

// Runs the script; its output goes to this process's stdout and stderr as it is written.
// *exit_code is 0 or what the script gave exit(n). A failing Status is an error of the script or
// of a project it loaded (exit 1; the script's file:line, a project's in the message), a bound
// it hit (exit 1), or a usage error such as an unreadable script (exit 2).
Status RunScript(const ScriptOptions& options, int* exit_code);

// jetsam repl's evaluating half: a sandboxed child that keeps one script VM for the session, with
// a checkout loaded as `project`. The caller reads the lines (host/cli/cmd_repl.cc); what an input
// prints, its `=> value` and its errors go to this process's stdout and stderr.
class Repl {
 public:
  // Reads the checkouts (the current directory, `dir` and options.allow_read), starts the child
  // and loads `dir` as `project` (or says on stderr why it could not: `project` is nil then).
  // options.limits bounds each input's CPU time and the session VM's memory.
  static Status Start(const ScriptOptions& options, const std::string& dir, std::unique_ptr<Repl>* out);
  ~Repl();

  enum class Outcome {
    kDone,  // it ran (or failed, and said so)
    kMore,  // the parser wants more lines: nothing ran; call again with them appended
    kExit,  // exit(n) ran
  };
  // Evaluates `code`, the input's lines, numbered from `line` on. A failing Status: the input was
  // stopped (at the time limit, by Interrupt, or by a crash); the session has started again, its
  // variables gone.
  Status Eval(const std::string& code, int line, Outcome* outcome, int* exit_code);

  // Stops the input being evaluated (Ctrl-C): safe to call from a signal handler.
  void Interrupt();

 private:
  Repl();
  Status Restart();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jetsam
