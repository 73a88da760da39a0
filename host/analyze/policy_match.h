// IAM's matching of one statement against an action and a resource, shared by lint and can.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/analyze.h"
#include "jetsam/policy.h"

namespace jetsam::analyze {

// The strings of a policy element: a String, or an Array of Strings (other items skipped).
std::vector<std::string> Strings(const Json& element);

// `s` with jetsam's placeholders ("<aws.account>") and policy variables ("${aws:username}")
// turned into '*'; each one replaced is appended to `found` when given.
std::string WildcardPlaceholders(std::string_view s, std::vector<std::string>* found = nullptr);

// `s` with only jetsam's placeholders ("<aws.account>", values no look-up could give) turned
// into '*'; each one replaced is appended to `found` when given. Policy variables stay.
std::string WildcardJetsamPlaceholders(std::string_view s, std::vector<std::string>* found = nullptr);

// A policy string with its policy variables ("${aws:username}", "${aws:PrincipalTag/team,
// 'none'}") replaced by what the request context knows of them. The escapes ${*}, ${?}, ${$}
// stand for '*', '?', '$'.
struct ResolvedText {
  enum class State {
    kResolved,  // every variable had a value (or its default applied)
    kUnknown,   // some variables are unknown: in `text` each is '*', and `unknown` names them
    kNoValue,   // a variable is absent (or multivalued) and has no default: the string matches nothing
  };
  State state = State::kResolved;
  std::string text;
  std::vector<std::string> unknown;  // the keys, as written ("aws:username")
  std::vector<std::string> known;    // the keys the context gave (a value, or absent)
};
ResolvedText ResolveVariables(std::string_view s, const RequestContext& context);
bool HasPolicyVariable(std::string_view s);
// Whether `s` holds an IAM wildcard ('*' or '?').
inline bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// Whether some string matches both patterns (IAM wildcards '*' and '?' in either). Linear
// memory; time |a| * |b|.
bool PatternsOverlap(std::string_view a, std::string_view b, bool case_insensitive);

// Whether the action pattern matches `action` (case-insensitive; '*' and '?').
bool ActionPatternMatches(std::string_view pattern, std::string_view action);

// Whether every string `inner` can stand for is matched by `outer`: IAM wildcards in `outer`,
// and a '*' or '?' in `inner` taken as that literal character (which only a wildcard matches).
// Case-insensitive for actions, case-sensitive for ARNs. Time |outer| * |inner| at worst (long
// patterns full of wildcards); `steps`, when given, is increased by the steps taken.
bool PatternCovers(std::string_view outer, std::string_view inner, bool case_insensitive,
                   std::size_t* steps = nullptr);

// Whether the statement's Action (or NotAction) lets `action` in.
bool StatementHasAction(const Json& statement, std::string_view action);

// Whether the statement's Resource (or NotResource) covers `resource` (an ARN or pattern, with
// placeholders already turned into '*'). An empty `resource` means "some resource": any Resource
// does, a NotResource does unless it is "*". The Resource patterns that matched go to `matched`.
bool StatementHasResource(const Json& statement, std::string_view resource, std::vector<std::string>* matched,
                          std::vector<std::string>* placeholders);

// "Allow" / "Deny" ("" when missing).
std::string Effect(const Json& statement);
// Whether the statement has a Condition some request may fail (one that holds for every request,
// such as a block with no keys, is none).
bool HasCondition(const Json& statement);

// The statements of an AWS managed policy's document.
std::vector<Json> DocumentStatements(const nlohmann::json& document);

}  // namespace jetsam::analyze
