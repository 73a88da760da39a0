// Scripted policy experiments (jetsam run, jetsam repl): a Ruby script drives the pipeline through
// an API over projects, their variants, roles and answers, in a child process sandboxed as an
// evaluation is. Each project a script loads is evaluated in a Ruby VM of its own, never the
// script's. The API is documented by `jetsam run --help` and host/script/ruby/jetsam.rb.
#pragma once
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

}  // namespace jetsam
