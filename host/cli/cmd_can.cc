// jetsam can: may a compiled role do ACTION (on RESOURCE)? Offline, like test(1).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/common.h"
#include "jetsam/analyze.h"

namespace jetsam::cli {
namespace {

struct CanArgs {
  ProjectOptions project;
  std::vector<std::string> positional;  // ROLE ACTION [RESOURCE] [DIR]
  std::string format = "text";
};

bool LooksLikeResource(const std::string& s) { return s == "*" || s.rfind("arn:", 0) == 0; }

int RunCan(CanArgs a) {
  const auto& p = a.positional;
  if (p.size() < 2 || p.size() > 4) {
    return Fail(Status::Usage("can takes ROLE ACTION [RESOURCE] [DIR]",
                              "e.g. jetsam can lambda s3:PutObject arn:aws:s3:::my-bucket/uploads/x"));
  }
  CanRequest request;
  request.action = p[1];
  if (p.size() == 4) {
    request.resource = p[2];
    a.project.dir = p[3];
  } else if (p.size() == 3) {
    if (LooksLikeResource(p[2])) request.resource = p[2];
    else a.project.dir = p[2];
  }
  if (!ParseRoleKind(p[0]) && p[0] != "CodebuildRole" && p[0] != "IamRole" && p[0] != "CiRole") {
    return Fail(Status::Usage(fmt::format("{}: no such role", p[0]),
                              "choose codebuild, lambda or ci (or CodebuildRole, IamRole, CiRole)"));
  }
  if (p[0] == "deploy-user") {
    return Fail(Status::Usage("can evaluates the roles Jets creates: codebuild, lambda or ci"));
  }
  // The question first: a misspelt action or an unknown ARN form needs no evaluation to tell.
  CanAnswer answer;
  Role no_role;
  if (Status q = Can(no_role, request, &answer); !q.ok()) return Fail(q);
  EvalResult eval;
  Status s = EvaluateProject(a.project, &eval);
  if (!s.ok()) {
    Fail(s);
    return 2;
  }
  Compiled compiled;
  s = Compile(eval, CompileOptions{}, &compiled);
  if (!s.ok()) {
    Fail(s);
    return 2;
  }
  PrintNotices(compiled.notices);
  const Role* role = FindRole(compiled, p[0]);
  if (!role) return Fail(Status::Usage(fmt::format("{}: no such role", p[0])));
  s = Can(*role, request, &answer);
  if (!s.ok()) {
    Fail(s);
    return 2;
  }
  const TextStyle style = StdoutStyle();
  fmt::print("{}", a.format == "json" ? EmitCanJson(answer) : EmitCanText(answer, style));
  return answer.decision == CanAnswer::Decision::kAllowed ? 0 : 1;
}

}  // namespace

Command RegisterCan(CLI::App& root) {
  static CanArgs args;
  auto* cmd = root.add_subcommand("can", "May a role do ACTION on RESOURCE? Evaluated offline, like test(1)");
  cmd->footer(
      "ROLE: codebuild, lambda or ci (or CodebuildRole, IamRole, CiRole). ACTION: one action, e.g.\n"
      "s3:PutObject. RESOURCE: an ARN (wildcards: allowed on all it names), or none: on some resource.\n"
      "Evaluates the role's inline policies and its AWS managed policies (from the bundled catalog);\n"
      "an explicit Deny wins; a statement with a Condition gives \"allowed if: ...\", never a guess.\n"
      "Service control policies, permission boundaries and resource policies are not seen.\n\n"
      "Exit: 0 allowed, 1 not allowed, denied or only allowed under a condition, 2 trouble.\n\n"
      "Examples:\n"
      "  jetsam can lambda s3:PutObject arn:aws:s3:::my-bucket/uploads/a.png\n"
      "  jetsam can codebuild iam:PassRole ~/app --env prod --format json\n");
  cmd->add_option("ROLE ACTION [RESOURCE] [DIR]", args.positional, "the role, the action, a resource ARN, the checkout")
      ->required();
  AddProjectOptions(cmd, &args.project, /*with_dir=*/false);
  cmd->add_option("--format", args.format, "text (default) or json (the whole answer)")
      ->check(CLI::IsMember({"text", "json"}));
  return {cmd, [] { return RunCan(args); }};
}

}  // namespace jetsam::cli
