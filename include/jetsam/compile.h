// Settings -> roles: Jets' policy standardization and one rule set per role.
#pragma once
#include <vector>

#include "jetsam/policy.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam {

struct CompileOptions {
  std::vector<RoleKind> roles = {RoleKind::kCodebuild, RoleKind::kLambda, RoleKind::kCi};
};

struct Compiled {
  ProjectFacts facts;
  std::vector<Role> roles;        // in the order asked for
  std::vector<Notice> notices;    // the evaluation's notices, then the compiler's
};

// Fails (kConfig) on a policy item that is no statement, naming the setting, value and file:line.
Status Compile(const EvalResult& eval, const CompileOptions& options, Compiled* out);

}  // namespace jetsam
