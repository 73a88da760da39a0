// Values that Jets 6.0.5's own policy code fails on (Jets::Cfn::Iam::Policy and ManagedPolicy):
// jetsam compiles them as Jets' docs describe, and says that `jets deploy` would stop there.
#pragma once
#include <optional>
#include <string>

#include "jetsam/settings.h"

namespace jetsam::compile {

// Why Jets 6.0.5 raises on the policy setting `setting` (a *.iam.*policy list), and where (the
// item's origin). `nil_is_none`: the setting is checked for nil first (default_vpc_policy).
struct JetsCrash {
  std::string why;  // "a {PolicyName:, PolicyDocument:} item: Jets calls nil.include?(\":\")"
  Location where;
};
std::optional<JetsCrash> PolicyCrash(const Setting& setting, bool nil_is_none);
std::optional<JetsCrash> ManagedPolicyCrash(const Setting& setting);

// The notice for a crash (code "jets-6.0.5-crashes"), worded for the role the setting feeds:
// certain for the CodeBuild role (built by Jets' open code), likely for the others.
Notice JetsCrashNotice(const Setting& setting, const JetsCrash& crash);

}  // namespace jetsam::compile
