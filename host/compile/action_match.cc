#include "compile/action_match.h"

#include "jetsam/iamdata.h"

namespace jetsam::compile {
namespace {

bool AnyMatches(const Json& patterns, std::string_view action) {
  if (patterns.is_string()) return ActionMatches(patterns.get<std::string>(), action);
  if (!patterns.is_array()) return false;
  for (const auto& p : patterns)
    if (p.is_string() && ActionMatches(p.get<std::string>(), action)) return true;
  return false;
}

}  // namespace

bool ActionMatches(std::string_view pattern, std::string_view action) {
  // IAM's glob, shared with the catalog; it needs none of the catalog's data.
  return iam::IamWildcardMatch(pattern, action, /*case_insensitive=*/true);
}

bool StatementAllows(const Json& statement, std::string_view action) {
  if (!statement.is_object()) return false;
  auto effect = statement.find("Effect");
  if (effect == statement.end() || !effect->is_string() || *effect != "Allow") return false;
  if (auto act = statement.find("Action"); act != statement.end()) return AnyMatches(*act, action);
  if (auto not_act = statement.find("NotAction"); not_act != statement.end())
    return !AnyMatches(*not_act, action);
  return false;
}

}  // namespace jetsam::compile
