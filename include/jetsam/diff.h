// The diff model: what one compilation grants that another does not (host/compile/diff.cc).
// host/emit/diff_text.cc renders it; `jetsam diff --format json` prints it. The model, as JSON:
//   {a: {label, namespace}, b: {...}, roles: [{role, logical_id, change: added|removed|changed,
//     policies: [{name, change, setting, switched_by?, statements: [
//       {change: added|removed, statement, origin: {setting, where}} |
//       {change: changed, statement (b's), origin, actions: {added: [{action, where}], removed: [...]}} |
//       {change: changed, statement, origin, resources: {added: [...], removed: [...]}}]}],
//     managed_policies: {added: [{arn, setting, where}], removed: [...]}}]}
// Only roles with a difference are listed; only policies with a difference within them.
#pragma once
#include <string>

#include "jetsam/compile.h"

namespace jetsam {

// What `b` grants that `a` does not and the reverse, role by role (matched by logical id), policy
// by policy (by name), at the level of statements and of single actions and resources. `a_label`
// and `b_label` name the two sides ("env dev", "HEAD~1").
Json DiffRoles(const Compiled& a, const Compiled& b, const std::string& a_label, const std::string& b_label);
// The phase rule on both sides: a role one side could not build (Compiled::missing, after
// CompileByPhase) is compared on neither, and then each label says which roles were compared
// ("env dev, codebuild only"). Nothing changes when both sides are whole.
void DropUnbuiltRoles(Compiled* a, Compiled* b, std::string* a_label, std::string* b_label);
// Whether a DiffRoles result holds any difference.
bool DiffHasChanges(const Json& diff);

}  // namespace jetsam
