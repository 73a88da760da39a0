// The IAM catalog's services, actions, resource types and condition keys (the managed
// policies are in managed_policies.cc), read from the tables the build lays out in the binary
// (catalog_tables.h). Getting the catalog costs a format check.
#include <atomic>

#include "iamdata/catalog_tables.h"

namespace jetsam::iam {
namespace {

std::atomic<bool> g_loaded{false};

// How much literal text an ARN format has: the more, the better a guess of what an ARN names.
std::size_t LiteralLength(std::string_view f) {
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
}

// "arn:partition:service:..." -> service, or empty.
std::string_view ArnService(std::string_view arn) {
  if (arn.rfind("arn:", 0) != 0) return {};
  std::size_t a = arn.find(':', 4);
  if (a == std::string_view::npos) return {};
  std::size_t b = arn.find(':', a + 1);
  return arn.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1);
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

Catalog::Catalog() : impl_(std::make_unique<Impl>()) { g_loaded.store(true, std::memory_order_release); }
Catalog::~Catalog() = default;

const Catalog& Catalog::Get() {
  static const Catalog catalog;  // C++11 magic static: once, thread-safe
  return catalog;
}

bool Catalog::Loaded() { return g_loaded.load(std::memory_order_acquire); }

bool Catalog::HasService(std::string_view prefix) const { return Impl::FindService(prefix) >= 0; }

std::optional<std::string> Catalog::ServiceName(std::string_view prefix) const {
  if (long s = Impl::FindService(prefix); s >= 0) return std::string(Str(Impl::Svc(s).name));
  return std::nullopt;
}

std::vector<std::string> Catalog::ServicePrefixes() const {
  std::vector<std::string> out;
  out.reserve(g::kServiceCount);
  for (std::size_t i = 0; i < g::kServiceCount; ++i) out.emplace_back(Str(Impl::Svc(i).prefix));
  return out;
}

std::vector<std::string> Catalog::SuggestService(std::string_view prefix, std::size_t max) const {
  std::vector<std::tuple<std::size_t, int, std::string>> scored;
  const std::size_t limit = SuggestLimit(prefix.size());
  for (std::size_t i = 0; i < g::kServiceCount; ++i) {
    std::string_view p = Str(Impl::Svc(i).prefix);
    if (TooFar(prefix, p, limit)) continue;
    std::size_t d = EditDistance(prefix, p);
    if (d <= limit) scored.emplace_back(d, 0, std::string(p));
  }
  return Best(scored, max);
}

std::vector<ActionInfo> Catalog::Expand(std::string_view pattern) const {
  std::vector<ActionInfo> out;
  Impl::ForEachMatch(pattern, [&](std::size_t a) { out.push_back(impl_->Info(a)); });
  return out;
}

std::vector<std::string> Catalog::ExpandNames(std::string_view pattern) const {
  std::vector<std::string> out;
  Impl::ForEachMatch(pattern, [&](std::size_t a) { out.push_back(Impl::FullName(g::kActions[a])); });
  return out;
}

std::optional<ActionInfo> Catalog::FindAction(std::string_view name) const {
  if (long a = Impl::FindActionByName(name); a >= 0) return impl_->Info(static_cast<std::size_t>(a));
  return std::nullopt;
}

bool Catalog::HasAction(std::string_view name) const { return Impl::FindActionByName(name) >= 0; }

std::optional<AccessLevel> Catalog::ActionLevel(std::string_view name) const {
  if (long a = Impl::FindActionByName(name); a >= 0) return PrimaryLevel(g::kActions[a].levels);
  return std::nullopt;
}

std::vector<std::uint32_t> Catalog::ExpandIds(std::string_view pattern) const {
  std::vector<std::uint32_t> out;
  Impl::ForEachMatch(pattern, [&](std::size_t a) { out.push_back(static_cast<std::uint32_t>(a)); });
  return out;
}

AccessLevel Catalog::ActionLevelOf(std::uint32_t id) const { return PrimaryLevel(g::kActions[id].levels); }

std::string Catalog::ActionNameOf(std::uint32_t id) const { return Impl::FullName(g::kActions[id]); }

std::vector<std::string> Catalog::SuggestAction(std::string_view name, std::size_t max) const {
  std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {};
  std::string_view svc_part = name.substr(0, colon), act_part = name.substr(colon + 1);
  // Candidate services: the named one, or the closest prefixes to a misspelt one.
  std::vector<std::pair<std::size_t, std::size_t>> cands;  // service, its distance
  if (long s = Impl::FindService(svc_part); s >= 0) {
    cands.emplace_back(s, 0);
  } else {
    for (const std::string& p : SuggestService(svc_part, 3))
      cands.emplace_back(Impl::FindService(p), EditDistance(svc_part, p));
  }
  const std::size_t limit = SuggestLimit(act_part.size());
  std::vector<std::tuple<std::size_t, int, std::string>> scored;
  for (auto [svc, sd] : cands) {
    const layout::Service& s = Impl::Svc(svc);
    for (std::uint32_t i = 0; i < s.action_count; ++i) {
      std::string_view a = Str(g::kActions[s.action_begin + i].name);
      if (TooFar(act_part, a, limit)) continue;
      std::size_t d = EditDistance(act_part, a);
      if (d <= limit) scored.emplace_back(d + sd, 0, std::string(Str(s.prefix)) + ":" + std::string(a));
    }
  }
  return Best(scored, max);
}

std::vector<ResourceTypeInfo> Catalog::ResourceTypes(std::string_view service) const {
  std::vector<ResourceTypeInfo> out;
  const long svc = Impl::FindService(service);
  if (svc < 0) return out;
  const layout::Service& s = Impl::Svc(svc);
  for (std::uint32_t i = 0; i < s.rtype_count; ++i) out.push_back(Impl::RTypeInfo(svc, g::kRTypes[s.rtype_begin + i]));
  return out;
}

std::optional<ResourceTypeInfo> Catalog::FindResourceType(std::string_view service, std::string_view name) const {
  const long svc = Impl::FindService(service);
  if (svc < 0) return std::nullopt;
  if (const layout::RType* rt = Impl::FindRType(svc, name)) return Impl::RTypeInfo(svc, *rt);
  return std::nullopt;
}

bool Catalog::ArnFitsResourceType(std::string_view arn, std::string_view service, std::string_view name,
                                  std::string_view only) const {
  const long svc = Impl::FindService(service);
  if (svc < 0) return false;
  const layout::RType* rt = Impl::FindRType(svc, name);
  return rt && Impl::Fits(*rt, arn, only);
}

std::vector<std::uint8_t> Catalog::FormatVariables(std::string_view service, std::string_view name,
                                                   std::string_view format) const {
  const long svc = Impl::FindService(service);
  const layout::RType* rt = svc < 0 ? nullptr : Impl::FindRType(svc, name);
  if (!rt) return {};
  std::size_t first = 0;
  for (std::string_view alt : layout::SplitAlternatives(Str(rt->arn))) {
    std::size_t vars = 0;
    for (std::size_t at = alt.find("${"); at != std::string_view::npos; at = alt.find("${", at + 2)) ++vars;
    if (alt == format) {
      std::vector<std::uint8_t> out;
      for (std::size_t i = first; i < first + vars && i < layout::kMaxFormatVariables; ++i)
        out.push_back(static_cast<std::uint8_t>((rt->var_flags >> (2 * i)) & 3));
      return out;
    }
    first += vars;
  }
  return {};
}

std::vector<ResourceTypeInfo> Catalog::MatchResourceTypes(std::string_view arn) const {
  std::vector<std::pair<std::size_t, ResourceTypeInfo>> found;  // literal length, type
  auto scan = [&](std::size_t svc) {
    const layout::Service& s = Impl::Svc(svc);
    for (std::uint32_t i = 0; i < s.rtype_count; ++i) {
      const layout::RType& rt = g::kRTypes[s.rtype_begin + i];
      if (Impl::Fits(rt, arn)) found.emplace_back(LiteralLength(Str(rt.arn)), Impl::RTypeInfo(svc, rt));
    }
  };
  const std::string_view service = ArnService(arn);
  if (service.empty()) return {};
  if (HasWildcard(service)) {
    for (std::size_t svc = 0; svc < g::kServiceCount; ++svc) scan(svc);
  } else if (long svc = Impl::FindService(service); svc >= 0) {
    scan(svc);
  }
  // Most specific format first: "arn:aws:s3:::b*" fits both the bucket and the object format;
  // the one with more literal text is the better guess.
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<ResourceTypeInfo> out;
  out.reserve(found.size());
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

std::optional<ConditionKeyInfo> Catalog::FindConditionKey(std::string_view key) const {
  std::size_t colon = key.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view prefix = key.substr(0, colon);
  if (EqualCi(prefix, "aws")) {
    for (std::size_t i = 0; i < g::kGlobalCount; ++i)
      if (EqualCi(Str(g::kGlobals[i].key), key))
        return ConditionKeyInfo{std::string(Str(g::kGlobals[i].key)), std::string(Str(g::kGlobals[i].type)), {}, true};
    for (std::size_t i = 0; i < g::kGlobalCount; ++i) {
      std::string_view k = Str(g::kGlobals[i].key);
      if (IsTemplate(k) && TemplateMatch(k, key))
        return ConditionKeyInfo{std::string(k), std::string(Str(g::kGlobals[i].type)), {}, true};
    }
    // aws:* keys that only some services list (aws:RequestTag/${TagKey} and friends).
    for (std::size_t svc = 0; svc < g::kServiceCount; ++svc) {
      const layout::Service& s = Impl::Svc(svc);
      for (std::uint32_t i = 0; i < s.ckey_count; ++i) {
        const layout::CKey& ck = g::kCKeys[s.ckey_begin + i];
        std::string_view k = Str(ck.key);
        if (EqualCi(k, key) || (IsTemplate(k) && TemplateMatch(k, key)))
          return ConditionKeyInfo{std::string(k), std::string(Str(ck.type)),
                                  Describe(ck.description), true};
      }
    }
    return std::nullopt;
  }
  const long svc = Impl::FindService(prefix);
  if (svc < 0) return std::nullopt;
  const layout::Service& s = Impl::Svc(svc);
  const layout::CKey* first = g::kCKeys + s.ckey_begin;
  const layout::CKey* last = first + s.ckey_count;
  auto info = [&](const layout::CKey* c) {
    return ConditionKeyInfo{std::string(Str(c->key)), std::string(Str(c->type)),
                            Describe(c->description), false};
  };
  auto it = std::lower_bound(first, last, key,
                             [](const layout::CKey& c, std::string_view k) { return CompareCi(Str(c.key), k) < 0; });
  if (it != last && EqualCi(Str(it->key), key)) return info(it);
  for (auto i = first; i != last; ++i)
    if (IsTemplate(Str(i->key)) && TemplateMatch(Str(i->key), key)) return info(i);
  return std::nullopt;
}

std::vector<ConditionKeyInfo> Catalog::ConditionKeys(std::string_view service) const {
  std::vector<ConditionKeyInfo> out;
  if (EqualCi(service, "aws")) {
    for (std::size_t i = 0; i < g::kGlobalCount; ++i)
      out.push_back({std::string(Str(g::kGlobals[i].key)), std::string(Str(g::kGlobals[i].type)), {}, true});
    return out;
  }
  const long svc = Impl::FindService(service);
  if (svc < 0) return out;
  const layout::Service& s = Impl::Svc(svc);
  for (std::uint32_t i = 0; i < s.ckey_count; ++i) {
    const layout::CKey& c = g::kCKeys[s.ckey_begin + i];
    std::string key(Str(c.key));
    const bool global = key.rfind("aws:", 0) == 0;
    out.push_back({std::move(key), std::string(Str(c.type)), Describe(c.description),
                   global});
  }
  return out;
}

std::size_t internal::LoadUncached(bool policies) {
  Catalog::Impl impl;
  std::size_t n = g::kActionCount;
  if (policies) {
    const layout::Policy* p = Catalog::Impl::FindPolicy("AmazonS3ReadOnlyAccess", "/");
    if (p) n += Catalog::Impl::PolicyInfo(*p, "aws").document.size();
  }
  return n;
}

std::size_t Catalog::ServiceCount() const { return g::kServiceCount; }
std::size_t Catalog::ActionCount() const { return g::kActionCount; }

}  // namespace jetsam::iam
