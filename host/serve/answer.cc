#include "serve/answer.h"

#include <fmt/format.h>

#include "jetsam/analyze.h"
#include "jetsam/compile.h"
#include "jetsam/diff.h"
#include "jetsam/emit.h"
#include "jetsam/explain.h"

namespace jetsam::serve {
namespace {

// ---- the worker protocol: a sequence of length-prefixed strings ----

void Put(std::string* out, const std::string& s) {
  uint64_t n = s.size();
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out->append(s);
}

struct Reader {
  const std::string& in;
  size_t pos = 0;
  bool ok = true;
  std::string Next() {
    if (!ok || in.size() - pos < 8) {
      ok = false;
      return {};
    }
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(in[pos + i]);
    pos += 8;
    if (in.size() - pos < n) {
      ok = false;
      return {};
    }
    std::string s = in.substr(pos, n);
    pos += n;
    return s;
  }
};

void PutSources(std::string* out, const Sources* s) {
  Put(out, s ? "1" : "0");
  if (!s) return;
  Put(out, s->root);
  Put(out, s->checkout.Encode());  // what config code may read of config/ (File.read, YAML...)
  Put(out, std::to_string(s->files.size()));
  for (const auto& [name, text] : s->files) {
    Put(out, name);
    Put(out, text);
  }
}

bool GetSources(Reader* r, Sources* s, bool* present) {
  *present = r->Next() == "1";
  if (!*present) return r->ok;
  s->root = r->Next();
  if (!s->checkout.Decode(r->Next())) r->ok = false;
  size_t n = std::strtoull(r->Next().c_str(), nullptr, 10);
  for (size_t i = 0; i < n && r->ok; ++i) {
    std::string name = r->Next();
    s->files[name] = r->Next();
  }
  return r->ok;
}

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

Status EvaluateAndCompile(const Sources& sources, const EvalOptions& options, const CompileOptions& compile,
                          const DeployUserOptions* deploy_user, EvalResult* eval, Compiled* compiled) {
  Status s = Evaluate(sources, options, eval);
  if (!s.ok()) return s;
  return deploy_user ? CompileWithDeployUser(*eval, compile, *deploy_user, compiled) : Compile(*eval, compile, compiled);
}

Reply Json200(std::string body) {
  Reply r;
  r.body = std::move(body);
  return r;
}

Status AnswerOrStatus(const Job& job, const CheckoutOptions& c, Reply* reply) {
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
      *reply = Json200(EmitExpandJson({e}));
      return Status::Ok();
    }
    case Endpoint::kSettings: {
      if (Status s = Evaluate(*job.current, OptionsFor(c, env, q.extra), &eval); !s.ok()) return s;
      if (Status s = CheckConfigText(eval); !s.ok()) return s;
      *reply = Json200(EmitSettingsJson(eval, q.changed));
      return Status::Ok();
    }
    case Endpoint::kRoles: {
      if (Status s = parse_roles(); !s.ok()) return s;
      if (Status s = EvaluateAndCompile(*job.current, OptionsFor(c, env, q.extra), compile, &deploy_user, &eval, &compiled);
          !s.ok())
        return s;
      const bool deploy_user_only = compile.roles == std::vector<RoleKind>{RoleKind::kDeployUser};
      if (q.format == "json") {
        *reply = Json200(deploy_user_only ? JsonText(PolicyDocument(compiled.roles.front().policies.front()))
                                          : EmitReport(compiled));
      } else if (q.format == "yaml") {
        *reply = Json200(ToYaml(RolesResources(compiled, "Jets")));
        reply->content_type = "application/yaml";
      } else {
        *reply = Json200(JsonText(RolesResources(compiled, "Jets")));
      }
      return Status::Ok();
    }
    case Endpoint::kExplain: {
      if (Status s = parse_roles(); !s.ok()) return s;
      if (Status s = EvaluateAndCompile(*job.current, OptionsFor(c, env, q.extra), compile, &deploy_user, &eval, &compiled);
          !s.ok())
        return s;
      *reply = Json200(JsonText(Explain(compiled, eval.settings)));
      return Status::Ok();
    }
    case Endpoint::kLint: {
      if (Status s = EvaluateAndCompile(*job.current, OptionsFor(c, env, q.extra), compile, nullptr, &eval, &compiled);
          !s.ok())
        return s;
      std::vector<Finding> findings = Lint(eval, compiled);
      *reply = Json200(EmitLintJson(findings));
      const LintSummary sum = Summarize(findings);
      reply->lint_passed = sum.errors > 0 || (q.strict && sum.warnings > 0) ? "false" : "true";
      return Status::Ok();
    }
    case Endpoint::kCan: {
      CanRequest request{q.action, q.resource};
      CanAnswer answer;
      Role no_role;
      if (Status s = Can(no_role, request, &answer); !s.ok()) return s;  // the question alone: 400
      if (Status s = EvaluateAndCompile(*job.current, OptionsFor(c, env, q.extra), compile, nullptr, &eval, &compiled);
          !s.ok())
        return s;
      const Role* role = FindRole(compiled, q.roles[0]);
      if (!role) return Status::Usage(fmt::format("{}: no such role", q.roles[0]));
      if (Status s = Can(*role, request, &answer); !s.ok()) return s;
      *reply = Json200(EmitCanJson(answer));
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
      if (Status s = EvaluateAndCompile(by_rev ? *job.revision : *job.current, OptionsFor(c, ea, q.extra), compile,
                                        &deploy_user, &ra, &ca);
          !s.ok())
        return s;
      if (Status s = EvaluateAndCompile(*job.current, OptionsFor(c, eb, q.extra), compile, &deploy_user, &rb, &cb); !s.ok())
        return s;
      *reply = Json200(JsonText(DiffRoles(ca, cb, la, lb)));
      return Status::Ok();
    }
  }
  return Status::Internal("unknown endpoint");
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

Reply Answer(const Job& job, const CheckoutOptions& checkout) {
  Reply reply;
  Status s = AnswerOrStatus(job, checkout, &reply);
  return s.ok() ? reply : ErrorReply(s);
}

std::string EncodeJob(const Job& job) {
  std::string out;
  Put(&out, job.request.Key());
  PutSources(&out, job.current);
  PutSources(&out, job.revision);
  return out;
}

std::string HandleEncodedJob(const std::string& bytes, const CheckoutOptions& checkout) {
  Reader r{bytes};
  Job job;
  Sources current, revision;
  bool has_current = false, has_revision = false;
  Reply reply;
  try {
    job.request = Request::FromJson(nlohmann::json::parse(r.Next()));
  } catch (const std::exception&) {
    r.ok = false;
  }
  if (r.ok && GetSources(&r, &current, &has_current) && GetSources(&r, &revision, &has_revision)) {
    job.current = has_current ? &current : nullptr;
    job.revision = has_revision ? &revision : nullptr;
    if (job.request.needs_checkout() && !job.current) reply = ErrorReply(Status::Internal("a job without sources"));
    else reply = Answer(job, checkout);
  } else {
    reply = ErrorReply(Status::Internal("a malformed job"));
  }
  std::string out;
  Put(&out, std::to_string(reply.status));
  Put(&out, reply.content_type);
  Put(&out, reply.lint_passed);
  Put(&out, reply.body);
  return out;
}

bool DecodeReply(const std::string& bytes, Reply* out) {
  Reader r{bytes};
  out->status = std::atoi(r.Next().c_str());
  out->content_type = r.Next();
  out->lint_passed = r.Next();
  out->body = r.Next();
  return r.ok && out->status >= 200 && out->status < 600;
}

}  // namespace jetsam::serve
