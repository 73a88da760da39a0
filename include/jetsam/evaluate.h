// Evaluating a checkout's config/jets/*.rb in the sandboxed VM.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "jetsam/facts.h"
#include "jetsam/limits.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam {

// Evaluations of one project's variants resume from a shared store of checkpoints (see
// EvalOptions::checkpoints; host/eval/checkpoint.h).
class EvalCheckpoints;
// A store that keeps at most `max_bytes` of checkpoints (a copy of the VM's memory each).
std::shared_ptr<EvalCheckpoints> NewEvalCheckpoints(size_t max_bytes);

// The files of the checkout's config/ that config code may read (File.read, YAML.load_file,
// require_relative), read before evaluation, bounded in number and size. What may not be handed
// over (a symlink out of the checkout, a file too large, one past the count) keeps the reason.
struct CheckoutFile {
  std::string text;
  std::string refused;  // non-empty: why the config may not read it
};
struct CheckoutFiles {
  std::string root;  // the checkout's absolute path: Jets.root, and what relative paths start from
  std::map<std::string, CheckoutFile> files;  // "config/settings.yml" -> ...
  std::set<std::string> dirs;                 // "config", "config/jets", ...
  std::string unavailable;                    // non-empty: why none were read (a git revision)
  // As bytes, for a process that hands Sources to another (a server's worker).
  std::string Encode() const;
  bool Decode(const std::string& bytes);  // false: not what Encode wrote
};

// The config files of one checkout, read before evaluation: the VM never opens a file.
struct Sources {
  std::string root;                           // for messages only
  std::map<std::string, std::string> files;   // "config/jets/deploy.rb" -> its text
  CheckoutFiles checkout;                     // the rest of config/, when a config may read it
  // Reads config/jets/**/*.rb and config/jets/info.yml below `dir`.
  static Status FromDirectory(const std::string& dir, Sources* out);
  // Reads the same files from a git revision of the repository holding `dir`, without a checkout.
  static Status FromGitRevision(const std::string& dir, const std::string& rev, Sources* out);
  // As bytes, for a process that hands Sources to another (a sandboxed child, a server's worker).
  std::string Encode() const;
  // Reads what Encode wrote at `*pos` and moves past it; false when the bytes are not that.
  bool Decode(const std::string& bytes, size_t* pos);
};

struct EvalOptions {
  std::string env;     // empty: JETS_ENV from `environment`, else "dev"
  std::string extra;   // empty: JETS_EXTRA from `environment`
  Facts facts;         // --region/--account/--s3-bucket merged over --facts
  Limits limits;
  // The environment jetsam takes JETS_ENV, JETS_EXTRA, JETS_AWS_REGION and AWS_REGION from, and
  // that the config sees as ENV (read-only). Empty: this process's environment.
  std::optional<std::map<std::string, std::string>> environment;
  // Set: the config's ENV holds only these of `environment`'s variables, besides the JETS_ENV
  // and JETS_EXTRA that jetsam sets (an empty set hides all others). For a CI job that
  // evaluates a branch it does not trust: its secrets stay out of the sandbox and the output.
  std::optional<std::set<std::string>> config_env;
  // Gems whose `require` is skipped with a notice instead of failing (--allow-require).
  std::vector<std::string> allow_require;
  // true: evaluate in a child process with rlimits and a syscall filter (the CLI's way).
  // false: in this process, memory-bounded only; for trusted input and benchmarks.
  bool isolate = true;
  // Code run after the checkout's own files, in this order, each as a config file of its own
  // (its changes are attributed to `name` at the line it runs): `jetsam run`'s variants of a
  // project. Empty for every command.
  struct ExtraFile {
    std::string name;
    std::string text;
    Phase phase = Phase::kDeploy;  // run at the end of this phase, before its settings are read
  };
  std::vector<ExtraFile> after;
  // Set (in this process: isolate = false), an evaluation with code in `after` resumes from the
  // store's copy of an evaluation with the same inputs up to the first phase that has some (the
  // state after that phase's checkout files), and leaves one there for the next. The output is
  // the same as without it; only faster. The store is for evaluations of Sources that stay alive
  // and unchanged while it is used (a script's checkouts, read once).
  std::shared_ptr<EvalCheckpoints> checkpoints;
};

// Runs project, bootstrap and deploy (each NAME.rb then NAME/ENV.rb), then the other
// config/jets/*.rb files, and captures every setting with its origin.
//
// Every evaluation starts from a pristine Ruby VM. In this process (isolate = false) it is a
// copy of a VM prepared once per process (copying it back costs a fraction of building one);
// an isolated evaluation's child uses that copy only when the process
// prepared it beforehand (PrepareEvaluations), and otherwise builds its own.
Status Evaluate(const Sources& sources, const EvalOptions& options, EvalResult* result);

// For a process about to evaluate a checkout, isolated: forks the sandboxed child of that
// evaluation now, so that its set-up runs while this process parses its arguments and reads the
// checkout. The next isolated Evaluate runs in it (under its own limits); unused, it exits by
// itself when this process does.
void StartEvaluationEarly();

// Prepares this process's VM now, so that each later evaluation, isolated or not, starts from
// a copy of it. Worth it for a process that evaluates more than once (diff, a server).
// False when the VM cannot be built (evaluations then build their own).
bool PrepareEvaluations();

// The build step that embeds the prepared VM in the executable (`jetsam --write-vm-image PATH`):
// writes a copy of this executable, its VM built in, to `path`, then runs that copy with
// kLearnVmWrites and records in it which of the VM's pages an evaluation writes (mapped ahead
// for writing, the others for reading). See host/vm/image.h.
Status WriteExecutableWithVm(const std::string& path);

// `jetsam --learn-vm-writes`, run by WriteExecutableWithVm in the executable it wrote: evaluates
// a sample project in this process with the embedded VM mapped page by page, and gives the pages
// it wrote (hex, one bit a page); empty when there is no embedded VM or the pages cannot be told.
constexpr const char* kLearnVmWrites = "--learn-vm-writes";
std::string LearnImageWrites();

}  // namespace jetsam
