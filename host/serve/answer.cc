#include "serve/answer.h"

#include <fmt/format.h>

#include "jetsam/analyze.h"
#include "jetsam/compile.h"
#include "jetsam/diff.h"
#include "jetsam/emit.h"
#include "jetsam/explain.h"
#include "eval/byte_fields.h"
#include "eval/codec.h"
#include "vm/isolate.h"

namespace jetsam::serve {
namespace {

// ---- answering ----

EvalOptions OptionsFor(const CheckoutOptions& c, const std::string& env, const std::string& extra) {
  EvalOptions o;
  o.env = env;
  o.extra = extra;
  o.facts = c.facts;
  o.limits = c.limits;
  o.config_env = c.config_env;
  o.allow_require = c.allow_require;
  o.isolate = false;  // the worker is the sandbox
  return o;
}

// What a command printed, and, when a later phase stopped part of it, the error it gives after
// (and for roles, which ones it left out): then the command exits non-zero.
struct Output {
  std::string text;
  std::string content_type = "application/json";
  Status rest;
  std::string not_built;
};

// Evaluates and compiles by the phase rule, as the command line's EvaluateAndCompile.
Status EvaluateAndCompile(const Evaluator& evaluate, const Sources& sources, const EvalOptions& options,
                          const CompileOptions& compile, const DeployUserOptions* deploy_user, EvalResult* eval,
                          Compiled* compiled, Output* out) {
  const Status evaluated = evaluate(sources, options, eval);
  Status rest;
  if (Status s = CompileByPhase(*eval, evaluated, compile, deploy_user, compiled, &rest); !s.ok()) return s;
  if (!rest.ok()) {
    out->rest = rest;
    out->not_built = MissingRolesNote(*eval, *compiled);
  }
  return Status::Ok();
}

Status AnswerCan(const Job& job, const CheckoutOptions& c, const Evaluator& evaluate, const std::string& env, Output* out,
                 bool* all_allowed) {
  const Request& q = job.request;
  // In jetsam can's order: the questions first (no evaluation needed to refuse them), then one
  // evaluation of every role (can takes no role from a partial evaluation), then the answers.
  RequestContext context;
  if (Status s = ParseRequestContext(q.context, q.absent, CanContextNames{"context=", "absent="}, &context); !s.ok())
    return s;
  std::vector<CanRequest> requests;
  for (const auto& action : q.actions) {
    CanRequest r{action, q.resource};
    r.context = context;
    if (Status s = CheckCanRequest(r); !s.ok()) return s;
    requests.push_back(std::move(r));
  }
  EvalResult eval;
  Compiled compiled;
  if (Status s = evaluate(*job.current, OptionsFor(c, env, q.extra), &eval); !s.ok()) return s;
  if (Status s = Compile(eval, CompileOptions{}, &compiled); !s.ok()) return s;
  const Role* role = FindRole(compiled, q.roles[0]);
  if (!role) return Status::Usage(fmt::format("{}: no such role", q.roles[0]));
  const CanEvaluator evaluator(*role);
  std::vector<CanAnswer> answers;
  *all_allowed = true;
  for (CanRequest& r : requests) {
    r.partition = PartitionOfRegion(eval.facts.region);
    CanAnswer answer;
    if (Status s = evaluator.Ask(r, &answer); !s.ok()) return s;
    *all_allowed = *all_allowed && answer.decision == CanAnswer::Decision::kAllowed;
    answers.push_back(std::move(answer));
  }
  out->text = EmitCanJsonAnswers(answers);
  return Status::Ok();
}

Status AnswerOrStatus(const Job& job, const CheckoutOptions& c, const Evaluator& evaluate, Reply* reply, Output* out) {
  const Request& q = job.request;
  const std::string env = q.envs.empty() ? "" : q.envs[0];
  CompileOptions compile;
  DeployUserOptions deploy_user;  // the command's defaults: tailored, the project's name
  EvalResult eval;
  Compiled compiled;
  auto parse_roles = [&] { return ParseRoles(q.roles, &compile.roles, /*allow_deploy_user=*/true); };
  switch (q.endpoint) {
    case Endpoint::kExpand: {
      Expansion e;
      if (Status s = ExpandPattern(q.pattern, &e); !s.ok()) return s;
      out->text = EmitExpandJson({e});
      return Status::Ok();
    }
    case Endpoint::kSettings: {
      // As jetsam settings: the settings of the phases that ran, and the error after them.
      const Status evaluated = evaluate(*job.current, OptionsFor(c, env, q.extra), &eval);
      if (!evaluated.ok() && !StoppedAfterBootstrap(eval, evaluated)) return evaluated;
      if (Status s = CheckConfigText(eval); !s.ok()) return s;
      out->text = EmitSettingsJson(eval, q.changed);
      out->rest = eval.stopped;
      return Status::Ok();
    }
    case Endpoint::kRoles: {
      if (Status s = parse_roles(); !s.ok()) return s;
      if (Status s = EvaluateAndCompile(evaluate, *job.current, OptionsFor(c, env, q.extra), compile, &deploy_user, &eval, &compiled, out);
          !s.ok())
        return s;
      const bool deploy_user_only = compile.roles == std::vector<RoleKind>{RoleKind::kDeployUser};
      if (q.format == "json") {
        out->text = deploy_user_only ? JsonText(PolicyDocument(compiled.roles.front().policies.front())) : EmitReport(compiled);
      } else if (q.format == "yaml") {
        out->text = ToYaml(RolesResources(compiled, "Jets"));
        out->content_type = "application/yaml";
      } else {
        out->text = JsonText(RolesResources(compiled, "Jets"));
      }
      return Status::Ok();
    }
    case Endpoint::kExplain: {
      if (Status s = parse_roles(); !s.ok()) return s;
      if (Status s = EvaluateAndCompile(evaluate, *job.current, OptionsFor(c, env, q.extra), compile, &deploy_user, &eval, &compiled, out);
          !s.ok())
        return s;
      out->text = JsonText(Explain(compiled, eval.settings));
      return Status::Ok();
    }
    case Endpoint::kLint: {
      if (Status s = EvaluateAndCompile(evaluate, *job.current, OptionsFor(c, env, q.extra), compile, nullptr, &eval, &compiled, out);
          !s.ok())
        return s;
      std::vector<Finding> findings = Lint(eval, compiled);
      out->text = EmitLintJson(findings);
      const LintSummary sum = Summarize(findings);
      reply->header_name = "Jetsam-Lint-Passed";
      reply->header_value = sum.errors > 0 || (q.strict && sum.warnings > 0) ? "false" : "true";
      return Status::Ok();
    }
    case Endpoint::kCan: {
      bool all_allowed = false;
      if (Status s = AnswerCan(job, c, evaluate, env, out, &all_allowed); !s.ok()) return s;
      reply->header_name = "Jetsam-Can-Allowed";
      reply->header_value = all_allowed ? "true" : "false";
      return Status::Ok();
    }
    case Endpoint::kDiff: {
      if (Status s = parse_roles(); !s.ok()) return s;
      const bool by_rev = job.revision != nullptr;
      std::string ea = by_rev ? env : q.envs[0], eb = by_rev ? env : q.envs[1];
      std::string la = by_rev ? q.rev : "env " + ea, lb = by_rev ? "working tree" : "env " + eb;
      if (by_rev && !env.empty()) {
        la += " (env " + env + ")";
        lb += " (env " + env + ")";
      }
      Compiled ca, cb;
      EvalResult ra, rb;
      Output side_a, side_b;  // each side's error, when a later phase stopped part of it
      if (Status s = EvaluateAndCompile(evaluate, by_rev ? *job.revision : *job.current, OptionsFor(c, ea, q.extra), compile,
                                        &deploy_user, &ra, &ca, &side_a);
          !s.ok())
        return s;
      if (Status s = EvaluateAndCompile(evaluate, *job.current, OptionsFor(c, eb, q.extra), compile, &deploy_user, &rb, &cb, &side_b);
          !s.ok())
        return s;
      DropUnbuiltRoles(&ca, &cb, &la, &lb);
      out->text = JsonText(DiffRoles(ca, cb, la, lb));
      // As the command: the first side that could not build a role is the error reported.
      const Output& stopped = side_a.rest.ok() ? side_b : side_a;
      out->rest = stopped.rest;
      out->not_built = stopped.not_built;
      return Status::Ok();
    }
  }
  return Status::Internal("unknown endpoint");
}

// 422 with the command's error, and what it printed before it as "partial_result" (JSON as JSON,
// YAML as a string): nothing partial passes for a whole answer.
Reply PartialReply(const Status& rest, const Output& out) {
  Reply r = ErrorReply(rest);
  Json body = Json::parse(r.body);
  if (!out.not_built.empty()) body["not_built"] = out.not_built;
  body["partial_result"] = out.content_type == "application/json" ? Json::parse(out.text) : Json(out.text);
  r.body = JsonText(body);
  return r;
}

}  // namespace

Reply ErrorReply(const Status& status, bool timed_out) {
  Reply r;
  using Code = Status::Code;
  switch (status.code()) {
    case Code::kUsage: r.status = 400; break;
    case Code::kConfig: r.status = 422; break;
    case Code::kLimit: r.status = timed_out ? 504 : 422; break;
    default: r.status = 500; break;
  }
  const char* kind = status.code() == Code::kUsage    ? "usage"
                     : status.code() == Code::kConfig ? "config"
                     : status.code() == Code::kLimit  ? (timed_out ? "timeout" : "limit")
                                                      : "internal";
  Json err = {{"kind", kind}, {"message", status.message()}};
  err["file"] = status.where().empty() ? Json(nullptr) : Json(status.where().file);
  err["line"] = status.where().line > 0 ? Json(status.where().line) : Json(nullptr);
  err["hint"] = status.hint().empty() ? Json(nullptr) : Json(status.hint());
  err["text"] = StatusText(status);
  r.body = JsonText(Json{{"error", err}});
  return r;
}

Reply Answer(const Job& job, const CheckoutOptions& checkout, const Evaluator& evaluate) {
  Reply reply;
  Output out;
  if (Status s = AnswerOrStatus(job, checkout, evaluate, &reply, &out); !s.ok()) return ErrorReply(s);
  if (!out.rest.ok()) return PartialReply(out.rest, out);
  reply.content_type = out.content_type;
  reply.body = std::move(out.text);
  return reply;
}

// The worker protocol: an evaluation asked as length-prefixed fields (eval/byte_fields.h),
// answered as an outcome (eval/codec.h).
std::string EncodeEvaluation(const Sources& sources, const std::string& env, const std::string& extra) {
  std::string out;
  eval::PutBytes(&out, env);
  eval::PutBytes(&out, extra);
  out += sources.Encode();
  return out;
}

std::string HandleEncodedEvaluation(const std::string& bytes, const CheckoutOptions& checkout) {
  size_t pos = 0;
  std::string env, extra;
  Sources sources;
  EvalResult result;
  Status s;
  if (eval::GetBytes(bytes, &pos, &env) && eval::GetBytes(bytes, &pos, &extra) && sources.Decode(bytes, &pos) &&
      pos == bytes.size()) {
    s = Evaluate(sources, OptionsFor(checkout, env, extra), &result);
  } else {
    s = Status::Internal("a malformed evaluation request");
  }
  return eval::EncodeOutcome(s, result, vm::MaxResultBytes(checkout.limits));
}

Status DecodeEvaluation(const std::string& bytes, const CheckoutOptions& checkout, EvalResult* result) {
  *result = EvalResult{};
  return eval::DecodeOutcome(bytes, result, vm::MaxResultBytes(checkout.limits));
}

}  // namespace jetsam::serve
