// jetsam compile: the roles Jets would deploy, as CloudFormation, YAML or a JSON report.
#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/emit.h"

namespace jetsam::cli {
namespace {

struct CompileArgs {
  ProjectOptions project;
  std::vector<std::string> roles;
  std::string format = "cfn";
};

int RunCompile(const CompileArgs& a) {
  CompileOptions options;
  Status s = ParseRoles(a.roles, &options.roles, /*allow_deploy_user=*/true);
  if (!s.ok()) return Fail(s);
  EvalResult eval;
  s = EvaluateProject(a.project, &eval);
  PrintConfigOutput(eval.output);
  if (!s.ok()) return Fail(s);
  Compiled compiled;
  s = Compile(eval, options, &compiled);
  if (!s.ok()) return Fail(s);
  PrintNotices(compiled.notices);
  std::string out = a.format == "yaml" ? EmitYaml(compiled) : a.format == "json" ? EmitReport(compiled) : EmitCfn(compiled);
  fmt::print("{}", out);
  return 0;
}

}  // namespace

Command RegisterCompile(CLI::App& root) {
  static CompileArgs args;
  auto* cmd = root.add_subcommand("compile", "Compile the IAM roles Jets would deploy for a checkout");
  cmd->footer(
      "Roles: codebuild (CodebuildRole, the remote runner), lambda (IamRole, the app's functions),\n"
      "ci (CiRole, the CI runner); all = the three roles Jets creates. deploy-user is the policy of\n"
      "whoever runs `jets deploy` (see jetsam compile --role deploy-user --help).\n\n"
      "Examples:\n"
      "  jetsam compile                         # the current checkout, env dev, CloudFormation JSON\n"
      "  jetsam compile ~/app --env prod --role lambda --format yaml\n"
      "  jetsam compile --account 123456789012 --region us-west-2 --facts facts.yml\n");
  AddProjectOptions(cmd, &args.project);
  cmd->add_option("--role", args.roles, "codebuild, lambda, ci, deploy-user or all (default: all); repeatable");
  cmd->add_option("--format", args.format, "cfn (default), yaml, or json (a report for programs)")
      ->check(CLI::IsMember({"cfn", "yaml", "json"}));
  return {cmd, [] { return RunCompile(args); }};
}

}  // namespace jetsam::cli
