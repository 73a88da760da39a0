// Settings -> roles: the roles asked for, in the order asked for.
#include "jetsam/compile.h"

#include <algorithm>

#include "compile/roles.h"
#include "compile/validate.h"

namespace jetsam {

Status Compile(const EvalResult& eval, const CompileOptions& options, Compiled* out) {
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
    // The deploy user's policy is no role Jets creates; another stage builds it.
    if (kind == RoleKind::kDeployUser) continue;
    if (std::find(done.begin(), done.end(), kind) != done.end()) continue;
    done.push_back(kind);
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
  *out = std::move(result);
  return Status::Ok();
}

}  // namespace jetsam
