// Conditions that IAM accepts but that cannot do what they say (the policy grammar's third part,
// beside condition_grammar.cc): a wildcard compared literally, private ranges on aws:SourceIp,
// a Deny on aws:ResourceTag for actions whose requests carry no resource tags, and a key that
// confines little without its pair (aws:VpcSourceIp without the VPC).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "compile/grammar_parts.h"

namespace jetsam::compile::grammar {
namespace {

std::string Quoted(const std::vector<std::string>& values) {
  std::vector<std::string> q;
  q.reserve(values.size());
  for (const auto& v : values) q.push_back("\"" + v + "\"");
  return fmt::format("{}", fmt::join(q, ", "));
}

// --- wildcard without a Like operator ------------------------------------------------------

// A '*' or '?' that a Like operator would read as a wildcard. ${*} and ${?} are IAM's way of
// writing those characters literally, so they do not count.
bool HasWildcard(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v.compare(i, 4, "${*}") == 0 || v.compare(i, 4, "${?}") == 0) {
      i += 3;
      continue;
    }
    if (v[i] == '*' || v[i] == '?') return true;
  }
  return false;
}

void CheckLiteralWildcard(const ParsedOperator& op, const std::string& op_name, const std::string& key,
                          const Json& values, const Sink& sink) {
  if (op.kind != "String" || op.base.find("Like") != std::string::npos) return;
  std::vector<std::string> wild;
  for (const auto& v : ElementStrings(values))
    if (HasWildcard(v)) wild.push_back(v);
  if (wild.empty()) return;
  const bool negated = op.base.find("Not") != std::string::npos;
  sink.Add("wildcard-without-like",
           fmt::format("{} {}: {} holds * or ?, but {} compares them as plain characters, so the value is "
                       "matched literally",
                       op_name, key, Quoted(wild), op.base),
           fmt::format("write {} to match a pattern{}", negated ? "StringNotLike" : "StringLike",
                       op.base.find("IgnoreCase") != std::string::npos ? " (Like operators are case-sensitive)" : ""),
           false);
}

// --- private ranges on aws:SourceIp --------------------------------------------------------

// The first bits of an IPv4 or IPv6 address and the prefix length of a CIDR ("10.0.0.0/8"),
// enough to tell whether the range lies inside a private one. False: not an address.
struct Range {
  bool v6 = false;
  std::uint32_t v4 = 0;     // the whole IPv4 address
  std::uint16_t first = 0;  // the first 16 bits of an IPv6 address
  int bits = 0;
};

bool ParseRange(std::string_view s, Range* r) {
  const std::size_t slash = s.find('/');
  std::string_view addr = s.substr(0, slash);
  r->v6 = addr.find(':') != std::string_view::npos;
  r->bits = r->v6 ? 128 : 32;
  if (slash != std::string_view::npos) {
    const std::string bits(s.substr(slash + 1));
    if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string::npos) return false;
    r->bits = std::atoi(bits.c_str());
  }
  if (r->v6) {
    const std::size_t colon = addr.find(':');
    const std::string head(addr.substr(0, colon));
    if (head.size() > 4 || head.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return false;
    r->first = static_cast<std::uint16_t>(head.empty() ? 0 : std::strtoul(head.c_str(), nullptr, 16));
    return r->bits <= 128;
  }
  std::uint32_t value = 0;
  int parts = 0;
  std::size_t at = 0;
  while (at <= addr.size() && parts < 4) {
    const std::size_t dot = std::min(addr.find('.', at), addr.size());
    const std::string part(addr.substr(at, dot - at));
    if (part.empty() || part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos) return false;
    const unsigned long n = std::strtoul(part.c_str(), nullptr, 10);
    if (n > 255) return false;
    value = (value << 8) | static_cast<std::uint32_t>(n);
    ++parts;
    at = dot + 1;
  }
  r->v4 = value;
  return parts == 4 && at > addr.size() && r->bits <= 32;
}

// Inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918), or fc00::/7 (unique local).
bool IsPrivate(const Range& r) {
  if (r.v6) return r.bits >= 7 && (r.first & 0xfe00) == 0xfc00;
  auto inside = [&](std::uint32_t net, int bits) {
    return r.bits >= bits && (r.v4 >> (32 - bits)) == (net >> (32 - bits));
  };
  return inside(0x0a000000, 8) || inside(0xac100000, 12) || inside(0xc0a80000, 16);
}

void CheckPrivateSourceIp(const ParsedOperator& op, const std::string& op_name, const std::string& key,
                          const Json& values, const Sink& sink) {
  if (op.kind != "IpAddress" || !EqualCi(key, "aws:SourceIp")) return;
  std::vector<std::string> all = ElementStrings(values), private_ranges;
  for (const auto& v : all) {
    Range r;
    if (ParseRange(v, &r) && IsPrivate(r)) private_ranges.push_back(v);
  }
  if (private_ranges.empty()) return;
  const bool negated = op.base == "NotIpAddress";
  const char* hint =
      "aws:SourceIp holds the public address a request comes from; for requests from a VPC (through an endpoint) "
      "test aws:VpcSourceIp together with aws:SourceVpc or aws:SourceVpce";
  if (private_ranges.size() == all.size()) {
    sink.Add("private-ip-condition",
             fmt::format("{} {} lists only private ranges ({}): no request's aws:SourceIp is private, so the "
                         "condition {}",
                         op_name, key, Quoted(private_ranges),
                         negated ? "always holds and confines nothing" : "never holds"),
             hint, false);
    return;
  }
  sink.Add("private-ip-condition",
           fmt::format("{} {}: the private ranges {} never match a request's aws:SourceIp, so they {}", op_name, key,
                       Quoted(private_ranges), negated ? "exclude nothing" : "admit nothing"),
           hint, false);
}

// A CIDR range with bits set past its prefix ("203.0.113.5/24"): IAM ignores them, so the range
// is wider than the address suggests (Access Analyzer's improve IP range).
void CheckHostBits(const ParsedOperator& op, const std::string& op_name, const std::string& key, const Json& values,
                   const Sink& sink) {
  if (op.kind != "IpAddress") return;
  for (const auto& v : ElementStrings(values)) {
    Range r;
    if (v.find('/') == std::string::npos || !ParseRange(v, &r) || r.v6 || r.bits >= 32) continue;
    const std::uint32_t mask = r.bits == 0 ? 0 : ~std::uint32_t{0} << (32 - r.bits);
    if ((r.v4 & ~mask) == 0) continue;
    const std::uint32_t net = r.v4 & mask;
    const std::string range = fmt::format("{}.{}.{}.{}/{}", net >> 24, (net >> 16) & 0xff, (net >> 8) & 0xff,
                                          net & 0xff, r.bits);
    sink.Add("condition-value",
             fmt::format("{} {}: \"{}\" sets bits past its /{} prefix, which IAM ignores: it is the whole range {}",
                         op_name, key, v, r.bits, range),
             fmt::format("write \"{}\", or the address alone (/32) if that is what is meant", range), false);
  }
}

// --- resource tags that some of a statement's actions do not carry ----------------------------

bool ListsResourceTag(const std::vector<std::string>& keys) {
  return std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return StartsWithCi(k, "aws:ResourceTag/"); });
}

// Whether a request for `action` can carry aws:ResourceTag/...: the action lists the key, or
// one of the resource types it acts on does (in its row or in the service's resource types).
bool CarriesResourceTags(const iam::Catalog& cat, const iam::ActionInfo& action) {
  if (ListsResourceTag(action.condition_keys)) return true;
  for (const auto& rt : action.resource_types) {
    if (ListsResourceTag(rt.condition_keys)) return true;
    if (rt.arn_format.empty()) continue;
    if (auto info = cat.FindResourceType(action.service, rt.name); info && ListsResourceTag(info->condition_keys))
      return true;
  }
  return false;
}

// A statement conditioned on aws:ResourceTag/... by an operator that is false when the key is
// absent (not IfExists, Null, a negated operator or ForAllValues, which hold then): for actions
// whose requests carry no resource tags the condition never holds. A Deny then does not stop
// them; an Allow never grants them (Access Analyzer's deny with unsupported tag condition key,
// its NotAction form, and allow with unsupported tag condition key).
void CheckResourceTagSupport(const Json& st, const ParsedOperator& op, const std::string& op_name,
                             const std::string& key, const Sink& sink) {
  auto effect = st.find("Effect");
  if (effect == st.end() || !effect->is_string()) return;
  const std::string& what = effect->get<std::string>();
  if (what != "Deny" && what != "Allow") return;
  if (op.if_exists || op.kind == "Null" || op.base.find("Not") != std::string::npos || op.set == "ForAllValues" ||
      !StartsWithCi(key, "aws:ResourceTag/"))
    return;
  if (st.contains("NotAction")) {
    if (what != "Deny") return;  // an Allow with NotAction is allow-with-not's
    sink.Add("deny-tag-key-unsupported",
             fmt::format("this Deny with NotAction is conditioned on {} {}: it covers the actions of every service, "
                         "and for those whose requests carry no resource tags the condition never holds, so the Deny "
                         "does not stop them",
                         op_name, key),
             "list the actions to deny in Action instead of NotAction, or deny by another condition key", false);
    return;
  }
  auto actions = st.find("Action");
  if (actions == st.end()) return;
  const iam::Catalog& cat = iam::Catalog::Get();
  std::vector<std::string> untagged;
  for (const auto& pattern : ElementStrings(*actions)) {
    if (pattern == "*") return;  // every service: the finding would list most of AWS
    for (const auto& action : cat.Expand(pattern))
      if (!CarriesResourceTags(cat, action) &&
          std::find(untagged.begin(), untagged.end(), action.name) == untagged.end())
        untagged.push_back(action.name);
  }
  if (untagged.empty()) return;
  std::vector<std::string> shown(untagged.begin(), untagged.begin() + std::min<std::ptrdiff_t>(4, untagged.size()));
  const std::string listed =
      fmt::format("{}{}", fmt::join(shown, ", "),
                  untagged.size() > shown.size() ? fmt::format(" and {} more", untagged.size() - shown.size())
                                                 : std::string());
  const char* them = untagged.size() == 1 ? "it" : "them";
  if (what == "Deny") {
    sink.Add("deny-tag-key-unsupported",
             fmt::format("this Deny's {} {} never holds for {}: requests for {} carry no resource tags, so the "
                         "Deny does not stop {}",
                         op_name, key, listed, them, them),
             "deny those actions by another condition key or by their Resource, or leave them out of this statement",
             false);
  } else {
    sink.Add("allow-tag-key-unsupported",
             fmt::format("this Allow's {} {} never holds for {}: requests for {} carry no resource tags, so the "
                         "Allow never grants {}",
                         op_name, key, listed, them, them),
             "grant those actions in a statement of their own, scoped by their Resource or another condition key",
             false);
  }
}

// --- keys that need their pair ----------------------------------------------------------

// A key that names something only within a scope the other keys give: private addresses repeat
// from one VPC to the next, so aws:VpcSourceIp alone admits the same range in every VPC.
struct PairedKey {
  const char* key;
  std::vector<const char*> pairs;
};
const PairedKey kPairedKeys[] = {{"aws:VpcSourceIp", {"aws:SourceVpc", "aws:SourceVpce"}}};

bool ConditionHasKey(const Json& condition, std::string_view key) {
  for (auto block = condition.begin(); block != condition.end(); ++block) {
    if (!block->is_object()) continue;
    for (auto kv = block->begin(); kv != block->end(); ++kv)
      if (EqualCi(kv.key(), key)) return true;
  }
  return false;
}

}  // namespace

void CheckConditionPairs(const Json& st, const Sink& sink) {
  auto effect = st.find("Effect");
  auto condition = st.find("Condition");
  if (effect == st.end() || *effect != "Allow" || condition == st.end() || !condition->is_object()) return;
  for (const auto& p : kPairedKeys) {
    if (!ConditionHasKey(*condition, p.key)) continue;
    if (std::any_of(p.pairs.begin(), p.pairs.end(), [&](const char* k) { return ConditionHasKey(*condition, k); }))
      continue;
    sink.Add("missing-paired-condition-key",
             fmt::format("the Condition tests {} but none of {}: the same private addresses exist in every VPC, so "
                         "it admits requests from any of them",
                         p.key, fmt::join(p.pairs, ", ")),
             fmt::format("add {} (or {}) with the VPC the requests come from", p.pairs.front(), p.pairs.back()),
             false);
  }
}

void CheckConditionEffect(const Json& st, const ParsedOperator& op, const std::string& op_name, const std::string& key,
                          const Json& values, const Sink& sink) {
  if (op.kind == "Null" && !op.set.empty()) {
    sink.Add("condition-operator",
             fmt::format("{}: under {}: Null no longer simply tests whether the key is present, as Null alone does",
                         op_name, op.set),
             "write Null", false);
  }
  CheckHostBits(op, op_name, key, values, sink);
  CheckLiteralWildcard(op, op_name, key, values, sink);
  CheckPrivateSourceIp(op, op_name, key, values, sink);
  CheckResourceTagSupport(st, op, op_name, key, sink);
}

}  // namespace jetsam::compile::grammar
