// jetsam lint --format sarif: SARIF 2.1.0 as GitHub code scanning takes it (one run, the rules in
// tool.driver.rules, every result with one physical location and a line).
#include <fmt/format.h>

#include <cctype>

#include "jetsam/emit.h"
#include "jetsam/version.h"

namespace jetsam {
namespace {

const char* Level(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "note";
}

// A relative URI reference for a file path: every byte but unreserved characters and '/'
// percent-encoded (RFC 3986), so that no file name can break the URI or read as a scheme.
std::string UriPath(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

std::string EmitSarif(const std::vector<Finding>& findings, const std::string& uri_prefix,
                      const std::string& fallback_file) {
  const auto& rules = LintRules();
  Json rule_list = Json::array();
  for (const auto& r : rules) {
    Json j = Json::object();
    j["id"] = r.id;
    j["name"] = r.id;
    j["shortDescription"] = {{"text", r.summary}};
    j["fullDescription"] = {{"text", r.help}};
    j["help"] = {{"text", r.help}};
    j["defaultConfiguration"] = {{"level", Level(r.severity)}};
    Json tags = Json::array({"iam"});
    for (const char* risk : {"privilege-escalation", "data-exfiltration", "credentials-exposure", "service-wildcard",
                             "unscoped-write", "resource-exposure", "allow-with-not", "weak-mfa-condition"})
      if (std::string_view(r.id) == risk) tags.push_back("security");
    j["properties"] = {{"tags", tags}};
    rule_list.push_back(std::move(j));
  }
  Json results = Json::array();
  for (const auto& f : findings) {
    std::size_t index = 0;
    while (index < rules.size() && f.rule != rules[index].id) ++index;
    Json r = Json::object();
    r["ruleId"] = f.rule;
    if (index < rules.size()) r["ruleIndex"] = index;
    r["level"] = Level(f.severity);
    // The message is text a person reads: escaped as every text output is, before JSON's own.
    std::string text = f.where.empty() ? "(Jets default) " + TextSafe(f.message) : TextSafe(f.message);
    if (!f.hint.empty()) text += "\nhint: " + TextSafe(f.hint);
    r["message"] = {{"text", text}};
    const std::string file = f.where.empty() ? fallback_file : f.where.file;
    const int line = f.where.line > 0 ? f.where.line : 1;
    Json phys = Json::object();
    phys["artifactLocation"] = {{"uri", UriPath(uri_prefix + file)}, {"uriBaseId", "%SRCROOT%"}};
    phys["region"] = {{"startLine", line}};
    r["locations"] = Json::array({Json{{"physicalLocation", phys}}});
    Json props = Json::object();
    if (!f.setting.empty()) props["setting"] = f.setting;
    if (!f.role.empty()) props["role"] = f.role;
    if (!props.empty()) r["properties"] = props;
    results.push_back(std::move(r));
  }
  Json driver = Json::object();
  driver["name"] = "jetsam";
  driver["version"] = Version();
  driver["semanticVersion"] = Version();
  driver["rules"] = std::move(rule_list);
  Json run = Json::object();
  run["tool"] = {{"driver", driver}};
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = std::move(results);
  Json log = Json::object();
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = Json::array({run});
  return JsonText(log);
}

}  // namespace jetsam
