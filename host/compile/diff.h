// Role diffing (DiffRoles and DiffHasChanges, declared in jetsam/compile.h). The model, as JSON:
//   {a: {label, namespace}, b: {...}, roles: [{role, logical_id, change: added|removed|changed,
//     policies: [{name, change, setting, switched_by?, statements: [
//       {change: added|removed, statement, origin: {setting, where}} |
//       {change: changed, statement (b's), origin, actions: {added: [{action, where}], removed: [...]}} |
//       {change: changed, statement, origin, resources: {added: [...], removed: [...]}}]}],
//     managed_policies: {added: [{arn, setting, where}], removed: [...]}}]}
// Only roles with a difference are listed; only policies with a difference within them.
#pragma once
#include "jetsam/compile.h"
