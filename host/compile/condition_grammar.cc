// A statement's Condition: its operators (with IfExists and ForAllValues:/ForAnyValue:), its
// keys (global, or defined for the services of the statement's actions, in the IAM reference) and
// the type of its values (the IAM User Guide's "Condition operators" page and Access Analyzer's
// policy checks).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "compile/grammar_parts.h"
#include "jetsam/iamdata.h"

namespace jetsam::compile::grammar {
namespace {

struct OperatorKind {
  const char* name;
  const char* kind;
};
constexpr OperatorKind kOperators[] = {
    {"StringEquals", "String"},          {"StringNotEquals", "String"},        {"StringEqualsIgnoreCase", "String"},
    {"StringNotEqualsIgnoreCase", "String"}, {"StringLike", "String"},         {"StringNotLike", "String"},
    {"NumericEquals", "Numeric"},        {"NumericNotEquals", "Numeric"},      {"NumericLessThan", "Numeric"},
    {"NumericLessThanEquals", "Numeric"}, {"NumericGreaterThan", "Numeric"},   {"NumericGreaterThanEquals", "Numeric"},
    {"DateEquals", "Date"},              {"DateNotEquals", "Date"},            {"DateLessThan", "Date"},
    {"DateLessThanEquals", "Date"},      {"DateGreaterThan", "Date"},          {"DateGreaterThanEquals", "Date"},
    {"Bool", "Bool"},                    {"BinaryEquals", "Binary"},           {"IpAddress", "IpAddress"},
    {"NotIpAddress", "IpAddress"},       {"ArnEquals", "Arn"},                 {"ArnLike", "Arn"},
    {"ArnNotEquals", "Arn"},             {"ArnNotLike", "Arn"},                {"Null", "Null"},
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The operator IAM knows closest to `op`, with its set prefix and IfExists kept.
std::string SuggestOperator(std::string_view op) {
  std::string prefix;
  for (const char* set : {"ForAllValues:", "ForAnyValue:"})
    if (StartsWithCi(op, set)) prefix = set, op.remove_prefix(prefix.size());
  std::string best;
  std::size_t best_d = 4;
  for (const auto& o : kOperators) {
    for (const std::string& candidate : {std::string(o.name), std::string(o.name) + "IfExists"}) {
      const std::size_t d = iam::EditDistance(op, candidate);
      if (d < best_d) best_d = d, best = candidate;
    }
  }
  return best.empty() ? "" : prefix + best;
}

// --- value types

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool IsDecimal(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  const std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return AllDigits(s);
  return (dot == 0 || AllDigits(s.substr(0, dot))) && AllDigits(s.substr(dot + 1)) && s.size() > 1;
}

// Two digits at s[at], within [lo, hi].
bool TwoDigits(std::string_view s, std::size_t at, int lo, int hi) {
  if (at + 2 > s.size() || !AllDigits(s.substr(at, 2))) return false;
  const int v = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return v >= lo && v <= hi;
}

// The W3C profile of ISO 8601 that IAM's date operators take (YYYY, YYYY-MM, YYYY-MM-DD, then
// Thh:mm[:ss[.s+]] with Z or +hh:mm), or epoch seconds.
bool IsDate(std::string_view s) {
  if (AllDigits(s)) return true;
  if (s.size() < 4 || !AllDigits(s.substr(0, 4))) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !TwoDigits(s, 5, 1, 12)) return false;
  if (s.size() == 7) return true;
  if (s.size() < 10 || s[7] != '-' || !TwoDigits(s, 8, 1, 31)) return false;
  if (s.size() == 10) return true;
  if (s[10] != 'T' || !TwoDigits(s, 11, 0, 23) || s.size() < 16 || s[13] != ':' || !TwoDigits(s, 14, 0, 59)) return false;
  std::size_t at = 16;
  if (at < s.size() && s[at] == ':') {
    if (!TwoDigits(s, at + 1, 0, 60)) return false;
    at += 3;
    if (at < s.size() && s[at] == '.') {
      const std::size_t from = ++at;
      while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]))) ++at;
      if (at == from) return false;
    }
  }
  const std::string_view zone = s.substr(at);
  if (zone == "Z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && TwoDigits(zone, 1, 0, 23) && zone[3] == ':' &&
         TwoDigits(zone, 4, 0, 59);
}

bool IsIpv4(std::string_view s) {
  int parts = 0;
  while (true) {
    const std::size_t dot = s.find('.');
    const std::string_view part = s.substr(0, dot);
    if (part.empty() || part.size() > 3 || !AllDigits(part) || std::stoi(std::string(part)) > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool IsIpv6(std::string_view s) {
  if (s.find(":::") != std::string_view::npos) return false;
  const std::size_t dbl = s.find("::");
  if (dbl != std::string_view::npos && s.find("::", dbl + 1) != std::string_view::npos) return false;
  int groups = 0;
  std::size_t at = 0;
  while (at <= s.size()) {
    std::size_t colon = s.find(':', at);
    const std::string_view g = s.substr(at, colon == std::string_view::npos ? std::string_view::npos : colon - at);
    if (!g.empty()) {
      if (colon == std::string_view::npos && g.find('.') != std::string_view::npos) {
        if (!IsIpv4(g)) return false;
        groups += 2;
      } else {
        if (g.size() > 4 || !std::all_of(g.begin(), g.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
          return false;
        ++groups;
      }
    }
    if (colon == std::string_view::npos) break;
    at = colon + 1;
  }
  return dbl != std::string_view::npos ? groups < 8 : groups == 8;
}

// An IPv4 or IPv6 address, with an optional /prefix length.
bool IsCidr(std::string_view s) {
  std::string_view addr = s;
  int max_bits = -1;
  const std::size_t slash = s.find('/');
  if (slash != std::string_view::npos) {
    addr = s.substr(0, slash);
    const std::string_view bits = s.substr(slash + 1);
    if (!AllDigits(bits) || bits.size() > 3) return false;
    max_bits = std::stoi(std::string(bits));
  }
  if (addr.find(':') == std::string_view::npos) return IsIpv4(addr) && max_bits <= 32;
  return IsIpv6(addr) && max_bits <= 128;
}

bool IsBase64(std::string_view s) {
  if (s.empty() || s.size() % 4 != 0) return false;
  std::size_t pad = 0;
  for (char c : s) {
    if (c == '=') ++pad;
    else if (pad || !(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/')) return false;
  }
  return pad <= 2;
}

// Why `value` is no value of the operator kind, or "" when it is one.
std::string ValueProblem(const std::string& kind, const Json& value) {
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (kind == "Bool" || kind == "Null") {
    return EqualCi(text, "true") || EqualCi(text, "false") ? "" : "is neither true nor false";
  }
  if (kind == "Numeric") return value.is_number() || IsDecimal(text) ? "" : "is not a number";
  if (kind == "Date") return IsDate(text) ? "" : "is no ISO 8601 date (2026-01-31T12:00:00Z) or epoch time";
  if (kind == "IpAddress") return IsCidr(text) ? "" : "is no IP address or CIDR range (203.0.113.0/24)";
  if (kind == "Binary") return IsBase64(text) ? "" : "is not base64";
  if (kind == "Arn") {
    if (text.rfind("arn:", 0) == 0 || text.find_first_not_of("*?") == std::string::npos) return "";
    return "is not an ARN";
  }
  return "";
}

const char* ValueHint(const std::string& kind) {
  if (kind == "Bool" || kind == "Null") return "write \"true\" or \"false\"";
  if (kind == "Numeric") return "write a number, such as \"10\"";
  if (kind == "Date") return "write a date such as \"2026-01-31T12:00:00Z\" (ISO 8601, W3C profile) or epoch seconds";
  if (kind == "IpAddress") return "write an IPv4 or IPv6 address or CIDR range, such as \"203.0.113.0/24\"";
  if (kind == "Binary") return "write the value base64-encoded";
  return "write an ARN, such as \"arn:aws:sns:us-east-1:123456789012:topic\", or use a String operator";
}

// --- keys

// Global keys of other prefixes than aws: (ec2:SourceInstanceArn, lambda:SourceFunctionArn, ...).
const std::vector<iam::ConditionKeyInfo>& GlobalKeys(const iam::Catalog& cat) {
  static const std::vector<iam::ConditionKeyInfo> keys = cat.ConditionKeys("aws");
  return keys;
}

// The known key closest to a misspelt one: among the global keys and the keys of its prefix.
std::string ClosestKey(const iam::Catalog& cat, const std::string& key, const std::string& prefix) {
  std::string best;
  std::size_t best_d = 3;
  auto consider = [&](const std::string& candidate) {
    const std::size_t d = iam::EditDistance(key, candidate);
    if (d < best_d) best_d = d, best = candidate;
  };
  for (const auto& g : GlobalKeys(cat)) consider(g.key);
  if (prefix != "aws" && cat.HasService(prefix))
    for (const auto& k : cat.ConditionKeys(prefix)) consider(k.key);
  return best;
}

// Whether the operator kind is one for a key of the reference's type, as Access Analyzer's type
// mismatch check reads it: a String operator compares the text of a Bool, a date, a number or an
// address, which IAM accepts but which rarely means what it says ("TRUE", "300.0", "10.0.0.1/32").
bool KindFitsType(const std::string& kind, std::string type) {
  if (type.rfind("ArrayOf", 0) == 0) type = type.substr(7);
  if (kind == "Null" || type.empty()) return true;
  if (kind == "String") return type == "String" || type == "ARN";
  if (kind == "Arn") return type == "ARN" || type == "String";
  if (kind == "Numeric" || kind == "Date") return type == "Numeric" || type == "Date";
  if (kind == "Bool") return type == "Bool";
  if (kind == "IpAddress") return type == "IPAddress";
  return true;  // Binary: the reference types no key Binary
}

// The services of the statement's actions, or nothing when its actions may be of any service
// (NotAction, "*", a wildcard in a prefix).
struct ActionScope {
  bool any = false;
  std::vector<std::string> services;   // lower case
  std::vector<std::string> patterns;   // the Action patterns, for the action-level keys
};

ActionScope ScopeOf(const Json& st) {
  ActionScope scope;
  auto it = st.find("Action");
  if (it == st.end()) {
    scope.any = true;
    return scope;
  }
  for (const auto& a : ElementStrings(*it)) {
    const std::size_t colon = a.find(':');
    if (colon == std::string::npos || a.substr(0, colon).find_first_of("*?") != std::string::npos) {
      scope.any = true;
      return scope;
    }
    scope.services.push_back(Lower(a.substr(0, colon)));
    scope.patterns.push_back(a);
  }
  return scope;
}

// Whether a key the reference defines applies to the statement: global, of a service of its
// actions, or listed by one of its actions (or their resource types) as a key of its own.
bool KeyApplies(const iam::Catalog& cat, const KeyInfo& key, const ActionScope& scope) {
  if (key.global || scope.any) return true;
  const std::string prefix = Lower(key.canonical.substr(0, key.canonical.find(':')));
  if (std::find(scope.services.begin(), scope.services.end(), prefix) != scope.services.end()) return true;
  auto listed = [&](const std::vector<std::string>& keys) {
    return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return EqualCi(k, key.canonical); });
  };
  for (const auto& pattern : scope.patterns) {
    for (const auto& action : cat.Expand(pattern)) {
      if (listed(action.condition_keys)) return true;
      for (const auto& rt : action.resource_types)
        if (listed(rt.condition_keys)) return true;
    }
  }
  return false;
}

void CheckKey(const iam::Catalog& cat, const ParsedOperator& op, const std::string& op_name, const std::string& key,
              const ActionScope& scope, const Sink& sink) {
  const KeyInfo info = LookUpKey(cat, key);
  if (!info.known) {
    const std::size_t colon = key.find(':');
    const std::string prefix = Lower(key.substr(0, colon == std::string::npos ? 0 : colon));
    const std::string closest = ClosestKey(cat, key, prefix);
    sink.Add("condition-key",
             colon == std::string::npos ? fmt::format("condition key \"{}\" has no service prefix (service:key)", key)
             : prefix == "aws" ? fmt::format("condition key \"{}\" is no global key of the IAM reference", key)
                               : fmt::format("condition key \"{}\" is no key of {} in the IAM reference", key, prefix),
             closest.empty() ? "no request carries such a key, so the condition never holds: check the key in the IAM "
                               "reference (`Actions, resources, and condition keys` of the service)"
                             : fmt::format("did you mean {}?", closest));
    return;
  }
  if (!KeyApplies(cat, info, scope)) {
    std::vector<std::string> services = scope.services;
    std::sort(services.begin(), services.end());
    services.erase(std::unique(services.begin(), services.end()), services.end());
    sink.Add("condition-key",
             fmt::format("condition key {} is a key of {}, but the statement's actions are of {}: no request "
                         "they make carries it",
                         info.canonical, info.canonical.substr(0, info.canonical.find(':')),
                         fmt::join(services, ", ")),
             "use a global key (aws:...) or a key of the statement's own service");
    return;
  }
  const bool multivalued = info.type.rfind("ArrayOf", 0) == 0;
  if (multivalued && op.set.empty() && op.kind != "Null") {
    sink.Add("condition-operator",
             fmt::format("{} holds several values, so {} needs ForAllValues: or ForAnyValue:", info.canonical, op_name),
             fmt::format("write ForAnyValue:{} (any value matches) or ForAllValues:{} (every value matches)", op_name,
                         op_name));
  } else if (!multivalued && !op.set.empty() && !info.type.empty()) {
    sink.Add("condition-operator",
             fmt::format("{} holds a single value, so {}: is meaningless on it{}", info.canonical, op.set,
                         op.set == "ForAllValues" ? " (and matches when the key is absent)" : ""),
             fmt::format("drop {}: and write {}", op.set, op.base + (op.if_exists ? "IfExists" : "")), false);
  }
  if (!KindFitsType(op.kind, info.type)) {
    sink.Add("condition-value",
             fmt::format("{} compares {} values, but {} is of type {}", op_name, op.kind, info.canonical, info.type),
             fmt::format("use an operator for {} values", info.type), false);
  }
}

// A condition value's JSON type, which all the values of one key share.
const char* JsonType(const Json& v) {
  if (v.is_string()) return "string";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "boolean";
  return "other";
}

// The keys whose values name an AWS service by its service principal, and the form it takes.
struct PrincipalKey {
  const char* key;
  bool regional;  // SERVICE.REGION.amazonaws.com
};
constexpr PrincipalKey kPrincipalKeys[] = {{"iam:PassedToService", false},
                                           {"iam:AWSServiceName", false},
                                           {"aws:PrincipalServiceName", false},
                                           {"aws:PrincipalServiceNamesList", false},
                                           {"kms:ViaService", true}};

// A value of a service principal key that cannot be one: a bare service name ("lambda"), or,
// for kms:ViaService, a principal without its region ("s3.amazonaws.com"). No request holds such
// a value, so the condition never matches (Access Analyzer's invalid service principal format).
// Wildcards and variables are left alone.
void CheckServicePrincipals(const ParsedOperator& op, const std::string& op_name, const std::string& key,
                            const std::vector<Json>& list, const Sink& sink) {
  if (op.kind != "String") return;
  const PrincipalKey* pk = nullptr;
  for (const auto& k : kPrincipalKeys)
    if (EqualCi(key, k.key)) pk = &k;
  if (!pk) return;
  for (const auto& v : list) {
    if (!v.is_string()) continue;
    const std::string text = v.get<std::string>();
    if (text.empty() || text.find_first_of("*?$") != std::string::npos) continue;
    const std::size_t dots = static_cast<std::size_t>(std::count(text.begin(), text.end(), '.'));
    const bool bare = dots == 0;
    constexpr std::string_view kSuffix = ".amazonaws.com";
    const bool no_region = pk->regional && dots == 2 && std::string_view(text).ends_with(kSuffix);
    if (!bare && !no_region) continue;
    const std::string service = text.substr(0, text.find('.'));
    sink.Add("condition-value",
             fmt::format("{} {}: \"{}\" is no service principal{}, so no request matches it", op_name, key, text,
                         pk->regional ? " of the form SERVICE.REGION.amazonaws.com" : ""),
             pk->regional ? fmt::format("write \"{}.REGION.amazonaws.com\", such as \"{}.us-east-1.amazonaws.com\"",
                                        service, service)
                          : fmt::format("write the service principal, such as \"{}.amazonaws.com\"", service),
             false);
  }
}

// aws:RequestedRegion compared with a region AWS does not have (Access Analyzer's invalid
// region): the condition never matches. The isolated partitions' regions are not listed, and
// are left alone.
void CheckRegions(const ParsedOperator& op, const std::string& op_name, const std::string& key,
                  const std::vector<Json>& list, const Sink& sink) {
  if (op.kind != "String" || !EqualCi(key, "aws:RequestedRegion")) return;
  for (const auto& v : list) {
    if (!v.is_string()) continue;
    const std::string text = v.get<std::string>();
    if (text.empty() || text.find_first_of("*?$") != std::string::npos || text.find("iso") != std::string::npos ||
        text.rfind("eusc-", 0) == 0 || !iam::KnownRegionPartition(text).empty())
      continue;
    sink.Add("condition-value",
             fmt::format("{} {}: \"{}\" is no AWS region, so no request matches it", op_name, key, text),
             "write a region such as \"us-east-1\"; if AWS has opened this region since jetsam's list (2026), the "
             "finding is out of date",
             false);
  }
}

void CheckValues(const ParsedOperator& op, const std::string& op_name, const std::string& key, const Json& values,
                 const Sink& sink) {
  const std::vector<Json> list = values.is_array() ? std::vector<Json>(values.begin(), values.end())
                                                   : std::vector<Json>{values};
  if (op.kind == "Bool" && list.size() > 1) {
    sink.Add("condition-value", fmt::format("{} {} lists {} values; Bool takes a single one", op_name, key, list.size()),
             "keep one of true and false");
  }
  for (const auto& v : list) {
    if (std::string_view(JsonType(v)) == JsonType(list.front())) continue;
    sink.Add("condition-value",
             fmt::format("{} {} mixes {} and {} values, which Access Analyzer calls an invalid condition data type",
                         op_name, key, JsonType(list.front()), JsonType(v)),
             "write every value of a key as the same JSON type: as strings, such as \"5\"", false);
    break;
  }
  CheckServicePrincipals(op, op_name, key, list, sink);
  CheckRegions(op, op_name, key, list, sink);
  for (const auto& v : list) {
    if (v.is_string() && v.get<std::string>().find("${") != std::string::npos) continue;  // policy-variable's business
    const std::string why = ValueProblem(op.kind, v);
    if (why.empty()) continue;
    sink.Add("condition-value",
             fmt::format("{} {}: {} {}", op_name, key, v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump(), why),
             ValueHint(op.kind));
  }
}

}  // namespace

bool StartsWithCi(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualCi(s.substr(0, prefix.size()), prefix);
}

bool EqualCi(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

KeyInfo LookUpKey(const iam::Catalog& cat, const std::string& key) {
  for (const auto& g : GlobalKeys(cat)) {
    if (EqualCi(g.key, key)) return {true, true, g.key, g.type};
    // "aws:PrincipalTag/tag-key": any tag key after the '/'.
    constexpr std::string_view kTagKey = "/tag-key";
    if (g.key.size() > kTagKey.size() && g.key.compare(g.key.size() - kTagKey.size(), kTagKey.size(), kTagKey) == 0) {
      const std::size_t stem = g.key.size() - kTagKey.size() + 1;  // through the '/'
      if (key.size() > stem && EqualCi(std::string_view(key).substr(0, stem), std::string_view(g.key).substr(0, stem)))
        return {true, true, g.key, g.type};
    }
  }
  if (auto info = cat.FindConditionKey(key)) return {true, info->global, info->key, info->type};
  return {};
}

ParsedOperator ParseOperator(std::string_view op) {
  ParsedOperator out;
  for (const char* set : {"ForAllValues:", "ForAnyValue:"}) {
    if (StartsWithCi(op, set)) {
      out.set = std::string(set, std::string_view(set).size() - 1);
      op.remove_prefix(std::string_view(set).size());
    }
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (op.size() > kIfExists.size() && EqualCi(op.substr(op.size() - kIfExists.size()), kIfExists)) {
    out.if_exists = true;
    op.remove_suffix(kIfExists.size());
  }
  for (const auto& o : kOperators) {
    if (EqualCi(op, o.name)) {
      out.base = o.name;
      out.kind = o.kind;
    }
  }
  return out;
}

// A key's empty list of values (Access Analyzer's suggestion "empty array condition"): IAM accepts
// it, but what it then matches depends on the operator in ways a reader rarely expects.
std::string EmptyValuesMeaning(const ParsedOperator& op) {
  const bool negated = op.base.find("Not") != std::string::npos;
  if (op.kind == "Null" || negated || op.set == "ForAllValues") return "what it then matches is easily misread";
  return op.if_exists ? "no value matches it, so the statement applies only to requests without the key"
                      : "no value matches it, so the statement applies to no request";
}

void CheckCondition(const Json& st, const Sink& sink) {
  const Json& condition = st.at("Condition");
  const ActionScope scope = ScopeOf(st);
  if (condition.empty()) {
    sink.Add("empty-condition", "Condition is empty: the statement applies as if it had none",
             "write the condition meant, or remove Condition", false);
    return;
  }
  CheckConditionPairs(st, sink);
  for (auto block = condition.begin(); block != condition.end(); ++block) {
    const std::string& op_name = block.key();
    const ParsedOperator op = ParseOperator(op_name);
    if (op.kind.empty()) {
      const std::string suggestion = SuggestOperator(op_name);
      sink.Add("condition-operator", fmt::format("\"{}\" is no condition operator, so IAM refuses the policy", op_name),
               suggestion.empty() ? "see the operators in the IAM User Guide (StringEquals, ArnLike, Bool, ...)"
                                  : fmt::format("did you mean {}?", suggestion));
      continue;
    }
    if (op.kind == "Null" && op.if_exists) {
      sink.Add("condition-operator", fmt::format("{}: Null cannot take IfExists", op_name),
               "Null tests whether the key is present: write Null");
    }
    if (!block->is_object()) continue;  // ValidateRoles refuses it
    if (block->empty()) {
      sink.Add("empty-condition", fmt::format("{} lists no condition key: it conditions nothing", op_name),
               fmt::format("add the key and the values {} compares, or remove {}", op_name, op_name), false);
      continue;
    }
    std::map<std::string, std::string> seen;  // lower-cased key -> as written
    for (auto kv = block->begin(); kv != block->end(); ++kv) {
      const std::string& key = kv.key();
      auto [at, fresh] = seen.emplace(Lower(key), key);
      if (!fresh) {
        sink.Add("condition-key",
                 fmt::format("{} lists the key {} twice, as \"{}\" and \"{}\"", op_name, key, at->second, key),
                 "condition key names ignore case: merge the two into one key");
        continue;
      }
      CheckKey(iam::Catalog::Get(), op, op_name, key, scope, sink);
      if (kv.value().is_array() && kv.value().empty()) {
        sink.Add("empty-condition", fmt::format("{} {} lists no values: {}", op_name, key, EmptyValuesMeaning(op)),
                 fmt::format("list the values {} compares, or remove the key", op_name), false);
        continue;
      }
      CheckValues(op, op_name, key, kv.value(), sink);
      CheckConditionEffect(st, op, op_name, key, kv.value(), sink);
    }
  }
}

}  // namespace jetsam::compile::grammar
