// What every subcommand shares: the project options, evaluation, and how results are printed.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "jetsam/compile.h"
#include "jetsam/emit.h"
#include "jetsam/evaluate.h"
#include "jetsam/serve.h"

namespace jetsam::cli {

// Options that select and evaluate a checkout.
struct ProjectOptions {
  std::string dir = ".";
  std::string env, extra;
  std::string region, account, s3_bucket, facts_file;
  double timeout_s = 3.0;
  int64_t memory_mib = 256;
  std::vector<std::string> pass_env;  // --pass-env: the only variables the config's ENV holds
  bool no_env = false;                // --no-env: an empty ENV
  std::vector<std::string> allow_require;  // --allow-require: gems whose require is skipped
  bool in_process = false;  // hidden: for benchmarks
};

// Adds DIR, --env, --extra, --region, --account, --s3-bucket, --facts, --timeout, --memory-limit,
// --pass-env and --no-env.
void AddProjectOptions(CLI::App* cmd, ProjectOptions* o, bool with_dir = true);

// Adds the role selection that explain and diff share: --role, --format text|json, and the deploy
// user's --deploy-scope and --prefix.
void AddRoleViewOptions(CLI::App* cmd, std::vector<std::string>* roles, std::string* format,
                        std::string* deploy_scope, DeployUserOptions* deploy_user);

// The evaluation options the project options describe: facts read and merged, limits, ENV rule.
Status BuildEvalOptions(const ProjectOptions& o, EvalOptions* out);
// What every evaluation of a served or watched checkout shares: dir, facts, limits, ENV rule.
Status BuildCheckoutOptions(const ProjectOptions& o, CheckoutOptions* out);
// Reads the checkout and evaluates it, printing what the config printed (to stderr, marked).
Status EvaluateProject(const ProjectOptions& o, EvalResult* result);
Status EvaluateSources(const ProjectOptions& o, const Sources& sources, EvalResult* result);

// Evaluates (the checkout, or `sources` when given) and compiles the roles `options` asks for,
// with Jets' phase rule: when a later phase fails (deploy.rb, say), the roles of the phases that
// ran are still compiled, and `*rest` is set to the error that stopped the others, to report
// after the output with FailMissing. Returns an error when no role asked for can be built.
// `deploy_user`: also the deploy user's policy, when options.roles asks for it.
Status EvaluateAndCompile(const ProjectOptions& o, const Sources* sources, CompileOptions options,
                          const DeployUserOptions* deploy_user, EvalResult* eval, Compiled* compiled, Status* rest);

// Prints the error that stopped a later phase, then which roles it left out; returns 1.
int FailMissing(const Status& rest, const EvalResult& eval, const Compiled& compiled);

// An object a command makes once and keeps until the process exits, never destroyed: the exit
// gives its memory back at once, where its destructor would walk every setting and policy again
// (a twentieth of compile's cold path).
template <class T>
T& KeptUntilExit() {
  return *new T();
}

// Colour for standard output: on a terminal, unless NO_COLOR is set (no-color.org).
TextStyle StdoutStyle();

// Prints notices to stderr ("warning: ..."), and what the config printed, marked as its own.
void PrintNotices(const std::vector<Notice>& notices);
void PrintConfigOutput(const std::string& output);
// Prints a failed Status to stderr as "jetsam: file:line: message\n  hint: ...".
int Fail(const Status& status);


// A subcommand registers itself: it adds its options to `app` and returns the action to run.
using Action = std::function<int()>;
struct Command {
  CLI::App* app;
  Action run;
};

Command RegisterCompile(CLI::App& root);
Command RegisterSettings(CLI::App& root);
Command RegisterExplain(CLI::App& root);
Command RegisterDiff(CLI::App& root);
Command RegisterLint(CLI::App& root);
Command RegisterCan(CLI::App& root);
Command RegisterExpand(CLI::App& root);
Command RegisterServe(CLI::App& root);
Command RegisterWatch(CLI::App& root);
Command RegisterRun(CLI::App& root);
Command RegisterRepl(CLI::App& root);

}  // namespace jetsam::cli
