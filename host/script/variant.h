// The code that `project.with(project:, bootstrap:, deploy:)` adds to a project: the script's
// Strings and Proc literals turned into config files for the project's own VM (EvalOptions::
// after), where they run after the project's files and count as the script's lines.
//
//   with(bootstrap: proc { config.codebuild.iam.default_policy -= %w[waf wafv2] })
//     runs `Jets.bootstrap.configure { config.codebuild.iam.default_policy -= %w[waf wafv2] }`
//     at the proc's own line. The proc's text is found in the script (script/proc_source.h); the
//     script's local variables it reads are passed by value, and must be plain data.
//   with(deploy: "config.lambda.iam.policy << 'sqs'")
//     runs `Jets.deploy.configure do <the String> end`. Its first line counts as the line of the
//     `with` call, or as the script's line that holds that text (a heredoc's body).
#pragma once
#include <string>
#include <vector>

#include <mruby.h>

#include "jetsam/evaluate.h"
#include "jetsam/status.h"
#include "script/proc_source.h"
#include "vm/exception.h"

namespace jetsam::script {

// The script's code as the VM compiled it: what a Proc literal's text is looked up in.
struct ScriptCode {
  std::string name;                       // the script as given ("samples/experiments/x.rb")
  std::string text;                       // its text (the repl: every input so far, at its lines)
  const vm::ConfigCode* compiled = nullptr;  // the VM's record of the script's own bytecode
  ProcSources procs;
};

// Adds to `files` the code of `arg` for Jets.`object` ("project", "bootstrap" or "deploy"):
// nil adds nothing; a String, a Proc literal of the script, or an Array of them. `call` is the
// script line of the `with` call. `notes` gets a short description of each ("bootstrap at
// x.rb:7"). False with the reason in *error. Runs Ruby (inspect, the parser): under Protected.
bool AddVariantCode(mrb_state* mrb, ScriptCode* script, const std::string& object, mrb_value arg,
                    const Location& call, std::vector<EvalOptions::ExtraFile>* files,
                    std::vector<std::string>* notes, std::string* error);

// The line at which a String's code starts in the script: the first line from `call_line` on
// (a few at most) that holds its first line of code alone, else `call_line`.
int StringStartLine(const std::string& script, int call_line, const std::string& code);

// A Ruby String literal with these bytes ("\x" escapes for all but printable ASCII).
std::string RubyStringLiteral(std::string_view bytes);

// A Ruby literal for plain data (nil, true, false, Integer, Float, String, Symbol, and Arrays
// and Hashes of them), that any VM reads back as the same value. False, with the reason in
// *error, for anything else.
bool RubyLiteral(mrb_state* mrb, mrb_value v, std::string* out, std::string* error);

}  // namespace jetsam::script
