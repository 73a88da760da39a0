// Settings -> roles: the roles asked for, in the order asked for, each from the phases it needs.
#include "jetsam/compile.h"

#include <algorithm>

#include <fmt/format.h>

#include "compile/roles.h"
#include "compile/validate.h"

namespace jetsam {

Phase RolePhase(RoleKind kind) { return kind == RoleKind::kCodebuild ? Phase::kBootstrap : Phase::kDeploy; }

namespace {

// "the lambda and ci roles"
std::string RoleList(const std::vector<RoleKind>& kinds) {
  std::vector<std::string> names;
  for (RoleKind k : kinds) names.push_back(RoleKindName(k));
  std::string list = names.size() == 1 ? names[0]
                                       : fmt::format("{} and {}", fmt::join(names.begin(), names.end() - 1, ", "), names.back());
  return fmt::format("the {} role{}", list, names.size() == 1 ? "" : "s");
}

// Where the evaluation stopped, for a role that does not need that phase.
Notice LaterPhaseNotice(const EvalResult& eval) {
  Notice n;
  n.code = "phase-not-evaluated";
  n.severity = Notice::Severity::kWarning;
  n.where = eval.stopped.where();
  n.message = fmt::format("the {} settings cannot be evaluated ({}); the roles asked for do not depend on them, "
                          "since Jets reads them only after the {} phase",
                          PhaseName(eval.stopped_at), eval.stopped.message(),
                          PhaseName(static_cast<Phase>(static_cast<int>(eval.stopped_at) - 1)));
  n.hint = eval.stopped.hint();
  return n;
}

}  // namespace

std::string MissingRolesNote(const EvalResult& eval, const Compiled& compiled) {
  if (compiled.missing.empty()) return "";
  const bool one = compiled.missing.size() == 1;
  return fmt::format("{} {} not built: {} the {} settings, which the error above stopped", RoleList(compiled.missing),
                     one ? "is" : "are", one ? "it needs" : "they need", PhaseName(eval.stopped_at));
}

Status Compile(const EvalResult& eval, const CompileOptions& options, Compiled* out) {
  // Every role needs the project and bootstrap phases (the project's name, Jets' boot).
  if (!eval.Has(Phase::kBootstrap)) return eval.stopped;
  if (Status s = CheckConfigText(eval); !s.ok()) return s;
  Compiled result;
  result.facts = eval.facts;
  // A look-up only Jets' defaults made (no config line used it) matters only to the roles built
  // from those defaults: the Lambda role's default policy, and the deploy user's names.
  auto wanted = [&](RoleKind k) { return std::find(options.roles.begin(), options.roles.end(), k) != options.roles.end(); };
  const bool defaults_matter = wanted(RoleKind::kLambda) || wanted(RoleKind::kDeployUser);
  for (const Notice& n : eval.notices) {
    if (n.code == "unresolved-lookup" && n.where.empty() && !defaults_matter) continue;
    result.notices.push_back(n);
  }
  std::vector<RoleKind> done;
  for (RoleKind kind : options.roles) {
    if (std::find(done.begin(), done.end(), kind) != done.end()) continue;
    done.push_back(kind);
    if (!eval.Has(kind == RoleKind::kDeployUser ? options.deploy_user_phase : RolePhase(kind))) {
      if (!options.partial) return eval.stopped;
      result.missing.push_back(kind);
      continue;
    }
    // The deploy user's policy is no role Jets creates; another stage builds it.
    if (kind == RoleKind::kDeployUser) continue;
    Role role;
    compile::RoleOut to{&role, &result.notices};
    Status s = kind == RoleKind::kCodebuild ? compile::BuildCodebuildRole(eval, to)
               : kind == RoleKind::kLambda  ? compile::BuildLambdaRole(eval, to)
                                            : compile::BuildCiRole(eval, to);
    if (!s.ok()) return s;
    result.roles.push_back(std::move(role));
  }
  if (Status s = compile::ValidateRoles(result.roles); !s.ok()) return s;
  compile::AddGrammarNotices(eval, result.roles, &result.notices);
  if (!eval.Complete() && result.missing.empty()) result.notices.push_back(LaterPhaseNotice(eval));
  *out = std::move(result);
  return Status::Ok();
}

}  // namespace jetsam
