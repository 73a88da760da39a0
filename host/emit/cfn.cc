// The roles' CloudFormation resources as JSON text.
#include "jetsam/emit.h"

namespace jetsam {

std::string EmitCfn(const Compiled& compiled) {
  // `replace`: a config string that is not UTF-8 must not throw out of the emitter.
  return JsonText(CfnResources(compiled));
}

Json RolesResources(const Compiled& compiled, const std::string& group) {
  // Jets' roles first, then the deploy user's group.
  Json out = Json::object();
  for (const auto& r : compiled.roles)
    if (r.kind != RoleKind::kDeployUser) out[r.logical_id] = RoleResource(r);
  for (const auto& r : compiled.roles)
    if (r.kind == RoleKind::kDeployUser) out[r.logical_id] = DeployGroupResource(r, group);
  return out;
}

}  // namespace jetsam
