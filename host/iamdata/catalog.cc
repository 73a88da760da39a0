// The IAM catalog: inflates the embedded blob on first use and answers queries from it.
// Strings stay where the inflated buffer holds them (string_views); only the results handed
// out are copied into std::string.
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "iamdata/blob.h"
#include "jetsam/iamdata.h"

namespace jetsam::iam {
namespace {

constexpr std::uint8_t kFormat = 2;  // data/iam/iamdata_gen.cc writes the same
std::atomic<bool> g_loaded{false};

inline char Fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive three-way compare.
int CompareCi(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    char x = Fold(a[i]), y = Fold(b[i]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}
bool EqualCi(std::string_view a, std::string_view b) { return a.size() == b.size() && CompareCi(a, b) == 0; }

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// "aws:ResourceTag/${TagKey}" or "s3:ExistingObjectTag/<key>" -> does key fill the template?
bool TemplateMatch(std::string_view tmpl, std::string_view key) {
  std::string pattern;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '$' && i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      std::size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        pattern += "?*";
        i = close;
        continue;
      }
    }
    if (tmpl[i] == '<') {
      std::size_t close = tmpl.find('>', i);
      if (close != std::string_view::npos) {
        pattern += "?*";
        i = close;
        continue;
      }
    }
    // A literal '*' or '?' in a template would be read as a wildcard; the reference has none.
    pattern += tmpl[i];
  }
  return IamWildcardMatch(pattern, key, true);
}

bool IsTemplate(std::string_view k) {
  return k.find("${") != std::string_view::npos || k.find('<') != std::string_view::npos;
}

std::size_t SuggestLimit(std::size_t len) { return std::max<std::size_t>(1, len / 3); }

// The edit distance is at least the difference in length: skip the ones that cannot qualify.
bool TooFar(std::string_view a, std::string_view b, std::size_t limit) {
  return (a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit;
}

}  // namespace

struct Catalog::Impl {
  struct Range {
    std::uint32_t begin = 0, count = 0;
  };
  struct RType {
    std::string_view name, arn;
    Range keys;
  };
  struct CKey {
    std::string_view key, type, desc;
  };
  struct AResource {
    std::uint32_t rtype;  // index into rtypes + 1, 0: none
    std::string_view name;
    bool required;
    Range keys, deps;
  };
  struct Action {
    std::string_view name, desc;
    std::uint8_t levels;
    std::uint32_t service;
    Range res, keys, deps;
  };
  struct Service {
    std::string_view prefix, name;
    Range rtypes, ckeys, actions;
  };
  struct Global {
    std::string_view key, type, category;
  };
  struct Policy {
    std::string_view name, path, version, created, updated, doc;
  };

  // One inflated blob and its string table; the parsed records point into raw.
  struct Blob {
    std::string raw;
    std::vector<std::string_view> strings;
    const unsigned char* p = nullptr;
    const unsigned char* end = nullptr;

    [[noreturn]] static void Corrupt(const char* what) {
      throw std::runtime_error(std::string("jetsam: embedded IAM data is corrupt (") + what + ")");
    }
    void Open(const unsigned char* z, std::size_t zsize, std::size_t raw_size) {
      raw.resize(raw_size);
      uLongf len = raw.size();
      if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &len, z, zsize) != Z_OK || len != raw.size())
        Corrupt("inflate");
      p = reinterpret_cast<const unsigned char*>(raw.data());
      end = p + raw.size();
      if (raw.size() < 5 || std::memcmp(p, "JIAM", 4) != 0) Corrupt("magic");
      p += 4;
      if (Byte() != kFormat) Corrupt("format version");
      std::uint32_t n = Count();
      strings.reserve(n);
      for (std::uint32_t i = 0; i < n; ++i) {
        std::uint64_t len = Var();
        if (len > static_cast<std::uint64_t>(end - p)) Corrupt("string");
        strings.emplace_back(reinterpret_cast<const char*>(p), len);
        p += len;
      }
    }
    void Close() {
      if (p != end) Corrupt("trailing bytes");
    }
    std::uint64_t Var() {
      std::uint64_t v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (p == end) Corrupt("truncated");
        std::uint8_t b = *p++;
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
      }
      Corrupt("varint");
    }
    std::uint8_t Byte() {
      if (p == end) Corrupt("truncated");
      return *p++;
    }
    std::uint32_t Count() {
      std::uint64_t n = Var();
      if (n > static_cast<std::uint64_t>(end - p) + 1) Corrupt("count");
      return static_cast<std::uint32_t>(n);
    }
    std::string_view Str() {
      std::uint64_t i = Var();
      if (i >= strings.size()) Corrupt("string index");
      return strings[i];
    }
  };

  Blob ref_blob, policy_blob;
  std::vector<std::string_view> refs;  // condition keys and dependent-action lists, flattened
  std::vector<Global> globals;
  std::vector<RType> rtypes;
  std::vector<CKey> ckeys;
  std::vector<AResource> ares;
  std::vector<Action> actions;
  std::vector<Service> services;
  // The managed policies: inflated on first use by a policy query.
  std::once_flag policies_once;
  std::vector<Policy> policies;

  Range StrList(Blob& b) {
    Range r{static_cast<std::uint32_t>(refs.size()), b.Count()};
    for (std::uint32_t i = 0; i < r.count; ++i) refs.push_back(b.Str());
    return r;
  }

  void Load() {
    Blob& b = ref_blob;
    b.Open(generated::kBlob, generated::kBlobSize, generated::kBlobRawSize);
    std::uint32_t n = b.Count();
    for (std::uint32_t i = 0; i < n; ++i) {
      Global g;
      g.key = b.Str();
      g.type = b.Str();
      g.category = b.Str();
      globals.push_back(g);
    }

    n = b.Count();
    services.reserve(n);
    refs.reserve(200000);
    for (std::uint32_t s = 0; s < n; ++s) {
      Service svc;
      svc.prefix = b.Str();
      svc.name = b.Str();
      svc.rtypes = {static_cast<std::uint32_t>(rtypes.size()), b.Count()};
      for (std::uint32_t i = 0; i < svc.rtypes.count; ++i) {
        RType rt;
        rt.name = b.Str();
        rt.arn = b.Str();
        rt.keys = StrList(b);
        rtypes.push_back(rt);
      }
      svc.ckeys = {static_cast<std::uint32_t>(ckeys.size()), b.Count()};
      for (std::uint32_t i = 0; i < svc.ckeys.count; ++i) {
        CKey ck;
        ck.key = b.Str();
        ck.type = b.Str();
        ck.desc = b.Str();
        ckeys.push_back(ck);
      }
      svc.actions = {static_cast<std::uint32_t>(actions.size()), b.Count()};
      for (std::uint32_t i = 0; i < svc.actions.count; ++i) {
        Action a;
        a.service = s;
        a.name = b.Str();
        a.desc = b.Str();
        a.levels = b.Byte();
        a.res = {static_cast<std::uint32_t>(ares.size()), b.Count()};
        for (std::uint32_t r = 0; r < a.res.count; ++r) {
          AResource ar;
          std::uint64_t local = b.Var();
          if (local > svc.rtypes.count) Blob::Corrupt("resource type index");
          ar.rtype = local == 0 ? 0 : static_cast<std::uint32_t>(svc.rtypes.begin + local);
          ar.name = b.Str();
          ar.required = b.Byte() != 0;
          ar.keys = StrList(b);
          ar.deps = StrList(b);
          ares.push_back(ar);
        }
        a.keys = StrList(b);
        a.deps = StrList(b);
        actions.push_back(a);
      }
      services.push_back(svc);
    }
    b.Close();
  }

  void LoadPolicies() {
    Blob& b = policy_blob;
    b.Open(generated::kPolicyBlob, generated::kPolicyBlobSize, generated::kPolicyBlobRawSize);
    std::uint32_t n = b.Count();
    policies.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      Policy pol;
      pol.name = b.Str();
      pol.path = b.Str();
      pol.version = b.Str();
      pol.created = b.Str();
      pol.updated = b.Str();
      pol.doc = b.Str();
      policies.push_back(pol);
    }
    b.Close();
  }

  const std::vector<Policy>& Policies() {
    std::call_once(policies_once, [this] { LoadPolicies(); });
    return policies;
  }

  // --- lookups
  std::vector<std::string> List(Range r) const {
    std::vector<std::string> out;
    out.reserve(r.count);
    for (std::uint32_t i = 0; i < r.count; ++i) out.emplace_back(refs[r.begin + i]);
    return out;
  }

  const Service* FindService(std::string_view prefix) const {
    auto it = std::lower_bound(services.begin(), services.end(), prefix,
                               [](const Service& s, std::string_view k) { return CompareCi(s.prefix, k) < 0; });
    return it != services.end() && EqualCi(it->prefix, prefix) ? &*it : nullptr;
  }

  const Action* FindActionIn(const Service& svc, std::string_view name) const {
    auto first = actions.begin() + svc.actions.begin, last = first + svc.actions.count;
    auto it = std::lower_bound(first, last, name,
                               [](const Action& a, std::string_view k) { return CompareCi(a.name, k) < 0; });
    return it != last && EqualCi(it->name, name) ? &*it : nullptr;
  }

  ResourceTypeInfo RTypeInfo(const Service& svc, const RType& rt) const {
    return ResourceTypeInfo{std::string(svc.prefix), std::string(rt.name), std::string(rt.arn), List(rt.keys)};
  }

  ActionInfo Info(const Action& a) const {
    static constexpr AccessLevel kOrder[] = {AccessLevel::kList, AccessLevel::kRead, AccessLevel::kWrite,
                                             AccessLevel::kPermissionsManagement, AccessLevel::kTagging};
    const Service& svc = services[a.service];
    ActionInfo out;
    out.service = std::string(svc.prefix);
    out.name = out.service + ":" + std::string(a.name);
    out.description = std::string(a.desc);
    // Primary level: the most specific flag the reference sets.
    if (a.levels & 8) out.level = AccessLevel::kPermissionsManagement;
    else if (a.levels & 16) out.level = AccessLevel::kTagging;
    else if (a.levels & 4) out.level = AccessLevel::kWrite;
    else if (a.levels & 2) out.level = AccessLevel::kRead;
    else out.level = AccessLevel::kList;
    out.access_level = std::string(AccessLevelName(out.level));
    out.access_levels.push_back(out.access_level);
    for (int bit = 0; bit < 5; ++bit)
      if ((a.levels & (1 << bit)) && kOrder[bit] != out.level) out.access_levels.emplace_back(AccessLevelName(kOrder[bit]));
    out.resource_types.reserve(a.res.count);
    for (std::uint32_t i = 0; i < a.res.count; ++i) {
      const AResource& r = ares[a.res.begin + i];
      ActionResource ar;
      ar.name = std::string(r.name);
      if (r.rtype) ar.arn_format = std::string(rtypes[r.rtype - 1].arn);
      ar.required = r.required;
      ar.condition_keys = List(r.keys);
      ar.dependent_actions = List(r.deps);
      out.resource_types.push_back(std::move(ar));
    }
    out.condition_keys = List(a.keys);
    out.dependent_actions = List(a.deps);
    return out;
  }

  // Calls f(const Action&) for every action the pattern names, in order.
  template <typename F>
  void ForEachMatch(std::string_view pattern, F&& f) const {
    std::string_view svc_pat, act_pat;
    if (pattern == "*") {
      svc_pat = act_pat = "*";
    } else {
      std::size_t colon = pattern.find(':');
      if (colon == std::string_view::npos) return;
      svc_pat = pattern.substr(0, colon);
      act_pat = pattern.substr(colon + 1);
    }
    auto each_action = [&](const Service& svc) {
      if (!HasWildcard(act_pat)) {
        if (const Action* a = FindActionIn(svc, act_pat)) f(*a);
        return;
      }
      for (std::uint32_t i = 0; i < svc.actions.count; ++i) {
        const Action& a = actions[svc.actions.begin + i];
        if (IamWildcardMatch(act_pat, a.name, true)) f(a);
      }
    };
    if (!HasWildcard(svc_pat)) {
      if (const Service* svc = FindService(svc_pat)) each_action(*svc);
      return;
    }
    for (const Service& svc : services)
      if (IamWildcardMatch(svc_pat, svc.prefix, true)) each_action(svc);
  }

  const Policy* FindPolicy(std::string_view name, std::string_view path) {
    const std::vector<Policy>& all = Policies();
    auto it = std::lower_bound(all.begin(), all.end(), name,
                               [](const Policy& p, std::string_view k) { return p.name < k; });
    for (; it != all.end() && it->name == name; ++it)
      if (path.empty() || it->path == path) return &*it;
    return nullptr;
  }

  static ManagedPolicyInfo PolicyInfo(const Policy& p, std::string_view partition) {
    ManagedPolicyInfo out;
    out.name = std::string(p.name);
    out.path = std::string(p.path);
    out.arn = "arn:" + std::string(partition) + ":iam::aws:policy" + out.path + out.name;
    out.version_id = std::string(p.version);
    out.created = std::string(p.created);
    out.updated = std::string(p.updated);
    out.document = nlohmann::json::parse(p.doc);
    return out;
  }
};

namespace {

// "arn:aws:iam::aws:policy/service-role/X", "/service-role/X", "service-role/X", "X" ->
// partition ("aws" unless an ARN says otherwise), path ("/service-role/"), name. False: an
// ARN that is not an AWS managed policy's.
bool SplitPolicyRef(std::string_view in, std::string* partition, std::string* path, std::string* name) {
  *partition = "aws";
  std::string_view rest = in;
  if (in.rfind("arn:", 0) == 0) {
    std::size_t colon = in.find(':', 4);
    if (colon == std::string_view::npos) return false;
    *partition = std::string(in.substr(4, colon - 4));
    std::string_view tail = in.substr(colon);
    constexpr std::string_view kHead = ":iam::aws:policy/";
    if (partition->empty() || tail.rfind(kHead, 0) != 0) return false;
    rest = tail.substr(kHead.size() - 1);  // keep the leading '/'
  }
  std::size_t slash = rest.rfind('/');
  if (slash == std::string_view::npos) {
    *path = "/";
    *name = std::string(rest);
  } else {
    *name = std::string(rest.substr(slash + 1));
    std::string_view dir = rest.substr(0, slash + 1);
    *path = dir.front() == '/' ? std::string(dir) : "/" + std::string(dir);
  }
  return !name->empty();
}

template <typename T>
std::vector<std::string> Best(std::vector<std::tuple<std::size_t, T, std::string>>& scored, std::size_t max) {
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (auto& s : scored) {
    if (out.size() >= max) break;
    if (std::find(out.begin(), out.end(), std::get<2>(s)) == out.end()) out.push_back(std::move(std::get<2>(s)));
  }
  return out;
}

}  // namespace

std::string_view AccessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::kList: return "List";
    case AccessLevel::kRead: return "Read";
    case AccessLevel::kWrite: return "Write";
    case AccessLevel::kPermissionsManagement: return "Permissions management";
    case AccessLevel::kTagging: return "Tagging";
  }
  return "Unknown";
}

std::vector<DataPackage> DataPackageList() {
  std::vector<DataPackage> out;
  std::string_view all = generated::kPackages;
  while (!all.empty()) {
    std::size_t nl = all.find('\n');
    std::string_view line = all.substr(0, nl);
    std::size_t tab = line.find('\t');
    if (tab != std::string_view::npos)
      out.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
    if (nl == std::string_view::npos) break;
    all.remove_prefix(nl + 1);
  }
  return out;
}

std::string DataVersions() {
  std::string out;
  for (const DataPackage& p : DataPackageList()) {
    if (!out.empty()) out += ", ";
    out += p.name + " " + p.version;
  }
  return out;
}

std::string ManagedPolicyInfo::QualifiedName() const {
  std::string_view dir = path;
  while (!dir.empty() && dir.front() == '/') dir.remove_prefix(1);
  return std::string(dir) + name;
}

Catalog::Catalog() : impl_(std::make_unique<Impl>()) {
  impl_->Load();
  g_loaded.store(true, std::memory_order_release);
}
Catalog::~Catalog() = default;

const Catalog& Catalog::Get() {
  static const Catalog catalog;  // C++11 magic static: loaded once, thread-safe
  return catalog;
}

bool Catalog::Loaded() { return g_loaded.load(std::memory_order_acquire); }

bool Catalog::HasService(std::string_view prefix) const { return impl_->FindService(prefix) != nullptr; }

std::optional<std::string> Catalog::ServiceName(std::string_view prefix) const {
  if (const Impl::Service* s = impl_->FindService(prefix)) return std::string(s->name);
  return std::nullopt;
}

std::vector<std::string> Catalog::ServicePrefixes() const {
  std::vector<std::string> out;
  out.reserve(impl_->services.size());
  for (const auto& s : impl_->services) out.emplace_back(s.prefix);
  return out;
}

std::vector<std::string> Catalog::SuggestService(std::string_view prefix, std::size_t max) const {
  std::vector<std::tuple<std::size_t, int, std::string>> scored;
  const std::size_t limit = SuggestLimit(prefix.size());
  for (const auto& s : impl_->services) {
    if (TooFar(prefix, s.prefix, limit)) continue;
    std::size_t d = EditDistance(prefix, s.prefix);
    if (d <= limit) scored.emplace_back(d, 0, std::string(s.prefix));
  }
  return Best(scored, max);
}

std::vector<ActionInfo> Catalog::Expand(std::string_view pattern) const {
  std::vector<ActionInfo> out;
  impl_->ForEachMatch(pattern, [&](const Impl::Action& a) { out.push_back(impl_->Info(a)); });
  return out;
}

std::vector<std::string> Catalog::ExpandNames(std::string_view pattern) const {
  std::vector<std::string> out;
  impl_->ForEachMatch(pattern, [&](const Impl::Action& a) {
    out.push_back(std::string(impl_->services[a.service].prefix) + ":" + std::string(a.name));
  });
  return out;
}

std::optional<ActionInfo> Catalog::FindAction(std::string_view name) const {
  std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const Impl::Service* svc = impl_->FindService(name.substr(0, colon));
  if (!svc) return std::nullopt;
  if (const Impl::Action* a = impl_->FindActionIn(*svc, name.substr(colon + 1))) return impl_->Info(*a);
  return std::nullopt;
}

bool Catalog::HasAction(std::string_view name) const {
  std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return false;
  const Impl::Service* svc = impl_->FindService(name.substr(0, colon));
  return svc && impl_->FindActionIn(*svc, name.substr(colon + 1));
}

std::vector<std::string> Catalog::SuggestAction(std::string_view name, std::size_t max) const {
  std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {};
  std::string_view svc_part = name.substr(0, colon), act_part = name.substr(colon + 1);
  // Candidate services: the named one, or the closest prefixes to a misspelt one.
  std::vector<std::pair<const Impl::Service*, std::size_t>> cands;
  if (const Impl::Service* s = impl_->FindService(svc_part)) {
    cands.emplace_back(s, 0);
  } else {
    for (const std::string& p : SuggestService(svc_part, 3))
      cands.emplace_back(impl_->FindService(p), EditDistance(svc_part, p));
  }
  const std::size_t limit = SuggestLimit(act_part.size());
  std::vector<std::tuple<std::size_t, int, std::string>> scored;
  for (auto [svc, sd] : cands) {
    for (std::uint32_t i = 0; i < svc->actions.count; ++i) {
      const Impl::Action& a = impl_->actions[svc->actions.begin + i];
      if (TooFar(act_part, a.name, limit)) continue;
      std::size_t d = EditDistance(act_part, a.name);
      if (d <= limit) scored.emplace_back(d + sd, 0, std::string(svc->prefix) + ":" + std::string(a.name));
    }
  }
  return Best(scored, max);
}

std::vector<ResourceTypeInfo> Catalog::ResourceTypes(std::string_view service) const {
  std::vector<ResourceTypeInfo> out;
  const Impl::Service* svc = impl_->FindService(service);
  if (!svc) return out;
  for (std::uint32_t i = 0; i < svc->rtypes.count; ++i)
    out.push_back(impl_->RTypeInfo(*svc, impl_->rtypes[svc->rtypes.begin + i]));
  return out;
}

std::optional<ResourceTypeInfo> Catalog::FindResourceType(std::string_view service, std::string_view name) const {
  const Impl::Service* svc = impl_->FindService(service);
  if (!svc) return std::nullopt;
  for (std::uint32_t i = 0; i < svc->rtypes.count; ++i) {
    const Impl::RType& rt = impl_->rtypes[svc->rtypes.begin + i];
    if (EqualCi(rt.name, name)) return impl_->RTypeInfo(*svc, rt);
  }
  return std::nullopt;
}

std::vector<ResourceTypeInfo> Catalog::MatchResourceTypes(std::string_view arn) const {
  std::vector<ResourceTypeInfo> out;
  // arn:partition:service:...
  if (arn.rfind("arn:", 0) != 0) return out;
  std::size_t a = arn.find(':', 4);
  if (a == std::string_view::npos) return out;
  std::size_t b = arn.find(':', a + 1);
  std::string_view service = arn.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1);
  auto scan = [&](const Impl::Service& svc) {
    for (std::uint32_t i = 0; i < svc.rtypes.count; ++i) {
      const Impl::RType& rt = impl_->rtypes[svc.rtypes.begin + i];
      if (ArnMatchesFormat(arn, rt.arn)) out.push_back(impl_->RTypeInfo(svc, rt));
    }
  };
  if (HasWildcard(service)) {
    for (const auto& svc : impl_->services) scan(svc);
  } else if (const Impl::Service* svc = impl_->FindService(service)) {
    scan(*svc);
  }
  // Most specific format first: "arn:aws:s3:::b/k" fits both the bucket format (a variable
  // may hold '/') and the object format; the one with more literal text is the better guess.
  auto literal = [](std::string_view f) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f[i] == '$' && i + 1 < f.size() && f[i + 1] == '{') {
        std::size_t close = f.find('}', i);
        if (close != std::string_view::npos) {
          i = close;
          continue;
        }
      }
      ++n;
    }
    return n;
  };
  std::stable_sort(out.begin(), out.end(), [&](const ResourceTypeInfo& a, const ResourceTypeInfo& b) {
    return literal(a.arn_format) > literal(b.arn_format);
  });
  return out;
}

std::optional<ConditionKeyInfo> Catalog::FindConditionKey(std::string_view key) const {
  std::size_t colon = key.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view prefix = key.substr(0, colon);
  if (EqualCi(prefix, "aws")) {
    for (const auto& g : impl_->globals)
      if (EqualCi(g.key, key)) return ConditionKeyInfo{std::string(g.key), std::string(g.type), {}, true};
    for (const auto& g : impl_->globals)
      if (IsTemplate(g.key) && TemplateMatch(g.key, key))
        return ConditionKeyInfo{std::string(g.key), std::string(g.type), {}, true};
    // aws:* keys that only some services list (aws:RequestTag/${TagKey} and friends).
    for (const auto& ck : impl_->ckeys)
      if (EqualCi(ck.key, key) || (IsTemplate(ck.key) && TemplateMatch(ck.key, key)))
        return ConditionKeyInfo{std::string(ck.key), std::string(ck.type), std::string(ck.desc), true};
    return std::nullopt;
  }
  const Impl::Service* svc = impl_->FindService(prefix);
  if (!svc) return std::nullopt;
  auto first = impl_->ckeys.begin() + svc->ckeys.begin, last = first + svc->ckeys.count;
  auto it = std::lower_bound(first, last, key,
                             [](const Impl::CKey& c, std::string_view k) { return CompareCi(c.key, k) < 0; });
  if (it != last && EqualCi(it->key, key))
    return ConditionKeyInfo{std::string(it->key), std::string(it->type), std::string(it->desc), false};
  for (auto i = first; i != last; ++i)
    if (IsTemplate(i->key) && TemplateMatch(i->key, key))
      return ConditionKeyInfo{std::string(i->key), std::string(i->type), std::string(i->desc), false};
  return std::nullopt;
}

std::vector<ConditionKeyInfo> Catalog::ConditionKeys(std::string_view service) const {
  std::vector<ConditionKeyInfo> out;
  if (EqualCi(service, "aws")) {
    for (const auto& g : impl_->globals) out.push_back({std::string(g.key), std::string(g.type), {}, true});
    return out;
  }
  const Impl::Service* svc = impl_->FindService(service);
  if (!svc) return out;
  for (std::uint32_t i = 0; i < svc->ckeys.count; ++i) {
    const Impl::CKey& c = impl_->ckeys[svc->ckeys.begin + i];
    bool global = c.key.rfind("aws:", 0) == 0;
    out.push_back({std::string(c.key), std::string(c.type), std::string(c.desc), global});
  }
  return out;
}

std::optional<ManagedPolicyInfo> Catalog::FindManagedPolicy(std::string_view name_or_arn) const {
  std::string partition, path, name;
  if (!SplitPolicyRef(name_or_arn, &partition, &path, &name)) return std::nullopt;
  if (const Impl::Policy* p = impl_->FindPolicy(name, path)) return Impl::PolicyInfo(*p, partition);
  return std::nullopt;
}

std::optional<ManagedPolicyInfo> Catalog::FindManagedPolicyByName(std::string_view name) const {
  if (const Impl::Policy* p = impl_->FindPolicy(name, {})) return Impl::PolicyInfo(*p, "aws");
  return std::nullopt;
}

std::vector<std::string> Catalog::SuggestManagedPolicy(std::string_view name_or_arn, std::size_t max) const {
  std::string partition, path, name;
  if (!SplitPolicyRef(name_or_arn, &partition, &path, &name)) {
    // Not a managed-policy ARN: still try its last segment.
    std::size_t slash = name_or_arn.find_last_of("/:");
    name = std::string(slash == std::string_view::npos ? name_or_arn : name_or_arn.substr(slash + 1));
  }
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  std::vector<std::tuple<std::size_t, int, std::string>> scored;
  for (const auto& p : impl_->Policies()) {
    if (TooFar(name, p.name, limit)) continue;
    std::size_t d = EditDistance(name, p.name);
    if (d > limit) continue;
    std::string_view dir = p.path.substr(1);
    // Same distance: the policy at the asked path first.
    scored.emplace_back(d, p.path == path ? 0 : 1, std::string(dir) + std::string(p.name));
  }
  return Best(scored, max);
}

std::vector<std::string> Catalog::ManagedPolicyNames() const {
  std::vector<std::string> out;
  out.reserve(impl_->Policies().size());
  for (const auto& p : impl_->Policies()) out.push_back(std::string(p.path.substr(1)) + std::string(p.name));
  return out;
}

std::size_t internal::LoadUncached(bool policies) {
  Catalog::Impl impl;
  impl.Load();
  if (policies) impl.LoadPolicies();
  return impl.actions.size() + impl.policies.size();
}

std::size_t Catalog::ServiceCount() const { return impl_->services.size(); }
std::size_t Catalog::ActionCount() const { return impl_->actions.size(); }
std::size_t Catalog::ManagedPolicyCount() const { return impl_->Policies().size(); }

}  // namespace jetsam::iam
