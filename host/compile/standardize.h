// Jets' policy standardization (Jets::Cfn::Iam::Policy and ManagedPolicy), with jetsam's
// rules for the documented forms that crash Jets.
#pragma once
#include <string>
#include <vector>

#include "jetsam/policy.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam::compile {

struct Standardized {
  // The policy named `name` when it has statements, then each {PolicyName:, PolicyDocument:}
  // item of the list as a policy of its own, in the order listed.
  std::vector<Policy> policies;
  std::vector<Notice> notices;  // keys camelization changed ("camelized-condition-key")
};

// Appends the policies `setting` defines under the name `name` ("DefaultPolicy") to `out`.
// kConfig on an item that is no statement, naming the setting, the item and where it was set.
Status StandardizePolicy(const Setting& setting, const std::string& name, Standardized* out);

// Ruby's `uniq` on values: the indexes of `values` to keep, in order, each the first of the
// values equal to it (Value's ==). O(n log n) comparisons.
std::vector<size_t> FirstOfEqual(const std::vector<const Value*>& values);

// Appends the managed policy ARNs `setting` lists to `out`.
Status StandardizeManaged(const Setting& setting, std::vector<ManagedPolicy>* out);

}  // namespace jetsam::compile
