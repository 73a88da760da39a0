// jetsam compile: the roles Jets would deploy, as CloudFormation, YAML or a JSON report; and the
// deploy user's policy (--role deploy-user), also as an aws-cli script.
#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/emit.h"

namespace jetsam::cli {
namespace {

struct CompileArgs {
  ProjectOptions project;
  std::vector<std::string> roles;
  std::string format = "cfn";
  std::string deploy_scope = "tailored", group = "Jets", user;
  DeployUserOptions deploy_user;
};

// With only the deploy user asked for, json is its policy document (what put-group-policy takes).
std::string EmitDeployUserOnly(const CompileArgs& a, const Compiled& compiled) {
  const Role& role = compiled.roles.front();
  if (a.format == "json") return JsonText(PolicyDocument(role.policies.front()));
  AwsCliOptions cli;
  cli.group = a.group;
  cli.user = a.user;
  cli.header = fmt::format("The IAM group that runs `jets deploy` for {}: jetsam compile --role deploy-user --deploy-scope {}",
                           compiled.facts.name.empty() ? "this project" : compiled.facts.name, a.deploy_scope);
  return EmitAwsCli(role, cli);
}

int RunCompile(CompileArgs& a) {
  CompileOptions options;
  Status s = ParseRoles(a.roles, &options.roles, /*allow_deploy_user=*/true);
  if (!s.ok()) return Fail(s);
  const bool deploy_user_only = options.roles == std::vector<RoleKind>{RoleKind::kDeployUser};
  if (a.format == "aws-cli" && !deploy_user_only)
    return Fail(Status::Usage("--format aws-cli writes the deploy user's group only", "add --role deploy-user"));
  const std::pair<const char*, std::string> names[] = {
      {"--group", a.group}, {"--policy-name", a.deploy_user.policy_name}, {"--user", a.user.empty() ? "x" : a.user}};
  for (const auto& [flag, name] : names) {
    if (!IsIamName(name))
      return Fail(Status::Usage(fmt::format("{} '{}': not an IAM name", flag, name),
                                "IAM names are 1 to 128 of A-Z a-z 0-9 + = , . @ _ -"));
  }
  a.deploy_user.scope = *ParseDeployScope(a.deploy_scope);
  EvalResult& eval = KeptUntilExit<EvalResult>();
  Compiled& compiled = KeptUntilExit<Compiled>();
  Status rest;  // the roles a later phase's error stopped: reported after the ones built
  s = EvaluateAndCompile(a.project, nullptr, options, &a.deploy_user, &eval, &compiled, &rest);
  if (!s.ok()) return Fail(s);
  PrintNotices(compiled.notices);
  std::string out;
  if (deploy_user_only && (a.format == "json" || a.format == "aws-cli")) out = EmitDeployUserOnly(a, compiled);
  else if (a.format == "json") out = EmitReport(compiled);
  else if (a.format == "yaml") out = ToYaml(RolesResources(compiled, a.group));
  else out = JsonText(RolesResources(compiled, a.group));
  fmt::print("{}", out);
  return rest.ok() ? 0 : FailMissing(rest, eval, compiled);
}

}  // namespace

Command RegisterCompile(CLI::App& root) {
  static CompileArgs args;
  auto* cmd = root.add_subcommand("compile", "Compile the IAM roles Jets would deploy for a checkout");
  cmd->footer(
      "Roles: codebuild (CodebuildRole, the remote runner), lambda (IamRole, the app's functions),\n"
      "ci (CiRole, the CI runner); all = the three roles Jets creates. deploy-user is the policy of\n"
      "whoever runs `jets deploy` (see jetsam compile --role deploy-user --help).\n"
      "Each role needs only the config files Jets reads for it: the CodeBuild role comes from project.rb,\n"
      "the dotenv files and bootstrap.rb; when deploy.rb (or a later file) fails, the CodeBuild role is\n"
      "still printed, and jetsam exits 1 naming the file that stopped the others.\n\n"
      "Examples:\n"
      "  jetsam compile                         # the current checkout, env dev, CloudFormation JSON\n"
      "  jetsam compile ~/app --env prod --role lambda --format yaml\n"
      "  jetsam compile --account 123456789012 --region us-west-2 --facts facts.yml\n"
      "  jetsam compile --role deploy-user --deploy-scope least --format aws-cli --user ci-deployer\n\n"
      "The deploy user (--role deploy-user): the IAM group whoever runs `jets deploy` belongs to.\n"
      "  --deploy-scope baseline  the docs' nine services, service:* on *\n"
      "  --deploy-scope least     the docs' least-privilege statements, names scoped to PREFIX-*\n"
      "  --deploy-scope local     the services Jets 6's local `jets deploy` calls\n"
      "  --deploy-scope tailored  (default) what this project's settings need, names scoped to PREFIX-*\n"
      "With --role deploy-user alone, --format json prints the policy document and --format aws-cli a\n"
      "bash script that creates the group (and --user), puts the policy and attaches --managed extras.\n");
  AddProjectOptions(cmd, &args.project);
  cmd->add_option("--role", args.roles, "codebuild, lambda, ci, deploy-user or all (default: all); repeatable");
  cmd->add_option("--format", args.format,
                  "cfn (default), yaml, json (a report for programs; the policy document for deploy-user alone), "
                  "or aws-cli (deploy-user only)")
      ->check(CLI::IsMember({"cfn", "yaml", "json", "aws-cli"}));
  auto* du = "Deploy user (--role deploy-user)";
  cmd->add_option("--deploy-scope", args.deploy_scope, "baseline, least, local or tailored (default)")
      ->check(CLI::IsMember({"baseline", "least", "local", "tailored"}))->group(du);
  cmd->add_option("--prefix", args.deploy_user.prefix, "least/tailored: the names' prefix (default: the project name)")
      ->group(du);
  cmd->add_option("--group", args.group, "the IAM group's name (default: Jets)")->group(du);
  cmd->add_option("--policy-name", args.deploy_user.policy_name, "the inline policy's name (default: JetsPolicy)")
      ->group(du);
  cmd->add_option("--user", args.user, "aws-cli: also create this IAM user and add it to the group")->group(du);
  cmd->add_option("--managed", args.deploy_user.managed,
                  "a managed policy to attach to the group (service-role/AWSConfigRole or an ARN); repeatable")
      ->group(du);
  return {cmd, [] { return RunCompile(args); }};
}

}  // namespace jetsam::cli
