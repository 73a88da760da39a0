// jetsam lint: the IAM findings of a checkout (rules: jetsam/analyze.h LintRules()).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "cli/common.h"
#include "jetsam/analyze.h"

namespace jetsam::cli {
namespace {

struct LintArgs {
  ProjectOptions project;
  std::string format = "text";
  bool strict = false;
};

// The checkout as the working directory sees it: "" or "samples/demo/" (SARIF URIs are
// relative to the repository root, which is usually where lint runs).
std::string UriPrefix(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path rel = fs::relative(fs::absolute(dir, ec), fs::current_path(ec), ec);
  if (ec || rel.empty() || rel == ".") return "";
  std::string s = rel.generic_string();
  return s.back() == '/' ? s : s + "/";
}

int RunLint(const LintArgs& a) {
  EvalResult eval;
  Status s = EvaluateProject(a.project, &eval);
  if (!s.ok()) {
    Fail(s);
    return 2;  // lint's contract: 2 when the config cannot be evaluated
  }
  Compiled compiled;
  s = Compile(eval, CompileOptions{}, &compiled);
  if (!s.ok()) {
    Fail(s);
    return 2;
  }
  std::vector<Finding> findings = Lint(eval, compiled);
  const TextStyle style = StdoutStyle();
  if (a.format == "json") {
    fmt::print("{}", EmitLintJson(findings));
  } else if (a.format == "sarif") {
    std::string fallback = "config/jets/deploy.rb";
    if (std::find(eval.files.begin(), eval.files.end(), fallback) == eval.files.end() && !eval.files.empty())
      fallback = eval.files.front();
    fmt::print("{}", EmitSarif(findings, UriPrefix(a.project.dir), fallback));
  } else {
    fmt::print("{}", EmitLintText(findings, style));
  }
  const LintSummary sum = Summarize(findings);
  return sum.errors > 0 || (a.strict && sum.warnings > 0) ? 1 : 0;
}

}  // namespace

Command RegisterLint(CLI::App& root) {
  static LintArgs args;
  auto* cmd = root.add_subcommand("lint", "Check a checkout's IAM settings against the AWS IAM reference, offline");
  // The rule list comes from LintRules(), wrapped at 100 columns (no catalog is loaded for it).
  std::string rules = "Rules:";
  std::size_t column = rules.size();
  for (const auto& r : LintRules()) {
    const std::string word = std::string(" ") + r.id + ",";
    if (column + word.size() > 100) rules += "\n", column = 0;
    rules += column == 0 ? word.substr(1) : word;
    column += column == 0 ? word.size() - 1 : word.size();
  }
  rules.back() = '.';
  cmd->footer(
      rules + "\nFindings on Jets' own defaults are information, shown once.\n\n"
      "Exit: 0 no error (with --strict: no warning either), 1 findings, 2 the config cannot be evaluated\n"
      "or the call is wrong.\n\n"
      "Examples:\n"
      "  jetsam lint                          # the current checkout, env dev\n"
      "  jetsam lint ~/app --env prod --strict\n"
      "  jetsam lint --format sarif > jetsam.sarif   # for GitHub code scanning\n");
  AddProjectOptions(cmd, &args.project);
  cmd->add_option("--format", args.format, "text (default), json or sarif (SARIF 2.1.0)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_flag("--strict", args.strict, "exit 1 on warnings too");
  return {cmd, [] { return RunLint(args); }};
}

}  // namespace jetsam::cli
