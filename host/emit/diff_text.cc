// jetsam diff as a reviewer reads it: +/- lines grouped by role and policy, origins beside them.
#include <fmt/format.h>

#include "emit/text_safe.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

using emit::Text;
using emit::Texts;

Json Strings(const Json& j) { return j.is_array() ? j : j.is_null() ? Json::array() : Json::array({j}); }

std::string Where(const Json& origin) {
  std::string setting = Text(origin, "setting");
  std::string w = Text(origin, "where");
  if (w.empty()) w = "Jets default";
  return setting.empty() ? w : w + ", " + setting;
}

struct Printer {
  TextStyle st;
  std::string out;

  std::string Mark(const std::string& sign, const std::string& text) {
    return sign == "+" ? st.Green("+ " + text) : sign == "-" ? st.Red("- " + text) : "~ " + text;
  }

  void Whole(const std::string& sign, const Json& s, const std::string& indent) {
    const Json& stmt = s["statement"];
    std::string title = "statement";
    if (stmt.contains("Sid")) title += " " + Text(stmt, "Sid");
    title += " (" + (stmt.contains("Effect") ? Text(stmt, "Effect") : std::string("Allow")) + ")";
    out += indent + Mark(sign, title) + "  " + st.Dim(Where(s["origin"])) + "\n";
    const char* action_key = stmt.contains("NotAction") ? "NotAction" : "Action";
    const char* resource_key = stmt.contains("NotResource") ? "NotResource" : "Resource";
    for (const auto& a : Strings(stmt.value(action_key, Json())))
      out += indent + Mark(sign, fmt::format("  {} {}", action_key == std::string("Action") ? "action  " : "not-action", Text(a))) + "\n";
    for (const auto& r : Strings(stmt.value(resource_key, Json())))
      out += indent + Mark(sign, fmt::format("  {} {}", resource_key == std::string("Resource") ? "resource" : "not-resource", Text(r))) + "\n";
    if (stmt.contains("Condition")) out += indent + Mark(sign, "  condition " + Text(stmt["Condition"])) + "\n";
  }

  void Changed(const Json& s, const std::string& indent) {
    const Json& stmt = s["statement"];
    std::string title = "statement";
    if (stmt.contains("Sid")) title += " " + Text(stmt, "Sid");
    if (s.contains("actions")) {
      const Json resources = Strings(stmt.value("Resource", stmt.value("NotResource", Json())));
      title += fmt::format(" on {}", fmt::join(Texts(resources), ", "));
    } else {
      const Json actions = Strings(stmt.value("Action", stmt.value("NotAction", Json())));
      title += fmt::format(" for {}", fmt::join(Texts(actions), ", "));
    }
    out += indent + Mark("~", title) + "  " + st.Dim(Where(s["origin"])) + "\n";
    if (s.contains("actions")) {
      for (const char* sign : {"-", "+"})
        for (const auto& a : s["actions"][sign == std::string("+") ? "added" : "removed"]) {
          std::string where = a["where"].is_string() ? Text(a, "where") : "Jets default";
          out += indent + "  " + Mark(sign, "action   " + Text(a, "action")) + "  " + st.Dim(where) + "\n";
        }
    } else {
      for (const char* sign : {"-", "+"})
        for (const auto& r : s["resources"][sign == std::string("+") ? "added" : "removed"])
          out += indent + "  " + Mark(sign, "resource " + Text(r)) + "\n";
    }
  }

  void Policy(const Json& p) {
    const std::string change = Text(p, "change");
    const std::string sign = change == "added" ? "+" : change == "removed" ? "-" : "";
    std::string title = Text(p, "name") + "  " + st.Dim(Text(p, "setting"));
    if (p.contains("switched_by")) {
      const Json& sw = p["switched_by"];
      title += "  switched on by " + Text(sw, "setting") +
               (sw["where"].is_string() ? " at " + Text(sw, "where") : std::string(" (Jets default)"));
    }
    out += "  " + (sign.empty() ? title : Mark(sign, "policy " + title)) + "\n";
    for (const auto& s : p["statements"]) {
      const std::string c = Text(s, "change");
      if (c == "changed") Changed(s, "    ");
      else Whole(c == "added" ? "+" : "-", s, "    ");
    }
  }

  void Role(const Json& r) {
    const std::string change = Text(r, "change");
    std::string title = st.Bold(fmt::format("{} ({})", Text(r, "logical_id"), Text(r, "role")));
    if (change != "changed") title += change == "added" ? st.Green("  only in b") : st.Red("  only in a");
    out += "\n" + title + "\n";
    for (const auto& p : r["policies"]) Policy(p);
    const Json& m = r["managed_policies"];
    if (m["added"].empty() && m["removed"].empty()) return;
    out += "  managed policies\n";
    for (const char* sign : {"-", "+"})
      for (const auto& e : m[sign == std::string("+") ? "added" : "removed"]) {
        std::string where = e["where"].is_string() ? Text(e, "where") : "Jets default";
        out += "    " + Mark(sign, Text(e, "arn")) + "  " + st.Dim(where + ", " + Text(e, "setting")) + "\n";
      }
  }
};

}  // namespace

std::string DiffText(const Json& diff, const TextStyle& style) {
  Printer p{style, ""};
  auto side = [](const Json& s) {
    const std::string ns = Text(s, "namespace");
    return Text(s, "label") + (ns.empty() ? "" : " (" + ns + ")");
  };
  p.out += p.st.Red("--- a: " + side(diff["a"])) + "\n";
  p.out += p.st.Green("+++ b: " + side(diff["b"])) + "\n";
  if (diff["roles"].empty()) p.out += "\nno difference in what the roles grant\n";
  for (const auto& r : diff["roles"]) p.Role(r);
  return p.out;
}

}  // namespace jetsam
