// jetsam can: may a compiled role do ACTION (on RESOURCE)? Offline, like test(1). Several
// actions in one call, or a JSON Lines batch of questions against one evaluation.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <map>

#include "cli/can_batch.h"
#include "cli/common.h"
#include "jetsam/analyze.h"

namespace jetsam::cli {
namespace {

struct CanArgs {
  ProjectOptions project;
  std::vector<std::string> positional;  // ROLE ACTION... [RESOURCE] [DIR], or [DIR] with --batch
  std::string format = "text";
  std::vector<std::string> context;     // KEY=VALUE
  std::vector<std::string> absent;      // KEY
  std::string batch;                    // FILE or -
};

bool LooksLikeResource(const std::string& s) { return s == "*" || s.rfind("arn:", 0) == 0; }
bool LooksLikeAction(const std::string& s) {
  return s.find(':') != std::string::npos && s.find('/') == std::string::npos && !LooksLikeResource(s);
}

// Evaluates and compiles the checkout: exit 2 (trouble) when it cannot be.
Status Prepare(const ProjectOptions& project, EvalResult* eval, Compiled* compiled) {
  if (Status s = EvaluateProject(project, eval); !s.ok()) return s;
  if (Status s = Compile(*eval, CompileOptions{}, compiled); !s.ok()) return s;
  PrintNotices(compiled->notices);
  return Status::Ok();
}

int Unanswerable(const Status& s) {
  Fail(s);
  return 2;
}

int RunBatch(CanArgs& a, const RequestContext& base) {
  if (a.positional.size() > 1) {
    return Fail(Status::Usage("can --batch takes at most a DIR: the questions are in the file",
                              "e.g. jetsam can --batch queries.jsonl ~/app"));
  }
  if (a.positional.size() == 1) a.project.dir = a.positional[0];
  // Every line is read and checked before the checkout is evaluated: a bad line answers nothing.
  std::vector<BatchQuery> queries;
  if (Status s = ReadBatch(a.batch, base, &queries); !s.ok()) return Fail(s);
  EvalResult eval;
  Compiled compiled;
  if (Status s = Prepare(a.project, &eval, &compiled); !s.ok()) return Unanswerable(s);
  const std::string partition = PartitionOfRegion(eval.facts.region);
  // Each role made ready once, before the first answer is written.
  std::map<std::string, CanEvaluator> evaluators;
  for (const BatchQuery& q : queries) {
    if (evaluators.count(q.role)) continue;
    const Role* role = FindRole(compiled, q.role);
    if (!role) return Unanswerable(Status::Usage(fmt::format("{}: no such role in this checkout", q.role)));
    evaluators.emplace(q.role, CanEvaluator(*role));
  }
  std::string out;
  bool all_allowed = true;
  for (BatchQuery& q : queries) {
    const auto it = evaluators.find(q.role);
    q.request.partition = partition;
    CanAnswer answer;
    if (Status s = it->second.Ask(q.request, &answer); !s.ok()) return Unanswerable(s);
    all_allowed = all_allowed && answer.decision == CanAnswer::Decision::kAllowed;
    out += EmitCanJsonLine(answer, q.line);
    // Every line was checked before: nothing can fail from here on, so answers stream out.
    if (out.size() >= (1u << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return all_allowed ? 0 : 1;
}

int RunCan(CanArgs a) {
  RequestContext base;
  if (Status s = ParseRequestContext(a.context, a.absent, CanContextNames{}, &base); !s.ok()) return Fail(s);
  if (!a.batch.empty()) return RunBatch(a, base);
  const auto& p = a.positional;
  if (p.size() < 2) {
    return Fail(Status::Usage("can takes ROLE ACTION... [RESOURCE] [DIR]",
                              "e.g. jetsam can lambda s3:PutObject arn:aws:s3:::my-bucket/uploads/x"));
  }
  std::vector<std::string> actions;
  std::string resource;
  for (std::size_t i = 1; i < p.size(); ++i) {
    if (resource.empty() && LooksLikeResource(p[i]) && !actions.empty()) {
      resource = p[i];
    } else if (LooksLikeAction(p[i]) && resource.empty()) {
      actions.push_back(p[i]);
    } else if (i + 1 == p.size() && !actions.empty()) {
      a.project.dir = p[i];
    } else {
      return Fail(Status::Usage(fmt::format("{}: not an action, a resource ARN or the checkout", p[i]),
                                "can takes ROLE ACTION... [RESOURCE] [DIR]"));
    }
  }
  if (actions.empty()) {
    return Fail(Status::Usage(fmt::format("{}: not an action (service:Action, e.g. s3:GetObject)", p[1]),
                              "can takes ROLE ACTION... [RESOURCE] [DIR]"));
  }
  if (!IsCanRole(p[0])) {
    return Fail(Status::Usage(fmt::format("{}: no such role", p[0]),
                              p[0] == "deploy-user" ? "can evaluates the roles Jets creates: codebuild, lambda or ci"
                                                    : "choose codebuild, lambda or ci (or CodebuildRole, IamRole, CiRole)"));
  }
  // The questions first: a misspelt action or an unknown ARN form needs no evaluation to tell.
  std::vector<CanRequest> requests;
  for (const auto& action : actions) {
    CanRequest r;
    r.action = action;
    r.resource = resource;
    r.context = base;
    if (Status q = CheckCanRequest(r); !q.ok()) return Fail(q);
    requests.push_back(std::move(r));
  }
  EvalResult eval;
  Compiled compiled;
  if (Status s = Prepare(a.project, &eval, &compiled); !s.ok()) return Unanswerable(s);
  const Role* role = FindRole(compiled, p[0]);
  if (!role) return Fail(Status::Usage(fmt::format("{}: no such role", p[0])));
  const CanEvaluator evaluator(*role);
  const TextStyle style = StdoutStyle();
  std::string out;
  std::vector<CanAnswer> answers;
  bool all_allowed = true;
  for (CanRequest& r : requests) {
    r.partition = PartitionOfRegion(eval.facts.region);
    CanAnswer answer;
    if (Status s = evaluator.Ask(r, &answer); !s.ok()) return Unanswerable(s);
    all_allowed = all_allowed && answer.decision == CanAnswer::Decision::kAllowed;
    if (a.format != "json") {
      if (!out.empty()) out += "\n";
      out += EmitCanText(answer, style);
    }
    answers.push_back(std::move(answer));
  }
  if (a.format == "json") out = EmitCanJsonAnswers(answers);
  fmt::print("{}", out);
  return all_allowed ? 0 : 1;
}

}  // namespace

Command RegisterCan(CLI::App& root) {
  static CanArgs args;
  auto* cmd = root.add_subcommand("can", "May a role do ACTION on RESOURCE? Evaluated offline, like test(1)");
  cmd->footer(
      "ROLE: codebuild, lambda or ci (or CodebuildRole, IamRole, CiRole). ACTION: one action, e.g.\n"
      "s3:PutObject; several may follow one another. RESOURCE: an ARN; a pattern (or *) means every\n"
      "resource it names that the action acts on; none means some resource the action acts on.\n"
      "Evaluates the role's inline policies and its AWS managed policies (from the bundled catalog);\n"
      "an explicit Deny wins. A Condition or a policy variable in a Resource is decided from\n"
      "--context KEY=VALUE (repeat a key for several values) and --absent KEY; what they leave open\n"
      "gives \"allowed if: ...\", never a guess. A role IAM would refuse gives \"cannot deploy\".\n"
      "Service control policies, permission boundaries and resource policies are not seen.\n\n"
      "--batch FILE (or - for standard input): one question per line as JSON,\n"
      "  {\"role\": \"lambda\", \"action\": \"s3:GetObject\", \"resource\": \"arn:...\", \"context\": {\"aws:SourceIp\": \"203.0.113.7\"}}\n"
      "answered as JSON Lines against one evaluation of the checkout (DIR may follow).\n\n"
      "Exit: 0 when every answer is allowed; 1 when one is not allowed, denied, only allowed under\n"
      "a condition, or the role cannot be deployed; 2 trouble.\n\n"
      "Examples:\n"
      "  jetsam can lambda s3:PutObject arn:aws:s3:::my-bucket/uploads/a.png\n"
      "  jetsam can lambda s3:GetObject s3:PutObject 'arn:aws:s3:::my-bucket/*'\n"
      "  jetsam can ci sts:AssumeRole --context aws:SourceIp=203.0.113.7\n"
      "  jetsam can codebuild iam:PassRole ~/app --env prod --format json\n"
      "  jetsam can --batch queries.jsonl ~/app\n");
  cmd->add_option("ROLE ACTION... [RESOURCE] [DIR]", args.positional,
                  "the role, one or more actions, a resource ARN, the checkout");
  AddProjectOptions(cmd, &args.project, /*with_dir=*/false);
  cmd->add_option("--format", args.format, "text (default) or json (the whole answer)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--context", args.context, "a condition key's value in the request: KEY=VALUE (repeatable)");
  cmd->add_option("--absent", args.absent, "a condition key the request does not have (repeatable)");
  cmd->add_option("--batch", args.batch, "answer the JSON Lines questions of FILE (- for standard input)");
  return {cmd, [] { return RunCan(args); }};
}

}  // namespace jetsam::cli
