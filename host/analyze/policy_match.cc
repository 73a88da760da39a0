#include "analyze/policy_match.h"

#include <utility>

#include "jetsam/iamdata.h"
#include "jetsam/json_compact.h"

namespace jetsam::analyze {

std::vector<std::string> Strings(const Json& element) {
  std::vector<std::string> out;
  if (element.is_string()) {
    out.push_back(element.get<std::string>());
  } else if (element.is_array()) {
    for (const auto& v : element)
      if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

namespace {

// `s` with each "<...>" (and, when asked, each "${...}") turned into '*'.
std::string Wildcarded(std::string_view s, std::vector<std::string>* found, bool variables_too) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t close = std::string_view::npos;
    if (s[i] == '<') close = s.find('>', i);
    else if (variables_too && s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') close = s.find('}', i);
    if (close != std::string_view::npos) {
      if (found) found->emplace_back(s.substr(i, close - i + 1));
      if (out.empty() || out.back() != '*') out += '*';
      i = close + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

}  // namespace

std::string WildcardPlaceholders(std::string_view s, std::vector<std::string>* found) {
  return Wildcarded(s, found, true);
}

std::string WildcardJetsamPlaceholders(std::string_view s, std::vector<std::string>* found) {
  return Wildcarded(s, found, false);
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "'text'" with '' for a quote -> text; false when not quoted so.
bool Unquote(std::string_view s, std::string* out) {
  if (s.size() < 2 || s.front() != '\'' || s.back() != '\'') return false;
  out->clear();
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\'' && i + 2 < s.size() && s[i + 1] == '\'') ++i;
    *out += s[i];
  }
  return true;
}

}  // namespace

bool HasPolicyVariable(std::string_view s) { return s.find("${") != std::string_view::npos; }

ResolvedText ResolveVariables(std::string_view s, const RequestContext& context) {
  ResolvedText r;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t close = s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{' ? s.find('}', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      r.text += s[i++];
      continue;
    }
    const std::string_view inner = Trim(s.substr(i + 2, close - i - 2));
    i = close + 1;
    if (inner == "*" || inner == "?" || inner == "$") {
      r.text += inner;
      continue;
    }
    std::string_view key = inner;
    std::string fallback;
    bool has_fallback = false;
    if (std::size_t comma = inner.find(','); comma != std::string_view::npos) {
      key = Trim(inner.substr(0, comma));
      has_fallback = Unquote(Trim(inner.substr(comma + 1)), &fallback);
    }
    const RequestContext::Entry* e = context.Find(key);
    if (e) r.known.emplace_back(key);
    if (e && e->values.size() == 1) {
      r.text += e->values[0];
    } else if (e && has_fallback) {  // absent, or multivalued (no policy variable can be)
      r.text += fallback;
    } else if (e) {
      r.state = ResolvedText::State::kNoValue;
    } else {
      if (r.text.empty() || r.text.back() != '*') r.text += '*';
      if (r.state == ResolvedText::State::kResolved) r.state = ResolvedText::State::kUnknown;
      r.unknown.emplace_back(key);
    }
  }
  if (r.state == ResolvedText::State::kNoValue) r.unknown.clear();
  return r;
}

bool PatternsOverlap(std::string_view a, std::string_view b, bool ci) {
  // row[j]: a[i..] and b[j..] can match one string; rows computed from the end of `a`.
  const std::size_t n = a.size(), m = b.size();
  auto eq = [ci](char x, char y) {
    if (ci) {
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    }
    return x == y;
  };
  std::vector<char> next(m + 1, 0), row(m + 1, 0);
  next[m] = 1;
  for (std::size_t j = m; j-- > 0;) next[j] = b[j] == '*' && next[j + 1];
  for (std::size_t i = n; i-- > 0;) {
    row[m] = a[i] == '*' && next[m];
    for (std::size_t j = m; j-- > 0;) {
      if (a[i] == '*') row[j] = next[j] || row[j + 1];
      else if (b[j] == '*') row[j] = row[j + 1] || next[j];
      else row[j] = (a[i] == '?' || b[j] == '?' || eq(a[i], b[j])) && next[j + 1];
    }
    std::swap(row, next);
  }
  return next[0] != 0;
}

bool ActionPatternMatches(std::string_view pattern, std::string_view action) {
  return iam::IamWildcardMatch(pattern, action, true);
}

namespace {
char Fold(char c, bool ci) { return ci && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool PatternCovers(std::string_view outer, std::string_view inner, bool ci, std::size_t* steps) {
  // Glob matching with one backtrack point, where a wildcard of `inner` is a plain character
  // that only '*' or '?' of `outer` can match ('?' only a '?': one character is not a run).
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0, taken = 0;
  struct Count {
    std::size_t* steps;
    const std::size_t& taken;
    ~Count() { if (steps) *steps += taken; }
  } count{steps, taken};
  while (t < inner.size()) {
    ++taken;
    if (p < outer.size() && outer[p] != '*' &&
        ((outer[p] == '?' && inner[t] != '*') || Fold(outer[p], ci) == Fold(inner[t], ci))) {
      ++p;
      ++t;
    } else if (p < outer.size() && outer[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < outer.size() && outer[p] == '*') ++p;
  return p == outer.size();
}

bool StatementHasAction(const Json& statement, std::string_view action) {
  if (!statement.is_object()) return false;
  if (auto it = statement.find("Action"); it != statement.end()) {
    for (const auto& p : Strings(*it))
      if (ActionPatternMatches(p, action)) return true;
    return false;
  }
  if (auto it = statement.find("NotAction"); it != statement.end()) {
    for (const auto& p : Strings(*it))
      if (ActionPatternMatches(p, action)) return false;
    return true;
  }
  return false;
}

bool StatementHasResource(const Json& statement, std::string_view resource, std::vector<std::string>* matched,
                          std::vector<std::string>* placeholders) {
  if (!statement.is_object()) return false;
  if (auto it = statement.find("Resource"); it != statement.end()) {
    bool any = false;
    for (const auto& raw : Strings(*it)) {
      std::vector<std::string> found;
      const std::string p = WildcardPlaceholders(raw, &found);
      if (resource.empty() || PatternCovers(p, resource, false)) {
        any = true;
        if (matched) matched->push_back(raw);
        if (placeholders) placeholders->insert(placeholders->end(), found.begin(), found.end());
      }
    }
    return any;
  }
  if (auto it = statement.find("NotResource"); it != statement.end()) {
    for (const auto& raw : Strings(*it)) {
      const std::string p = WildcardPlaceholders(raw);
      if (resource.empty() ? p == "*" : PatternCovers(p, resource, false)) return false;
    }
    if (matched) matched->push_back("NotResource " + CompactJson(*it));
    return true;
  }
  return false;
}

std::string Effect(const Json& statement) {
  auto it = statement.find("Effect");
  return it != statement.end() && it->is_string() ? it->get<std::string>() : std::string();
}

namespace {

// A test of one condition key that every request passes: "*" under StringLikeIfExists (a missing
// key passes too) or ForAllValues:StringLike[IfExists] (a missing key or no value passes).
bool AlwaysHolds(const std::string& op, const Json& values) {
  if (op != "StringLikeIfExists" && op != "ForAllValues:StringLike" && op != "ForAllValues:StringLikeIfExists")
    return false;
  for (const auto& v : Strings(values))
    if (v == "*") return true;
  return false;
}

}  // namespace

bool HasCondition(const Json& statement) {
  auto it = statement.find("Condition");
  if (it == statement.end() || it->is_null()) return false;
  if (!it->is_object()) return true;
  // A block holds when all its keys do: one with no keys, or only keys every request passes,
  // confines nothing (`{"StringLike": {}}` would otherwise hide a grant on * from lint).
  for (auto op = it->begin(); op != it->end(); ++op) {
    if (!op->is_object()) return true;
    for (auto key = op->begin(); key != op->end(); ++key)
      if (!AlwaysHolds(op.key(), key.value())) return true;
  }
  return false;
}

std::vector<Json> DocumentStatements(const nlohmann::json& document) {
  std::vector<Json> out;
  auto it = document.find("Statement");
  if (it == document.end()) return out;
  if (it->is_object()) {
    out.push_back(Json::parse(CompactJson(*it)));
  } else if (it->is_array()) {
    for (const auto& s : *it)
      if (s.is_object()) out.push_back(Json::parse(CompactJson(s)));
  }
  return out;
}

}  // namespace jetsam::analyze
