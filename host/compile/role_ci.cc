// The CI runner role (the Jets docs' CI IAM page and the ci.iam.* config reference), set in deploy.rb.
#include "compile/roles.h"

namespace jetsam::compile {

Status BuildCiRole(const EvalResult& eval, RoleOut out) {
  const ConfigSettings& deploy = eval.settings.deploy;
  *out.role = NewRole(RoleKind::kCi, "CiRole", "codebuild.amazonaws.com");
  if (Status s = AddPolicy(deploy, "ci.iam.default_policy", "DefaultPolicy", out); !s.ok()) return s;
  if (Status s = AddPolicy(deploy, "ci.iam.policy", "CustomPolicy", out); !s.ok()) return s;
  if (Status s = AddManaged(deploy, "ci.iam.default_managed_policy", out); !s.ok()) return s;
  return AddManaged(deploy, "ci.iam.managed_policy", out);
}

}  // namespace jetsam::compile
