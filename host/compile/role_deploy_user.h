// The deploy user's policy: the fixed scopes' documents (data tables
// in role_deploy_user_data.cc) and the tailored scope's rules (role_deploy_user.cc).
#pragma once
#include <string>

#include "jetsam/policy.h"

namespace jetsam::compile {

// The policy document of a fixed scope (baseline, least, local) as the docs write it, with
// ${MY_PREFIX} standing for the prefix (least only).
const char* DeployUserDocumentText(const std::string& scope);

// Replaces every ${MY_PREFIX} in the document's strings with `prefix`.
Json WithPrefix(const Json& document, const std::string& prefix);

}  // namespace jetsam::compile
