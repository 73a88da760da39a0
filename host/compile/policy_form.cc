// The form of an IAM policy document, as IAM judges it before it looks at any name.
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "jetsam/policy.h"

namespace jetsam {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A string, or a non-empty array of strings.
bool StringOrStrings(const Json& j) {
  if (j.is_string()) return !j.get<std::string>().empty();
  if (!j.is_array() || j.empty()) return false;
  return std::all_of(j.begin(), j.end(), [](const Json& e) { return e.is_string() && !e.get<std::string>().empty(); });
}

void CheckStatement(const Json& s, size_t n, std::set<std::string>* sids, std::vector<std::string>* out) {
  auto problem = [&](const std::string& what) { out->push_back(fmt::format("Statement {}: {}", n, what)); };
  if (!s.is_object()) return problem("not an object");
  if (s.contains("Sid")) {
    const std::string sid = s["Sid"].is_string() ? s["Sid"].get<std::string>() : "";
    if (sid.empty() || !std::all_of(sid.begin(), sid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
      problem("Sid must be letters and digits");
    else if (!sids->insert(sid).second)
      problem("Sid " + sid + " is used twice");
  }
  if (!s.contains("Effect")) problem("no Effect");
  else if (s["Effect"] != "Allow" && s["Effect"] != "Deny") problem("Effect must be Allow or Deny");
  const bool action = s.contains("Action"), not_action = s.contains("NotAction");
  if (action == not_action) problem(action ? "both Action and NotAction" : "no Action or NotAction");
  const bool resource = s.contains("Resource"), not_resource = s.contains("NotResource");
  if (resource == not_resource) problem(resource ? "both Resource and NotResource" : "no Resource or NotResource");
  for (const char* key : {"Action", "NotAction", "Resource", "NotResource"}) {
    if (!s.contains(key)) continue;
    const Json& v = s[key];
    if (!StringOrStrings(v)) {
      problem(std::string(key) + " must be a string or a non-empty list of strings");
      continue;
    }
    if (std::string_view(key).ends_with("Action") && v.is_array()) {
      std::set<std::string> seen;
      for (const auto& a : v)
        if (!seen.insert(Lower(a.get<std::string>())).second) problem(std::string(key) + " lists " + a.get<std::string>() + " twice");
    }
  }
  if (s.contains("Condition") && !s["Condition"].is_object()) problem("Condition must be an object");
}

}  // namespace

std::vector<std::string> PolicyFormProblems(const Json& document) {
  std::vector<std::string> out;
  if (!document.is_object()) return {"the document is not a JSON object"};
  if (!document.contains("Version")) out.push_back("no Version");
  else if (document["Version"] != "2012-10-17" && document["Version"] != "2008-10-17")
    out.push_back("Version must be 2012-10-17");
  if (!document.contains("Statement")) {
    out.push_back("no Statement");
    return out;
  }
  const Json& statements = document["Statement"];
  std::set<std::string> sids;
  if (statements.is_object()) {
    CheckStatement(statements, 1, &sids, &out);
  } else if (!statements.is_array() || statements.empty()) {
    out.push_back("Statement must be an object or a non-empty list");
  } else {
    for (size_t i = 0; i < statements.size(); ++i) CheckStatement(statements[i], i + 1, &sids, &out);
  }
  return out;
}

}  // namespace jetsam
