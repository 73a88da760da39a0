#include "compile/roles.h"

#include <utility>

#include "compile/jets_crashes.h"
#include "compile/standardize.h"

namespace jetsam::compile {

Role NewRole(RoleKind kind, std::string logical_id, std::string service) {
  Role role;
  role.kind = kind;
  role.logical_id = std::move(logical_id);
  role.service = std::move(service);
  return role;
}

const Setting& SettingAt(const ConfigSettings& object, const std::string& path, Setting* missing) {
  if (const Setting* s = object.Find(path)) return *s;
  missing->path = path;
  return *missing;
}

Status AddPolicy(const ConfigSettings& object, const std::string& path, const std::string& name,
                 RoleOut out) {
  Standardized result;
  Setting missing;
  const Setting& setting = SettingAt(object, path, &missing);
  if (Status s = StandardizePolicy(setting, name, &result); !s.ok()) return s;
  for (auto& p : result.policies) out.role->policies.push_back(std::move(p));
  for (auto& n : result.notices) out.notices->push_back(std::move(n));
  // Jets checks the VPC policy for nil before it standardizes it.
  const bool vpc = path.ends_with("default_vpc_policy");
  if (auto crash = PolicyCrash(setting, vpc)) out.notices->push_back(JetsCrashNotice(setting, *crash));
  return Status::Ok();
}

Status AddManaged(const ConfigSettings& object, const std::string& path, RoleOut out) {
  Setting missing;
  const Setting& setting = SettingAt(object, path, &missing);
  if (Status s = StandardizeManaged(setting, &out.role->managed); !s.ok()) return s;
  if (auto crash = ManagedPolicyCrash(setting)) out.notices->push_back(JetsCrashNotice(setting, *crash));
  return Status::Ok();
}

}  // namespace jetsam::compile
