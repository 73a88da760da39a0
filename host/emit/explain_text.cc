// jetsam explain for a person: renders the model Explain() builds (host/analyze/explain.cc).
#include <algorithm>

#include <fmt/format.h>

#include "emit/text_safe.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

using emit::Text;
using emit::Texts;

std::string OriginText(const Json& o, const TextStyle& st) {
  const std::string kind = Text(o, "kind");
  if (kind == "default") return st.Dim("Jets default (" + Text(o, "setting") + ")");
  if (kind == "scope") return st.Dim(Text(o, "scope"));
  if (kind == "standard") return st.Dim("Jets' rule for a list of names (" + Text(o, "setting") + ")");
  if (kind == "switch") return st.Dim("Jets' " + Text(o, "policy") + ", with " + Text(o, "setting"));
  std::string op = Text(o, "op");
  std::string verb = op == "append" ? "added at " : op == "set" ? "set at " : op.empty() ? "" : op + " at ";
  std::string text = st.Cyan(verb + Text(o, "where")) + " " + st.Dim("(" + Text(o, "setting") + ")");
  if (o.contains("overlay")) text += " " + st.Yellow("env overlay " + Text(o, "overlay"));
  return text;
}

// An action or resource as its column shows it: quoted when it holds a run of spaces or starts or
// ends with one, so that text a config put after spaces (a fake "Jets default (...)") reads as
// part of the value, not as the origin column. IAM names have no such spaces.
std::string Shown(std::string text) {
  const bool spaced = text.find("  ") != std::string::npos || (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!spaced) return text;
  std::string quoted = "\"";  // the text is TextSafe's already: only its quotes need a mark
  for (char c : text) {
    if (c == '"') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string Pad(const std::string& s, size_t width) { return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' '); }

void RenderPolicy(const Json& p, const TextStyle& st, std::string* out) {
  std::string head = "  " + st.Bold(Text(p, "name"));
  const std::string setting = Text(p, "setting");
  if (p.contains("changes")) {
    std::vector<std::string> parts;
    for (const auto& c : p["changes"]) {
      std::string part = Text(c, "op") + " at " + Text(c, "where");
      if (c.contains("overlay")) part += " " + st.Yellow("(env overlay " + Text(c, "overlay") + ")");
      parts.push_back(part);
    }
    head += fmt::format("  {}: {}", setting, fmt::join(parts, ", "));
  } else if (!setting.empty()) {
    head += "  " + setting + st.Dim(setting.starts_with("deploy-scope") ? "" : ", the Jets default");
  }
  *out += head + "\n";
  if (p.contains("switched_by"))
    *out += "    " + st.Green("switched on by " + Text(p["switched_by"], "setting")) + ": " +
            OriginText(p["switched_by"], st) + "\n";
  size_t n = 0;
  for (const auto& s : p["statements"]) {
    std::string title = fmt::format("    Statement {}", ++n);
    if (s.contains("sid")) title += " " + Text(s, "sid");
    title += ": " + Text(s, "effect");
    *out += title + "\n";
    size_t width = 0;
    for (const auto& a : s["actions"]) width = std::max(width, Shown(Text(a, "action")).size());
    for (const auto& r : s["resources"]) width = std::max(width, Shown(Text(r, "resource")).size());
    width = std::min<size_t>(width + 2, 60);
    const char* action_label = s.contains("not_action") ? "not-action " : "action     ";
    const char* resource_label = s.contains("not_resource") ? "not-resource " : "resource   ";
    // A statement settings switched on (the tailored deploy user) names them once, below.
    const bool by_need = s.contains("needed_by");
    auto line = [&](const char* label, const Json& item, const char* key) {
      const std::string text = Shown(Text(item, key));
      *out += "      " + std::string(label) + (by_need ? text : Pad(text, width) + OriginText(item["origin"], st)) + "\n";
    };
    for (const auto& a : s["actions"]) line(action_label, a, "action");
    for (const auto& r : s["resources"]) line(resource_label, r, "resource");
    if (s.contains("condition")) *out += "      condition  " + Text(s["condition"]) + "\n";
    if (s.contains("needed_by")) {
      for (const auto& r : s["needed_by"])
        *out += "      " + st.Green("needed by ") + Text(r, "setting") + ": " +
                (r["kind"] == "default" ? st.Dim("Jets default, on") : OriginText(r, st)) + "\n";
    }
    for (const auto& note : s["notes"]) *out += "      " + st.Magenta("note: ") + Text(note) + "\n";
  }
}

}  // namespace

std::string ExplainText(const Json& e, const TextStyle& st) {
  std::string out;
  const Json& project = e["project"];
  out += st.Bold(fmt::format("{} (env {}, namespace {})", Text(project, "name"), Text(project, "env"),
                             Text(project, "namespace"))) +
         "\n";
  for (const auto& r : e["roles"]) {
    out += "\n" + st.Bold(fmt::format("{} ({})", Text(r, "logical_id"), Text(r, "role"))) + "\n";
    for (const auto& p : r["policies"]) RenderPolicy(p, st, &out);
    if (!r["managed_policies"].empty()) {
      out += "  " + st.Bold("Managed policies") + "\n";
      size_t width = 0;
      for (const auto& m : r["managed_policies"]) width = std::max(width, Text(m, "arn").size());
      for (const auto& m : r["managed_policies"]) {
        const Json& o = m["origin"];
        std::string origin = o["kind"] == "option" ? st.Dim("--managed") : OriginText(o, st);
        out += "    " + Pad(Text(m, "arn"), width + 2) + origin + "\n";
      }
    }
    const Json& sum = r["summary"];
    out += "  " + st.Bold("Summary") + "\n";
    const auto services = Texts(sum["services"]);
    out += fmt::format("    services ({}): {}\n", services.size(),
                       services.empty() ? "none" : fmt::format("{}", fmt::join(services, ", ")));
    const auto wild = Texts(sum["wildcard_actions_on_star"]);
    out += "    wildcard actions on *: " + (wild.empty() ? std::string("none") : st.Red(fmt::format("{}", fmt::join(wild, ", ")))) + "\n";
    const auto managed = Texts(sum["managed_policies"]);
    out += fmt::format("    managed policies ({}): {}\n", managed.size(), managed.empty() ? "none" : fmt::format("{}", fmt::join(managed, ", ")));
    std::vector<std::string> levels;
    for (const auto& [name, count] : sum["access_levels"].items()) levels.push_back(fmt::format("{} {}", TextSafe(name), Text(count)));
    out += fmt::format("    actions by access level: {}\n", fmt::join(levels, ", "));
  }
  if (!e["notices"].empty()) {
    out += "\n" + st.Bold("Notices") + "\n";
    for (const auto& n : e["notices"]) {
      std::string where = Text(n, "where");
      if (!where.empty()) where += ": ";
      out += "  " + st.Yellow(Text(n, "code")) + " " + where + Text(n, "message") + "\n";
    }
  }
  return out;
}

}  // namespace jetsam
