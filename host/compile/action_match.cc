#include "compile/action_match.h"

#include <cctype>

namespace jetsam::compile {
namespace {

bool SameChar(char a, char b) {
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

bool AnyMatches(const Json& patterns, std::string_view action) {
  if (patterns.is_string()) return ActionMatches(patterns.get<std::string>(), action);
  if (!patterns.is_array()) return false;
  for (const auto& p : patterns)
    if (p.is_string() && ActionMatches(p.get<std::string>(), action)) return true;
  return false;
}

}  // namespace

bool ActionMatches(std::string_view pattern, std::string_view action) {
  // Iterative glob with one backtrack point: linear enough for action names.
  size_t p = 0, a = 0, star = std::string_view::npos, mark = 0;
  while (a < action.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || SameChar(pattern[p], action[a]))) {
      ++p;
      ++a;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = a;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      a = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
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
