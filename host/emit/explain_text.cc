// jetsam explain for a person: renders the model Explain() builds (host/analyze/explain.cc).
#include <algorithm>

#include <fmt/format.h>

#include "jetsam/emit.h"

namespace jetsam {
namespace {

std::string OriginText(const Json& o, const TextStyle& st) {
  const std::string kind = o.value("kind", "");
  if (kind == "default") return st.Dim("Jets default (" + o.value("setting", "") + ")");
  if (kind == "scope") return st.Dim(o.value("scope", ""));
  if (kind == "standard") return st.Dim("Jets' rule for a list of names (" + o.value("setting", "") + ")");
  if (kind == "switch") return st.Dim("Jets' " + o.value("policy", "") + ", with " + o.value("setting", ""));
  std::string op = o.value("op", "");
  std::string verb = op == "append" ? "added at " : op == "set" ? "set at " : op.empty() ? "" : op + " at ";
  std::string text = st.Cyan(verb + o.value("where", "")) + " " + st.Dim("(" + o.value("setting", "") + ")");
  if (o.contains("overlay")) text += " " + st.Yellow("env overlay " + o["overlay"].get<std::string>());
  return text;
}

std::string Pad(const std::string& s, size_t width) { return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' '); }

void RenderPolicy(const Json& p, const TextStyle& st, std::string* out) {
  std::string head = "  " + st.Bold(p["name"].get<std::string>());
  if (p.contains("changes")) {
    std::vector<std::string> parts;
    for (const auto& c : p["changes"]) {
      std::string part = c["op"].get<std::string>() + " at " + c["where"].get<std::string>();
      if (c.contains("overlay")) part += " " + st.Yellow("(env overlay " + c["overlay"].get<std::string>() + ")");
      parts.push_back(part);
    }
    head += fmt::format("  {}: {}", p["setting"].get<std::string>(), fmt::join(parts, ", "));
  } else if (!p["setting"].get<std::string>().empty()) {
    head += "  " + p["setting"].get<std::string>() + st.Dim(p["setting"].get<std::string>().starts_with("deploy-scope")
                                                                ? ""
                                                                : ", the Jets default");
  }
  *out += head + "\n";
  if (p.contains("switched_by"))
    *out += "    " + st.Green("switched on by " + p["switched_by"]["setting"].get<std::string>()) + ": " +
            OriginText(p["switched_by"], st) + "\n";
  size_t n = 0;
  for (const auto& s : p["statements"]) {
    std::string title = fmt::format("    Statement {}", ++n);
    if (s.contains("sid")) title += " " + s["sid"].get<std::string>();
    title += ": " + s["effect"].get<std::string>();
    *out += title + "\n";
    size_t width = 0;
    for (const auto& a : s["actions"]) width = std::max(width, a["action"].get<std::string>().size());
    for (const auto& r : s["resources"]) width = std::max(width, r["resource"].get<std::string>().size());
    width = std::min<size_t>(width + 2, 60);
    const char* action_label = s.contains("not_action") ? "not-action " : "action     ";
    const char* resource_label = s.contains("not_resource") ? "not-resource " : "resource   ";
    // A statement settings switched on (the tailored deploy user) names them once, below.
    const bool by_need = s.contains("needed_by");
    auto line = [&](const char* label, const Json& item, const char* key) {
      const std::string text = item[key].get<std::string>();
      *out += "      " + std::string(label) + (by_need ? text : Pad(text, width) + OriginText(item["origin"], st)) + "\n";
    };
    for (const auto& a : s["actions"]) line(action_label, a, "action");
    for (const auto& r : s["resources"]) line(resource_label, r, "resource");
    if (s.contains("condition")) *out += "      condition  " + s["condition"].dump() + "\n";
    if (s.contains("needed_by")) {
      for (const auto& r : s["needed_by"])
        *out += "      " + st.Green("needed by ") + r["setting"].get<std::string>() + ": " +
                (r["kind"] == "default" ? st.Dim("Jets default, on") : OriginText(r, st)) + "\n";
    }
    for (const auto& note : s["notes"]) *out += "      " + st.Magenta("note: ") + note.get<std::string>() + "\n";
  }
}

}  // namespace

std::string ExplainText(const Json& e, const TextStyle& st) {
  std::string out;
  const Json& project = e["project"];
  out += st.Bold(fmt::format("{} (env {}, namespace {})", project["name"].get<std::string>(),
                             project["env"].get<std::string>(), project["namespace"].get<std::string>())) +
         "\n";
  for (const auto& r : e["roles"]) {
    out += "\n" + st.Bold(fmt::format("{} ({})", r["logical_id"].get<std::string>(), r["role"].get<std::string>())) + "\n";
    for (const auto& p : r["policies"]) RenderPolicy(p, st, &out);
    if (!r["managed_policies"].empty()) {
      out += "  " + st.Bold("Managed policies") + "\n";
      size_t width = 0;
      for (const auto& m : r["managed_policies"]) width = std::max(width, m["arn"].get<std::string>().size());
      for (const auto& m : r["managed_policies"]) {
        const Json& o = m["origin"];
        std::string origin = o["kind"] == "option" ? st.Dim("--managed") : OriginText(o, st);
        out += "    " + Pad(m["arn"].get<std::string>(), width + 2) + origin + "\n";
      }
    }
    const Json& sum = r["summary"];
    out += "  " + st.Bold("Summary") + "\n";
    out += fmt::format("    services ({}): {}\n", sum["services"].size(),
                       sum["services"].empty() ? "none" : fmt::format("{}", fmt::join(sum["services"].get<std::vector<std::string>>(), ", ")));
    const auto wild = sum["wildcard_actions_on_star"].get<std::vector<std::string>>();
    out += "    wildcard actions on *: " + (wild.empty() ? std::string("none") : st.Red(fmt::format("{}", fmt::join(wild, ", ")))) + "\n";
    const auto managed = sum["managed_policies"].get<std::vector<std::string>>();
    out += fmt::format("    managed policies ({}): {}\n", managed.size(), managed.empty() ? "none" : fmt::format("{}", fmt::join(managed, ", ")));
    std::vector<std::string> levels;
    for (const auto& [name, count] : sum["access_levels"].items()) levels.push_back(fmt::format("{} {}", name, count.get<size_t>()));
    out += fmt::format("    actions by access level: {}\n", fmt::join(levels, ", "));
  }
  if (!e["notices"].empty()) {
    out += "\n" + st.Bold("Notices") + "\n";
    for (const auto& n : e["notices"]) {
      std::string where = n["where"].is_null() ? "" : n["where"].get<std::string>() + ": ";
      out += "  " + st.Yellow(n["code"].get<std::string>()) + " " + where + n["message"].get<std::string>() + "\n";
    }
  }
  return out;
}

}  // namespace jetsam
