// One rule set per role, and the steps they share.
#pragma once
#include <string>
#include <vector>

#include "jetsam/policy.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam::compile {

// Where a role's rules write: the role, and the compiler's notices.
struct RoleOut {
  Role* role;
  std::vector<Notice>* notices;
};

Status BuildCodebuildRole(const EvalResult& eval, RoleOut out);
Status BuildLambdaRole(const EvalResult& eval, RoleOut out);
Status BuildCiRole(const EvalResult& eval, RoleOut out);

// --- shared steps (roles.cc)

// A role with its logical id and the service that assumes it, no policies yet.
Role NewRole(RoleKind kind, std::string logical_id, std::string service);

// The setting at `path`, or a nil one named `path` (made in `missing`) when the evaluation did
// not produce it. Not a copy: a policy's value can be large.
const Setting& SettingAt(const ConfigSettings& object, const std::string& path, Setting* missing);

// Standardizes the policy setting `path` as `name` and appends what it gives to the role.
Status AddPolicy(const ConfigSettings& object, const std::string& path, const std::string& name,
                 RoleOut out);

// Expands the managed policy setting `path` and appends its ARNs to the role.
Status AddManaged(const ConfigSettings& object, const std::string& path, RoleOut out);

}  // namespace jetsam::compile
