// The role names the command line and reports use.
#include "jetsam/policy.h"

#include <algorithm>

#include <fmt/format.h>

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

Status ParseRoles(const std::vector<std::string>& names, std::vector<RoleKind>* roles, bool allow_deploy_user) {
  roles->clear();
  auto add = [&](RoleKind k) {
    if (std::find(roles->begin(), roles->end(), k) == roles->end()) roles->push_back(k);
  };
  for (const auto& name : names) {
    // `all` is every role Jets deploys. The deploy user is the caller's own IAM group, not in
    // Jets' templates: it is compiled only when asked for by name.
    if (name == "all") {
      add(RoleKind::kCodebuild);
      add(RoleKind::kLambda);
      add(RoleKind::kCi);
      continue;
    }
    auto kind = ParseRoleKind(name);
    if (!kind || (*kind == RoleKind::kDeployUser && !allow_deploy_user)) {
      return Status::Usage(fmt::format("--role {}: no such role", name),
                           allow_deploy_user ? "choose codebuild, lambda, ci, deploy-user or all"
                                             : "choose codebuild, lambda, ci or all");
    }
    add(*kind);
  }
  if (roles->empty()) {
    add(RoleKind::kCodebuild);
    add(RoleKind::kLambda);
    add(RoleKind::kCi);
  }
  return Status::Ok();
}

}  // namespace jetsam
