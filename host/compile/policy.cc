// The role names the command line and reports use.
#include "jetsam/policy.h"

namespace jetsam {

const char* RoleKindName(RoleKind kind) {
  switch (kind) {
    case RoleKind::kCodebuild: return "codebuild";
    case RoleKind::kLambda: return "lambda";
    case RoleKind::kCi: return "ci";
    case RoleKind::kDeployUser: return "deploy-user";
  }
  return "unknown";
}

std::optional<RoleKind> ParseRoleKind(const std::string& name) {
  for (RoleKind k : {RoleKind::kCodebuild, RoleKind::kLambda, RoleKind::kCi, RoleKind::kDeployUser})
    if (name == RoleKindName(k)) return k;
  return std::nullopt;
}

}  // namespace jetsam
