// The roles' CloudFormation resources as JSON text.
#include "jetsam/emit.h"

namespace jetsam {

std::string EmitCfn(const Compiled& compiled) {
  // `replace`: a config string that is not UTF-8 must not throw out of the emitter.
  return JsonText(CfnResources(compiled));
}

Json RolesResources(const Compiled& compiled, const std::string& group) {
  Compiled jets_roles = compiled;
  std::erase_if(jets_roles.roles, [](const Role& r) { return r.kind == RoleKind::kDeployUser; });
  Json out = CfnResources(jets_roles);
  for (const auto& r : compiled.roles)
    if (r.kind == RoleKind::kDeployUser) out[r.logical_id] = DeployGroupResource(r, group);
  return out;
}

}  // namespace jetsam
