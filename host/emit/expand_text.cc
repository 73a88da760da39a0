// jetsam expand's text and JSON output.
#include <fmt/format.h>

#include "jetsam/emit.h"

namespace jetsam {
namespace {

constexpr iam::AccessLevel kLevels[] = {iam::AccessLevel::kList, iam::AccessLevel::kRead, iam::AccessLevel::kWrite,
                                        iam::AccessLevel::kPermissionsManagement, iam::AccessLevel::kTagging};

std::array<std::size_t, 5> Count(const Expansion& e) {
  std::array<std::size_t, 5> c{};
  for (const auto& a : e.actions) ++c[static_cast<std::size_t>(a.level)];
  return c;
}

}  // namespace

std::string EmitExpandText(const std::vector<Expansion>& expansions) {
  std::string out;
  for (std::size_t i = 0; i < expansions.size(); ++i) {
    const Expansion& e = expansions[i];
    if (i > 0) out += "\n";
    const auto c = Count(e);
    std::vector<std::string> parts;
    for (auto level : kLevels)
      if (c[static_cast<std::size_t>(level)] > 0)
        parts.push_back(fmt::format("{} {}", iam::AccessLevelName(level), c[static_cast<std::size_t>(level)]));
    out += fmt::format("{}: {} action{} ({})\n", TextSafe(e.pattern), e.actions.size(), e.actions.size() == 1 ? "" : "s",
                       fmt::join(parts, ", "));
    std::size_t width = 0;
    for (const auto& a : e.actions) width = std::max(width, a.name.size());
    for (const auto& a : e.actions) out += fmt::format("  {:<{}}  {}\n", a.name, width, a.access_level);
  }
  return out;
}

std::string EmitExpandJson(const std::vector<Expansion>& expansions) {
  Json list = Json::array();
  for (const auto& e : expansions) {
    Json j = Json::object();
    j["pattern"] = e.pattern;
    const auto c = Count(e);
    Json counts = Json::object();
    for (auto level : kLevels) counts[std::string(iam::AccessLevelName(level))] = c[static_cast<std::size_t>(level)];
    j["counts"] = counts;
    Json actions = Json::array();
    for (const auto& a : e.actions) actions.push_back({{"action", a.name}, {"access_level", a.access_level}});
    j["actions"] = actions;
    list.push_back(std::move(j));
  }
  return JsonText(list);
}

}  // namespace jetsam
