#include "cli/common.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <type_traits>

#include <fmt/format.h>

namespace jetsam::cli {

TextStyle StdoutStyle() { return TextStyle{isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr}; }

namespace {

// A number from `low` to `high`: CLI11's Range lets NaN through, which then turned into a time
// limit of -9.2e15 s.
template <typename T>
CLI::Validator Within(T low, T high, const char* description, const char* unit) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        T value{};
        bool number = CLI::detail::lexical_cast(text, value);
        if constexpr (std::is_floating_point_v<T>) number = number && std::isfinite(value);
        if (number && value >= low && value <= high) return "";
        return fmt::format("{} is not a number of {} from {} to {}", text, unit, low, high);
      },
      description);
}

}  // namespace

void AddProjectOptions(CLI::App* cmd, ProjectOptions* o, bool with_dir) {
  if (with_dir) cmd->add_option("DIR", o->dir, "the Jets checkout (default: the current directory)");
  cmd->add_option("--env", o->env, "the Jets env (default: $JETS_ENV, else dev)");
  cmd->add_option("--extra", o->extra, "the Jets extra (default: $JETS_EXTRA)");
  auto* aws = "AWS facts (offline answers to look-ups)";
  cmd->add_option("--region", o->region, "AWS region (default: $JETS_AWS_REGION, $AWS_REGION)")->group(aws);
  cmd->add_option("--account", o->account, "AWS account id (default: aws_account in config/jets/info.yml)")->group(aws);
  cmd->add_option("--s3-bucket", o->s3_bucket, "the Jets S3 bucket name")->group(aws);
  cmd->add_option("--facts", o->facts_file, "YAML/JSON file answering look-ups (see samples/facts.yml)")->group(aws);
  auto* limits = "Limits";
  cmd->add_option("--timeout", o->timeout_s, "CPU seconds one evaluation may use (default 3)")
      ->check(Within<double>(0.05, 600.0, "FLOAT in [0.05 - 600]", "CPU seconds"))->group(limits);
  cmd->add_option("--memory-limit", o->memory_mib, "MiB the Ruby VM may hold (default 256)")
      ->check(Within<int64_t>(8, 65536, "INT in [8 - 65536]", "MiB"))->group(limits);
  auto* env = "What the config sees";
  cmd->add_option("--pass-env", o->pass_env, "let only this environment variable into the config's ENV; repeatable")
      ->check(CLI::Validator(
          [](std::string& name) -> std::string {
            return name.empty() || name.find('=') != std::string::npos
                       ? "\"" + name + "\" is not the name of an environment variable"
                       : "";
          },
          "NAME"))
      ->group(env);
  cmd->add_flag("--no-env", o->no_env, "give the config an empty ENV (jetsam still sets JETS_ENV and JETS_EXTRA)")
      ->group(env);
  cmd->add_option("--allow-require", o->allow_require, "skip `require \"GEM\"` of this gem with a notice; repeatable")
      ->allow_extra_args(false)
      ->group(env);
  cmd->add_flag("--in-process", o->in_process, "evaluate without a sandboxed child process (trusted input only)")
      ->group("");
}

void AddRoleViewOptions(CLI::App* cmd, std::vector<std::string>* roles, std::string* format,
                        std::string* deploy_scope, DeployUserOptions* deploy_user) {
  cmd->add_option("--role", *roles, "codebuild, lambda, ci, deploy-user or all (default: the three Jets roles); repeatable");
  cmd->add_option("--format", *format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--deploy-scope", *deploy_scope, "with --role deploy-user: baseline, least, local or tailored (default)")
      ->check(CLI::IsMember({"baseline", "least", "local", "tailored"}));
  cmd->add_option("--prefix", deploy_user->prefix, "with --role deploy-user: the names' prefix (default: the project name)");
}

namespace {

Limits LimitsOf(const ProjectOptions& o) {
  Limits limits;
  limits.cpu_ms = static_cast<int64_t>(o.timeout_s * 1000);
  limits.memory_bytes = o.memory_mib << 20;
  return limits;
}

}  // namespace

Status BuildEvalOptions(const ProjectOptions& o, EvalOptions* out) {
  EvalOptions& options = *out;
  options.env = o.env;
  options.extra = o.extra;
  options.allow_require = o.allow_require;
  if (!o.facts_file.empty()) {
    Status s = Facts::Load(o.facts_file, &options.facts);
    if (!s.ok()) return s;
  }
  Facts flags;
  if (!o.region.empty()) flags.region = o.region;
  if (!o.account.empty()) flags.account = o.account;
  if (!o.s3_bucket.empty()) flags.s3_bucket = o.s3_bucket;
  options.facts.MergeFrom(flags);
  if (o.no_env && !o.pass_env.empty()) {
    return Status::Usage("--no-env hides every variable and --pass-env lets some through: give one or the other",
                         "--pass-env NAME alone lets only the named variables through");
  }
  if (o.no_env) {
    options.config_env.emplace();
  } else if (!o.pass_env.empty()) {
    options.config_env.emplace(o.pass_env.begin(), o.pass_env.end());
  }
  options.limits = LimitsOf(o);
  options.isolate = !o.in_process;
  return Status::Ok();
}

Status BuildCheckoutOptions(const ProjectOptions& o, CheckoutOptions* out) {
  EvalOptions options;
  if (Status s = BuildEvalOptions(o, &options); !s.ok()) return s;
  out->dir = o.dir;
  out->facts = options.facts;
  out->limits = options.limits;
  out->config_env = options.config_env;
  out->allow_require = options.allow_require;
  return Status::Ok();
}

namespace {

Status EvaluateWith(const EvalOptions& options, const Sources& sources, EvalResult* result) {
  Status s = Evaluate(sources, options, result);
  PrintConfigOutput(result->output);  // shown even when the evaluation failed: it may say why
  return s;
}

}  // namespace

Status EvaluateSources(const ProjectOptions& o, const Sources& sources, EvalResult* result) {
  EvalOptions options;
  if (Status s = BuildEvalOptions(o, &options); !s.ok()) return s;
  return EvaluateWith(options, sources, result);
}

Status EvaluateProject(const ProjectOptions& o, EvalResult* result) {
  // The evaluation's child sets itself up (the sandbox, the VM's pages) while this process reads
  // --facts and the checkout.
  if (!o.in_process) PrestartEvaluation(LimitsOf(o));
  EvalOptions options;
  if (Status s = BuildEvalOptions(o, &options); !s.ok()) return s;
  Sources sources;
  Status s = Sources::FromDirectory(o.dir, &sources);
  if (!s.ok()) return s;
  return EvaluateWith(options, sources, result);
}

Status EvaluateAndCompile(const ProjectOptions& o, const Sources* sources, CompileOptions options,
                          const DeployUserOptions* deploy_user, EvalResult* eval, Compiled* compiled, Status* rest) {
  Status s = sources ? EvaluateSources(o, *sources, eval) : EvaluateProject(o, eval);
  return CompileByPhase(*eval, s, std::move(options), deploy_user, compiled, rest);
}

int FailMissing(const Status& rest, const EvalResult& eval, const Compiled& compiled) {
  Fail(rest);
  fmt::print(stderr, "jetsam: {}\n", TextSafe(MissingRolesNote(eval, compiled)));
  return 1;
}

void PrintNotices(const std::vector<Notice>& notices) {
  for (const auto& n : notices) fmt::print(stderr, "{}\n", NoticeText(n));
}

void PrintConfigOutput(const std::string& output) {
  if (output.empty()) return;
  // Every line marked and escaped: what a config prints can neither pass for jetsam's own lines
  // nor reach the terminal as control sequences.
  std::string text = "--- the config printed:\n";
  for (size_t start = 0; start < output.size();) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    text += "| " + TextSafe(std::string_view(output).substr(start, end - start)) + "\n";
    start = end + 1;
  }
  fmt::print(stderr, "{}", text);
}

int Fail(const Status& status) {
  fmt::print(stderr, "jetsam: {}\n", StatusText(status));
  return status.ExitCode();
}

}  // namespace jetsam::cli
