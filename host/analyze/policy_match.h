// IAM's matching of one statement against an action and a resource, shared by lint and can.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/policy.h"

namespace jetsam::analyze {

// The strings of a policy element: a String, or an Array of Strings (other items skipped).
std::vector<std::string> Strings(const Json& element);

// `s` with jetsam's placeholders ("<aws.account>") and policy variables ("${aws:username}")
// turned into '*'; each one replaced is appended to `found` when given.
std::string WildcardPlaceholders(std::string_view s, std::vector<std::string>* found = nullptr);

// Whether the action pattern matches `action` (case-insensitive; '*' and '?').
bool ActionPatternMatches(std::string_view pattern, std::string_view action);

// Whether every string `inner` can stand for is matched by `outer`: IAM wildcards in `outer`,
// and a '*' or '?' in `inner` taken as that literal character (which only a wildcard matches).
// Case-insensitive for actions, case-sensitive for ARNs.
bool PatternCovers(std::string_view outer, std::string_view inner, bool case_insensitive);

// Whether the statement's Action (or NotAction) lets `action` in.
bool StatementHasAction(const Json& statement, std::string_view action);

// Whether the statement's Resource (or NotResource) covers `resource` (an ARN or pattern, with
// placeholders already turned into '*'). An empty `resource` means "some resource": any Resource
// does, a NotResource does unless it is "*". The Resource patterns that matched go to `matched`.
bool StatementHasResource(const Json& statement, std::string_view resource, std::vector<std::string>* matched,
                          std::vector<std::string>* placeholders);

// "Allow" / "Deny" ("" when missing).
std::string Effect(const Json& statement);
bool HasCondition(const Json& statement);

// The statements of an AWS managed policy's document.
std::vector<Json> DocumentStatements(const nlohmann::json& document);

}  // namespace jetsam::analyze
