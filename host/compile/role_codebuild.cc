// The CodeBuild remote runner role, as Jets' Cfn::Resource::Codebuild::IamRole builds it.
#include "compile/roles.h"

namespace jetsam::compile {

Status BuildCodebuildRole(const EvalResult& eval, RoleOut out) {
  const ConfigSettings& bootstrap = eval.settings.bootstrap;
  *out.role = NewRole(RoleKind::kCodebuild, "CodebuildRole", "codebuild.amazonaws.com");
  if (Status s = AddPolicy(bootstrap, "codebuild.iam.default_policy", "DefaultPolicy", out); !s.ok()) return s;
  if (Status s = AddPolicy(bootstrap, "codebuild.iam.policy", "CustomPolicy", out); !s.ok()) return s;
  // Jets adds VpcPolicy whenever the list is not empty, with or without a VPC: an empty
  // list (or nil) gives no policy, which AddPolicy already does.
  if (Status s = AddPolicy(bootstrap, "codebuild.iam.default_vpc_policy", "VpcPolicy", out); !s.ok()) return s;
  if (Status s = AddManaged(bootstrap, "codebuild.iam.default_managed_policy", out); !s.ok()) return s;
  return AddManaged(bootstrap, "codebuild.iam.managed_policy", out);
}

}  // namespace jetsam::compile
