// jetsam expand: the actions an action pattern grants; and the access-level counts of a role.
#include <fmt/format.h>


#include "analyze/policy_match.h"
#include "jetsam/analyze.h"

namespace jetsam {

Status ExpandPattern(const std::string& pattern, Expansion* out) {
  const iam::Catalog& cat = iam::Catalog::Get();
  out->pattern = pattern;
  const auto colon = pattern.find(':');
  if (pattern != "*" && (colon == std::string::npos || colon == 0 || colon + 1 == pattern.size())) {
    return Status::Usage(fmt::format("{}: not an action pattern (service:Action, e.g. s3:Get*)", pattern),
                         pattern.find(':') == std::string::npos && !pattern.empty()
                             ? fmt::format("a whole service is {}:*", pattern)
                             : "");
  }
  out->actions = cat.Expand(pattern);
  if (!out->actions.empty()) return Status::Ok();
  const std::string prefix = pattern.substr(0, colon);
  if (prefix.find_first_of("*?") == std::string::npos && !cat.HasService(prefix)) {
    auto s = cat.SuggestService(prefix, 3);
    return Status::Usage(fmt::format("{}: no AWS service has the prefix \"{}\"", pattern, prefix),
                         s.empty() ? "" : fmt::format("did you mean {}:{}?", s[0], pattern.substr(colon + 1)));
  }
  auto s = cat.SuggestAction(pattern, 3);
  return Status::Usage(fmt::format("{}: matches no action", pattern),
                       s.empty() ? fmt::format("`jetsam expand {}:*` lists the service's actions", prefix)
                                 : fmt::format("did you mean {}?", fmt::join(s, ", ")));
}

AccessCounts AccessLevelCounts(const Role& role) {
  const iam::Catalog& cat = iam::Catalog::Get();
  // The granted actions as a set of catalog ids: no names built, no second look-up.
  std::vector<bool> granted(cat.ActionCount(), false);
  auto add = [&](const Json& st) {
    if (analyze::Effect(st) != "Allow") return;
    if (auto it = st.find("Action"); it != st.end()) {
      for (const auto& p : analyze::Strings(*it))
        for (std::uint32_t id : cat.ExpandIds(p)) granted[id] = true;
    } else if (auto it = st.find("NotAction"); it != st.end()) {
      std::vector<bool> excluded(cat.ActionCount(), false);
      for (const auto& p : analyze::Strings(*it))
        for (std::uint32_t id : cat.ExpandIds(p)) excluded[id] = true;
      for (std::size_t id = 0; id < granted.size(); ++id)
        if (!excluded[id]) granted[id] = true;
    }
  };
  for (const auto& p : role.policies)
    for (const auto& s : p.statements) add(s.json);
  for (const auto& m : role.managed) {
    if (m.arn.find(":iam::aws:policy/") == std::string::npos) continue;
    if (auto mp = cat.FindManagedPolicy(m.arn))
      for (const auto& st : analyze::DocumentStatements(mp->document)) add(st);
  }
  AccessCounts counts{};
  for (std::size_t id = 0; id < granted.size(); ++id)
    if (granted[id]) ++counts[static_cast<std::size_t>(cat.ActionLevelOf(static_cast<std::uint32_t>(id)))];
  return counts;
}

}  // namespace jetsam
