// jetsam lint's text and JSON output.
#include <fmt/format.h>

#include "emit/text_safe.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

const char* Color(Severity s) {
  switch (s) {
    case Severity::kError: return "1;31";
    case Severity::kWarning: return "1;33";
    case Severity::kInfo: return "1;36";
  }
  return "";
}

std::string Plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string EmitLintText(const std::vector<Finding>& findings, const TextStyle& style) {
  std::string out;
  for (const auto& f : findings) {
    const std::string where = f.where.empty() ? "(Jets default)" : TextSafe(f.where.str());
    const std::string sev = style.Wrap(Color(f.severity), SeverityName(f.severity));
    out += fmt::format("{}: {}: {} [{}]\n", where, sev, TextSafe(f.message), TextSafe(f.rule));
    if (!f.hint.empty()) out += fmt::format("  hint: {}\n", TextSafe(f.hint));
  }
  const LintSummary s = Summarize(findings);
  if (findings.empty()) {
    out += "no findings\n";
  } else {
    out += fmt::format("{}, {}, {}\n", Plural(s.errors, "error", "errors"), Plural(s.warnings, "warning", "warnings"),
                       Plural(s.infos, "info", "infos"));
  }
  return out;
}

std::string EmitLintJson(const std::vector<Finding>& findings) {
  Json list = Json::array();
  for (const auto& f : findings) {
    Json j = Json::object();
    j["rule"] = f.rule;
    j["severity"] = SeverityName(f.severity);
    j["message"] = f.message;
    j["file"] = f.where.empty() ? Json(nullptr) : Json(f.where.file);
    j["line"] = f.where.line > 0 ? Json(f.where.line) : Json(nullptr);
    j["setting"] = f.setting.empty() ? Json(nullptr) : Json(f.setting);
    j["role"] = f.role.empty() ? Json(nullptr) : Json(f.role);
    j["hint"] = f.hint;
    list.push_back(std::move(j));
  }
  const LintSummary s = Summarize(findings);
  Json out = Json::object();
  out["findings"] = std::move(list);
  out["summary"] = {{"errors", s.errors}, {"warnings", s.warnings}, {"infos", s.infos}};
  return JsonText(out);
}

}  // namespace jetsam
