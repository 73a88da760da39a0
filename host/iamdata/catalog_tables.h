#pragma once
// The catalog's reading side: the helpers that read the generated tables (iamdata/layout.h) and
// Catalog::Impl, shared by the files that implement the Catalog's methods.

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "iamdata/arn_format.h"
#include "iamdata/arn_match.h"
#include "iamdata/blob.h"
#include "iamdata/layout.h"
#include "jetsam/iamdata.h"

namespace jetsam::iam {

namespace g = generated;

// Case-insensitive three-way compare.
inline int CompareCi(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    char x = Fold(a[i]), y = Fold(b[i]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}
inline bool EqualCi(std::string_view a, std::string_view b) { return a.size() == b.size() && CompareCi(a, b) == 0; }

inline bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

[[noreturn]] inline void Corrupt(const char* what) {
  throw std::runtime_error(std::string("jetsam: embedded IAM data is corrupt (") + what + ")");
}

// A LEB128 length and the bytes after it.
inline std::string_view ReadPrefixed(const unsigned char* p, const unsigned char* end) {
  std::uint64_t len = 0;
  for (int shift = 0;; shift += 7) {
    if (p == end || shift > 28) Corrupt("string length");
    const std::uint8_t b = *p++;
    len |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
  }
  if (len > static_cast<std::uint64_t>(end - p)) Corrupt("string");
  return {reinterpret_cast<const char*>(p), static_cast<std::size_t>(len)};
}

inline std::string_view Str(layout::StrRef r) {
  const auto* pool = reinterpret_cast<const unsigned char*>(g::kPool);
  return ReadPrefixed(pool + r, pool + g::kPoolSize);
}

// The `max` best-scored names (score, tie-break, name), without repeats.
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

struct ListView {
  const std::uint32_t* refs;
  std::uint32_t count;
};
inline ListView List(layout::ListId id) {
  const std::uint32_t* w = g::kLists + g::kListOffsets[id];
  return {w + 1, w[0]};
}
inline std::vector<std::string> ListStrings(layout::ListId id) {
  ListView l = List(id);
  std::vector<std::string> out;
  out.reserve(l.count);
  for (std::uint32_t i = 0; i < l.count; ++i) out.emplace_back(Str(l.refs[i]));
  return out;
}

// "aws:ResourceTag/${TagKey}" or "s3:ExistingObjectTag/<key>" -> does key fill the template?
inline bool TemplateMatch(std::string_view tmpl, std::string_view key) {
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

inline bool IsTemplate(std::string_view k) {
  return k.find("${") != std::string_view::npos || k.find('<') != std::string_view::npos;
}

inline std::size_t SuggestLimit(std::size_t len) { return std::max<std::size_t>(1, len / 3); }

// The edit distance is at least the difference in length: skip the ones that cannot qualify.
inline bool TooFar(std::string_view a, std::string_view b, std::size_t limit) {
  return (a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit;
}

inline AccessLevel PrimaryLevel(std::uint8_t levels) {
  // The most specific flag the reference sets ("Permissions management" and "Tagging" win over
  // the "Write" that the reference also sets for them).
  if (levels & 8) return AccessLevel::kPermissionsManagement;
  if (levels & 16) return AccessLevel::kTagging;
  if (levels & 4) return AccessLevel::kWrite;
  if (levels & 2) return AccessLevel::kRead;
  return AccessLevel::kList;
}

// Inflates one raw deflate stream of known size, with a preset dictionary.
inline std::string Inflate(const unsigned char* z, std::size_t zsize, std::size_t raw_size, const unsigned char* dict,
                           std::size_t dict_size) {
  std::string out(raw_size, '\0');
  z_stream s{};
  if (inflateInit2(&s, -15) != Z_OK) Corrupt("inflateInit");
  if (dict_size && inflateSetDictionary(&s, dict, static_cast<uInt>(dict_size)) != Z_OK) {
    inflateEnd(&s);
    Corrupt("dictionary");
  }
  s.next_in = const_cast<Bytef*>(z);
  s.avail_in = static_cast<uInt>(zsize);
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&s, Z_FINISH);
  const bool ok = rc == Z_STREAM_END && s.total_out == raw_size;
  inflateEnd(&s);
  if (!ok) Corrupt("inflate");
  return out;
}

// A description in the phrase code of iamdata/layout.h, read back.
inline std::string Describe(layout::StrRef ref) {
  const std::string_view coded = Str(ref);
  std::string out;
  out.reserve(coded.size() * 3);
  for (std::size_t i = 0; i < coded.size(); ++i) {
    const auto b = static_cast<unsigned char>(coded[i]);
    std::size_t phrase;
    if (b < 0x80) {
      out += static_cast<char>(b);
      continue;
    } else if (b == 0xFF) {
      if (++i < coded.size()) out += coded[i];
      continue;
    } else if (b < 0xF0) {
      phrase = b - 0x80;
    } else {
      if (++i >= coded.size()) Corrupt("description");
      phrase = layout::kOnePhrases + (b - 0xF0) * 256u + static_cast<unsigned char>(coded[i]);
    }
    if (phrase >= g::kPhraseCount) Corrupt("description phrase");
    out += Str(g::kPhrases[phrase]);
  }
  return out;
}

struct Catalog::Impl {
  Impl() {
    if (g::kFormat != layout::kFormat) Corrupt("format version");
  }

  static const layout::Service& Svc(std::size_t i) { return g::kServices[i]; }

  // --- lookups (indices into the generated tables; -1: none)
  static long FindService(std::string_view prefix) {
    const layout::Service* first = g::kServices;
    const layout::Service* last = first + g::kServiceCount;
    auto it = std::lower_bound(first, last, prefix, [](const layout::Service& s, std::string_view k) {
      return CompareCi(Str(s.prefix), k) < 0;
    });
    return it != last && EqualCi(Str(it->prefix), prefix) ? it - first : -1;
  }

  static long FindActionIn(std::size_t svc, std::string_view name) {
    const layout::Action* first = g::kActions + Svc(svc).action_begin;
    const layout::Action* last = first + Svc(svc).action_count;
    auto it = std::lower_bound(first, last, name, [](const layout::Action& a, std::string_view k) {
      return CompareCi(Str(a.name), k) < 0;
    });
    return it != last && EqualCi(Str(it->name), name) ? it - g::kActions : -1;
  }

  // "s3:GetObject" -> the action's index, or -1.
  static long FindActionByName(std::string_view name) {
    const std::size_t colon = name.find(':');
    if (colon == std::string_view::npos) return -1;
    const long svc = FindService(name.substr(0, colon));
    return svc < 0 ? -1 : FindActionIn(static_cast<std::size_t>(svc), name.substr(colon + 1));
  }

  // A resource type of the service by name (case-insensitive), or null.
  static const layout::RType* FindRType(std::size_t svc, std::string_view name) {
    const layout::RType* first = g::kRTypes + Svc(svc).rtype_begin;
    const layout::RType* last = first + Svc(svc).rtype_count;
    auto it = std::lower_bound(first, last, name, [](const layout::RType& r, std::string_view k) {
      return CompareCi(Str(r.name), k) < 0;
    });
    return it != last && EqualCi(Str(it->name), name) ? it : nullptr;
  }

  static std::string FullName(const layout::Action& a) {
    std::string out(Str(Svc(a.service).prefix));
    out += ':';
    out += Str(a.name);
    return out;
  }

  static ResourceTypeInfo RTypeInfo(std::size_t svc, const layout::RType& rt) {
    return ResourceTypeInfo{std::string(Str(Svc(svc).prefix)), std::string(Str(rt.name)), std::string(Str(rt.arn)),
                            ListStrings(rt.keys)};
  }

  // Whether an ARN (wildcards allowed) can name a resource of this type through one of its
  // formats (only the format `only` when given), variable by variable.
  static bool Fits(const layout::RType& rt, std::string_view arn, std::string_view only = {}) {
    std::uint8_t flags[layout::kMaxFormatVariables];
    for (int i = 0; i < layout::kMaxFormatVariables; ++i) flags[i] = (rt.var_flags >> (2 * i)) & 3;
    const std::string_view list = Str(rt.arn);
    if (list.find(',') == std::string_view::npos)
      return (only.empty() || only == list) && internal::MatchArnFormat(arn, list, flags, layout::kMaxFormatVariables);
    std::size_t first_var = 0;  // each format's variables follow the previous format's in var_flags
    for (std::string_view format : layout::SplitAlternatives(list)) {
      std::size_t vars = 0;
      for (std::size_t at = format.find("${"); at != std::string_view::npos; at = format.find("${", at + 2)) ++vars;
      if ((only.empty() || only == format) &&
          internal::MatchArnFormat(arn, format, flags + first_var, layout::kMaxFormatVariables - first_var))
        return true;
      first_var += vars;
    }
    return false;
  }

  static ActionInfo Info(std::size_t index) {
    static constexpr AccessLevel kOrder[] = {AccessLevel::kList, AccessLevel::kRead, AccessLevel::kWrite,
                                             AccessLevel::kPermissionsManagement, AccessLevel::kTagging};
    const layout::Action& a = g::kActions[index];
    const layout::Service& svc = Svc(a.service);
    ActionInfo out;
    out.service = std::string(Str(svc.prefix));
    out.name = FullName(a);
    out.description = Describe(a.description);
    out.level = PrimaryLevel(a.levels);
    out.access_level = std::string(AccessLevelName(out.level));
    out.access_levels.push_back(out.access_level);
    for (int bit = 0; bit < 5; ++bit)
      if ((a.levels & (1 << bit)) && kOrder[bit] != out.level) out.access_levels.emplace_back(AccessLevelName(kOrder[bit]));
    out.resource_types.reserve(a.res_count);
    for (std::uint32_t i = 0; i < a.res_count; ++i) {
      const layout::ActionRes& r = g::kActionRes[a.res_begin + i];
      ActionResource ar;
      ar.name = std::string(Str(r.name));
      if (r.rtype) ar.arn_format = std::string(Str(g::kRTypes[svc.rtype_begin + r.rtype - 1].arn));
      ar.required = r.required != 0;
      ar.condition_keys = ListStrings(r.keys);
      ar.dependent_actions = ListStrings(r.deps);
      out.resource_types.push_back(std::move(ar));
    }
    out.condition_keys = ListStrings(a.keys);
    out.dependent_actions = ListStrings(a.deps);
    return out;
  }

  // Calls f(action index) for every action the pattern names, in order.
  template <typename F>
  static void ForEachMatch(std::string_view pattern, F&& f) {
    std::string_view svc_pat, act_pat;
    if (pattern == "*") {
      svc_pat = act_pat = "*";
    } else {
      std::size_t colon = pattern.find(':');
      if (colon == std::string_view::npos) return;
      svc_pat = pattern.substr(0, colon);
      act_pat = pattern.substr(colon + 1);
    }
    auto each_action = [&](std::size_t svc) {
      if (!HasWildcard(act_pat)) {
        if (long a = FindActionIn(svc, act_pat); a >= 0) f(static_cast<std::size_t>(a));
        return;
      }
      const layout::Service& s = Svc(svc);
      const bool all = !act_pat.empty() && act_pat.find_first_not_of('*') == std::string_view::npos;  // "*"
      for (std::uint32_t i = 0; i < s.action_count; ++i)
        if (all || IamWildcardMatch(act_pat, Str(g::kActions[s.action_begin + i].name), true)) f(s.action_begin + i);
    };
    if (!HasWildcard(svc_pat)) {
      if (long svc = FindService(svc_pat); svc >= 0) each_action(static_cast<std::size_t>(svc));
      return;
    }
    for (std::size_t svc = 0; svc < g::kServiceCount; ++svc)
      if (IamWildcardMatch(svc_pat, Str(Svc(svc).prefix), true)) each_action(svc);
  }

  static const layout::Policy* FindPolicy(std::string_view name, std::string_view path) {
    const layout::Policy* first = g::kPolicies;
    const layout::Policy* last = first + g::kPolicyCount;
    auto it = std::lower_bound(first, last, name,
                               [](const layout::Policy& p, std::string_view k) { return Str(p.name) < k; });
    for (; it != last && Str(it->name) == name; ++it)
      if (path.empty() || Str(it->path) == path) return it;
    return nullptr;
  }

  static ManagedPolicyInfo PolicyInfo(const layout::Policy& p, std::string_view partition) {
    ManagedPolicyInfo out;
    out.name = std::string(Str(p.name));
    out.path = std::string(Str(p.path));
    out.arn = "arn:" + std::string(partition) + ":iam::aws:policy" + out.path + out.name;
    out.version_id = std::string(Str(p.version));
    out.created = std::string(Str(p.created));
    out.updated = std::string(Str(p.updated));
    if (std::size_t{p.doc_begin} + p.doc_size > g::kPolicyDocsSize) Corrupt("policy document");
    out.document = nlohmann::json::parse(
        Inflate(g::kPolicyDocs + p.doc_begin, p.doc_size, p.doc_raw_size, g::kPolicyDict, g::kPolicyDictSize));
    return out;
  }
};

}  // namespace jetsam::iam
