// IAM's matching of an action against a policy's action pattern.
#pragma once
#include <string_view>

#include "jetsam/policy.h"

namespace jetsam::compile {

// IAM semantics: case-insensitive, '*' any run of characters, '?' any one character.
bool ActionMatches(std::string_view pattern, std::string_view action);

// Whether an Allow statement (as Jets emits it) lets `action` through, ignoring Resource and
// Condition: its Action matches, or its NotAction does not.
bool StatementAllows(const Json& statement, std::string_view action);

}  // namespace jetsam::compile
