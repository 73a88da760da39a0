// jetsam diff: what one env (or the working tree) grants that another (or a git revision) does
// not, and the reverse. Exit status as diff(1): 0 no difference, 1 differences, 2 trouble.
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/diff.h"
#include "jetsam/emit.h"

namespace jetsam::cli {
namespace {

struct DiffArgs {
  ProjectOptions project;
  std::vector<std::string> envs;
  std::string rev;
  std::vector<std::string> roles;
  std::string format = "text";
  std::string deploy_scope = "tailored";
  DeployUserOptions deploy_user;
};

constexpr int kTrouble = 2;

int Trouble(const Status& s) {
  Fail(s);
  return kTrouble;
}

Status CompileSide(const ProjectOptions& project, const Sources& sources, const CompileOptions& options,
                   const DeployUserOptions& deploy_user, Compiled* out, Status* rest, std::string* note) {
  EvalResult eval;
  Status s = EvaluateAndCompile(project, &sources, options, &deploy_user, &eval, out, rest);
  if (s.ok()) PrintNotices(out->notices);
  *note = MissingRolesNote(eval, *out);
  return s;
}

int RunDiff(DiffArgs& a) {
  CompileOptions options;
  Status s = ParseRoles(a.roles, &options.roles, /*allow_deploy_user=*/true);
  if (!s.ok()) return Trouble(s);
  a.deploy_user.scope = *ParseDeployScope(a.deploy_scope);
  const bool by_rev = !a.rev.empty();
  if (by_rev ? a.envs.size() > 1 : a.envs.size() != 2) {
    return Trouble(Status::Usage(by_rev ? "--rev compares one env: give --env at most once"
                                        : "give two envs to compare (--env A --env B) or a git revision (--rev REV)",
                                 "jetsam diff --env dev --env prod, or jetsam diff --rev HEAD~1"));
  }
  ProjectOptions pa = a.project, pb = a.project;
  Sources sa, sb;
  std::string la, lb;
  if (by_rev) {
    pa.env = pb.env = a.envs.empty() ? "" : a.envs[0];
    if (s = Sources::FromGitRevision(a.project.dir, a.rev, &sa); !s.ok()) return Trouble(s);
    la = a.rev;
    lb = "working tree";
  } else {
    pa.env = a.envs[0];
    pb.env = a.envs[1];
    if (s = Sources::FromDirectory(a.project.dir, &sa); !s.ok()) return Trouble(s);
    la = "env " + pa.env;
    lb = "env " + pb.env;
  }
  if (s = Sources::FromDirectory(a.project.dir, &sb); !s.ok()) return Trouble(s);
  Compiled ca, cb;
  PrepareEvaluations();  // two evaluations: build the Ruby VM once here, not in each child
  Status rest_a, rest_b;  // the roles a later phase's error stopped, on either side
  std::string note_a, note_b;
  if (s = CompileSide(pa, sa, options, a.deploy_user, &ca, &rest_a, &note_a); !s.ok()) return Trouble(s);
  if (s = CompileSide(pb, sb, options, a.deploy_user, &cb, &rest_b, &note_b); !s.ok()) return Trouble(s);
  if (by_rev && !pa.env.empty()) {
    la += " (env " + pa.env + ")";
    lb += " (env " + pb.env + ")";
  }
  DropUnbuiltRoles(&ca, &cb, &la, &lb);
  const Json diff = DiffRoles(ca, cb, la, lb);
  if (a.format == "json") {
    fmt::print("{}", JsonText(diff));
  } else {
    fmt::print("{}", DiffText(diff, StdoutStyle()));
  }
  // The roles compared are printed; those one side could not build make it trouble.
  for (const auto& [rest, note] : {std::pair{&rest_a, &note_a}, {&rest_b, &note_b}}) {
    if (rest->ok()) continue;
    Fail(*rest);
    fmt::print(stderr, "jetsam: {}\n", TextSafe(*note));
    return kTrouble;
  }
  return DiffHasChanges(diff) ? 1 : 0;
}

}  // namespace

Command RegisterDiff(CLI::App& root) {
  static DiffArgs args;
  auto* cmd = root.add_subcommand("diff", "Compare what the roles grant between two envs, or against a git revision");
  cmd->footer(
      "Role by role: the statements, actions and resources b grants that a does not (+) and the reverse (-),\n"
      "each with the file:line or Jets default it came from.\n"
      "Exit: 0 no difference, 1 differences, 2 trouble (as diff(1)).\n\n"
      "Examples:\n"
      "  jetsam diff samples/demo --env dev --env prod --facts samples/facts.yml\n"
      "  jetsam diff --rev HEAD~1                 # a: config/jets/ at HEAD~1 (read from git), b: the working tree\n"
      "  jetsam diff --rev main --env prod --format json\n");
  AddProjectOptions(cmd, &args.project);
  cmd->remove_option(cmd->get_option("--env"));
  cmd->add_option("--env", args.envs, "twice: the two envs to compare (a, then b); with --rev, at most once");
  cmd->add_option("--rev", args.rev, "a git revision: compare its config/jets/ (a) with the working tree (b)");
  AddRoleViewOptions(cmd, &args.roles, &args.format, &args.deploy_scope, &args.deploy_user);
  return {cmd, [] { return RunDiff(args); }};
}

}  // namespace jetsam::cli
