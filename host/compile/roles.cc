#include "compile/roles.h"

#include <utility>

#include "compile/standardize.h"

namespace jetsam::compile {

Role NewRole(RoleKind kind, std::string logical_id, std::string service) {
  Role role;
  role.kind = kind;
  role.logical_id = std::move(logical_id);
  role.service = std::move(service);
  return role;
}

Setting SettingAt(const ConfigSettings& object, const std::string& path) {
  if (const Setting* s = object.Find(path)) return *s;
  Setting missing;
  missing.path = path;
  return missing;
}

Status AddPolicy(const ConfigSettings& object, const std::string& path, const std::string& name,
                 RoleOut out) {
  Standardized result;
  if (Status s = StandardizePolicy(SettingAt(object, path), name, &result); !s.ok()) return s;
  for (auto& p : result.policies) out.role->policies.push_back(std::move(p));
  for (auto& n : result.notices) out.notices->push_back(std::move(n));
  return Status::Ok();
}

Status AddManaged(const ConfigSettings& object, const std::string& path, RoleOut out) {
  return StandardizeManaged(SettingAt(object, path), &out.role->managed);
}

}  // namespace jetsam::compile
