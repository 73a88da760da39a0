// jetsam explain: per role, policy and statement, where each action and resource came from.
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/emit.h"
#include "jetsam/explain.h"
#include "jetsam/version.h"

namespace jetsam::cli {
namespace {

struct ExplainArgs {
  ProjectOptions project;
  std::vector<std::string> roles;
  std::string format = "text";
  std::string deploy_scope = "tailored";
  DeployUserOptions deploy_user;
};

int RunExplain(ExplainArgs& a) {
  CompileOptions options;
  Status s = ParseRoles(a.roles, &options.roles, /*allow_deploy_user=*/true);
  if (!s.ok()) return Fail(s);
  a.deploy_user.scope = *ParseDeployScope(a.deploy_scope);
  EvalResult eval;
  Compiled compiled;
  Status rest;  // the roles a later phase's error stopped: reported after the ones explained
  s = EvaluateAndCompile(a.project, nullptr, options, &a.deploy_user, &eval, &compiled, &rest);
  if (!s.ok()) return Fail(s);
  const Json explained = Explain(compiled, eval.settings);
  if (a.format == "json") {
    fmt::print("{}", JsonText(explained));
  } else {
    fmt::print("{}", ExplainText(explained, StdoutStyle()));
  }
  return rest.ok() ? 0 : FailMissing(rest, eval, compiled);
}

}  // namespace

Command RegisterExplain(CLI::App& root) {
  static ExplainArgs args;
  auto* cmd = root.add_subcommand("explain", "Show where every action and resource of the roles came from");
  cmd->footer(
      "For each role, policy and statement: each action and resource with its origin (a Jets default and\n"
      "the setting that holds it, or the file:line that set or added it, and the env overlay that did),\n"
      "the policies a switch adds (VPC config, jobs) with the setting that switched them on, notes where\n"
      "Jets " JETSAM_JETS_VERSION " differs from its docs, and a summary per role. Colour on a terminal unless NO_COLOR.\n\n"
      "Examples:\n"
      "  jetsam explain samples/demo --facts samples/facts.yml\n"
      "  jetsam explain --env prod --role lambda\n"
      "  jetsam explain --role deploy-user          # the tailored deploy user, each statement's reasons\n");
  AddProjectOptions(cmd, &args.project);
  AddRoleViewOptions(cmd, &args.roles, &args.format, &args.deploy_scope, &args.deploy_user);
  return {cmd, [] { return RunExplain(args); }};
}

}  // namespace jetsam::cli
