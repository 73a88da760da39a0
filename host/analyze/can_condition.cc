#include "analyze/can_condition.h"

#include <string_view>

#include "analyze/can_values.h"
#include "analyze/policy_match.h"
#include "jetsam/iamdata.h"

namespace jetsam {

// --- RequestContext

namespace {
bool SameKey(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}
}  // namespace

const RequestContext::Entry* RequestContext::Find(std::string_view key) const {
  for (const Entry& e : entries)
    if (SameKey(e.key, key)) return &e;
  return nullptr;
}

void RequestContext::Add(const std::string& key, const std::string& value) {
  for (Entry& e : entries) {
    if (SameKey(e.key, key)) {
      e.values.push_back(value);
      return;
    }
  }
  entries.push_back({key, {value}});
}

void RequestContext::SetAbsent(const std::string& key) {
  for (Entry& e : entries) {
    if (SameKey(e.key, key)) {
      e.values.clear();
      return;
    }
  }
  entries.push_back({key, {}});
}

namespace analyze {
namespace {

Truth Not(Truth t) { return t == Truth::kUnknown ? t : (t == Truth::kTrue ? Truth::kFalse : Truth::kTrue); }
Truth Or(Truth a, Truth b) {
  if (a == Truth::kTrue || b == Truth::kTrue) return Truth::kTrue;
  return a == Truth::kUnknown || b == Truth::kUnknown ? Truth::kUnknown : Truth::kFalse;
}
Truth And(Truth a, Truth b) {
  if (a == Truth::kFalse || b == Truth::kFalse) return Truth::kFalse;
  return a == Truth::kUnknown || b == Truth::kUnknown ? Truth::kUnknown : Truth::kTrue;
}
Truth Of(bool b) { return b ? Truth::kTrue : Truth::kFalse; }

bool StartsWithCi(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && SameKey(s.substr(0, prefix.size()), prefix);
}
bool EndsWithCi(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && SameKey(s.substr(s.size() - suffix.size()), suffix);
}

enum class Kind { kString, kStringIgnoreCase, kStringLike, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };
enum class Compare { kEquals, kLess, kLessEquals, kGreater, kGreaterEquals };

// A parsed operator name: "ForAnyValue:StringNotLikeIfExists".
struct Operator {
  enum class Set { kNone, kAll, kAny } set = Set::kNone;
  Kind kind = Kind::kString;
  Compare compare = Compare::kEquals;
  bool negated = false;
  bool if_exists = false;
};

bool ParseOperator(std::string_view name, Operator* op) {
  if (StartsWithCi(name, "ForAllValues:")) {
    op->set = Operator::Set::kAll;
    name.remove_prefix(13);
  } else if (StartsWithCi(name, "ForAnyValue:")) {
    op->set = Operator::Set::kAny;
    name.remove_prefix(12);
  }
  if (EndsWithCi(name, "IfExists") && !SameKey(name, "IfExists")) {
    op->if_exists = true;
    name.remove_suffix(8);
  }
  struct Entry {
    const char* name;
    Kind kind;
    Compare compare;
    bool negated;
  };
  static constexpr Entry kOperators[] = {
      {"StringEquals", Kind::kString, Compare::kEquals, false},
      {"StringNotEquals", Kind::kString, Compare::kEquals, true},
      {"StringEqualsIgnoreCase", Kind::kStringIgnoreCase, Compare::kEquals, false},
      {"StringNotEqualsIgnoreCase", Kind::kStringIgnoreCase, Compare::kEquals, true},
      {"StringLike", Kind::kStringLike, Compare::kEquals, false},
      {"StringNotLike", Kind::kStringLike, Compare::kEquals, true},
      {"NumericEquals", Kind::kNumeric, Compare::kEquals, false},
      {"NumericNotEquals", Kind::kNumeric, Compare::kEquals, true},
      {"NumericLessThan", Kind::kNumeric, Compare::kLess, false},
      {"NumericLessThanEquals", Kind::kNumeric, Compare::kLessEquals, false},
      {"NumericGreaterThan", Kind::kNumeric, Compare::kGreater, false},
      {"NumericGreaterThanEquals", Kind::kNumeric, Compare::kGreaterEquals, false},
      {"DateEquals", Kind::kDate, Compare::kEquals, false},
      {"DateNotEquals", Kind::kDate, Compare::kEquals, true},
      {"DateLessThan", Kind::kDate, Compare::kLess, false},
      {"DateLessThanEquals", Kind::kDate, Compare::kLessEquals, false},
      {"DateGreaterThan", Kind::kDate, Compare::kGreater, false},
      {"DateGreaterThanEquals", Kind::kDate, Compare::kGreaterEquals, false},
      {"Bool", Kind::kBool, Compare::kEquals, false},
      {"BinaryEquals", Kind::kBinary, Compare::kEquals, false},
      {"IpAddress", Kind::kIp, Compare::kEquals, false},
      {"NotIpAddress", Kind::kIp, Compare::kEquals, true},
      {"ArnEquals", Kind::kArn, Compare::kEquals, false},
      {"ArnLike", Kind::kArn, Compare::kEquals, false},
      {"ArnNotEquals", Kind::kArn, Compare::kEquals, true},
      {"ArnNotLike", Kind::kArn, Compare::kEquals, true},
      {"Null", Kind::kNull, Compare::kEquals, false},
  };
  for (const Entry& e : kOperators) {
    if (SameKey(name, e.name)) {
      op->kind = e.kind;
      op->compare = e.compare;
      op->negated = e.negated;
      return !(e.kind == Kind::kNull && (op->if_exists || op->set != Operator::Set::kNone));
    }
  }
  return false;
}

// The policy values of one key: a string, number or bool, or an array of them.
std::vector<std::string> PolicyValues(const Json& v) {
  std::vector<std::string> out;
  auto one = [&](const Json& x) {
    if (x.is_string()) out.push_back(x.get<std::string>());
    else if (x.is_boolean()) out.push_back(x.get<bool>() ? "true" : "false");
    else if (x.is_number()) out.push_back(x.dump());
  };
  if (v.is_array()) {
    for (const auto& x : v) one(x);
  } else {
    one(v);
  }
  return out;
}

bool Ordered(long double a, long double b, Compare c) {
  switch (c) {
    case Compare::kEquals: return a == b;
    case Compare::kLess: return a < b;
    case Compare::kLessEquals: return a <= b;
    case Compare::kGreater: return a > b;
    case Compare::kGreaterEquals: return a >= b;
  }
  return false;
}

// The positive test of one request value against one policy value.
Truth Match(const Operator& op, const std::string& value, const std::string& raw_policy, const RequestContext& ctx) {
  std::string policy = raw_policy;
  if (op.kind == Kind::kString || op.kind == Kind::kStringIgnoreCase || op.kind == Kind::kStringLike ||
      op.kind == Kind::kArn) {
    if (HasPolicyVariable(raw_policy)) {
      ResolvedText r = ResolveVariables(raw_policy, ctx);
      if (r.state == ResolvedText::State::kUnknown) return Truth::kUnknown;
      if (r.state == ResolvedText::State::kNoValue) return Truth::kFalse;
      policy = std::move(r.text);
    }
  }
  switch (op.kind) {
    case Kind::kString:
    case Kind::kBinary: return Of(value == policy);
    case Kind::kStringIgnoreCase: return Of(SameKey(value, policy));
    case Kind::kStringLike: return Of(iam::IamWildcardMatch(policy, value, false));
    case Kind::kBool: return Of(SameKey(value, policy) && (SameKey(value, "true") || SameKey(value, "false")));
    case Kind::kNumeric: {
      long double a, b;
      return Of(ParseNumber(value, &a) && ParseNumber(policy, &b) && Ordered(a, b, op.compare));
    }
    case Kind::kDate: {
      long double a, b;
      return Of(ParseDate(value, &a) && ParseDate(policy, &b) && Ordered(a, b, op.compare));
    }
    case Kind::kIp: {
      IpAddress ip;
      return Of(ParseIp(value, &ip) && IpInCidr(ip, policy));
    }
    case Kind::kArn: return Of(ArnLike(policy, value));
    case Kind::kNull: break;
  }
  return Truth::kFalse;
}

// One request value against all of the key's policy values: any of them (none, when negated).
Truth Single(const Operator& op, const std::string& value, const std::vector<std::string>& policy,
             const RequestContext& ctx) {
  Truth any = Truth::kFalse;
  for (const auto& p : policy) any = Or(any, Match(op, value, p, ctx));
  return op.negated ? Not(any) : any;
}

// One operator/key pair.
Truth EvaluatePair(const Operator& op, const RequestContext::Entry& entry, const std::vector<std::string>& policy,
                   const RequestContext& ctx) {
  const bool absent = entry.values.empty();
  if (op.kind == Kind::kNull) {
    Truth any = Truth::kFalse;
    for (const auto& p : policy) {
      if (SameKey(p, "true")) any = Or(any, Of(absent));
      else if (SameKey(p, "false")) any = Or(any, Of(!absent));
    }
    return any;
  }
  if (absent) {
    // The documented rules for a key missing from the request: a set operator over no values,
    // ...IfExists, and the negated operators hold; the others do not.
    if (op.set == Operator::Set::kAll) return Truth::kTrue;
    if (op.set == Operator::Set::kAny) return Truth::kFalse;
    return Of(op.if_exists || op.negated);
  }
  switch (op.set) {
    case Operator::Set::kNone:
      // A multivalued key needs ForAllValues/ForAnyValue; AWS documents no result without.
      return entry.values.size() == 1 ? Single(op, entry.values[0], policy, ctx) : Truth::kUnknown;
    case Operator::Set::kAll: {
      Truth all = Truth::kTrue;
      for (const auto& v : entry.values) all = And(all, Single(op, v, policy, ctx));
      return all;
    }
    case Operator::Set::kAny: {
      Truth any = Truth::kFalse;
      for (const auto& v : entry.values) any = Or(any, Single(op, v, policy, ctx));
      return any;
    }
  }
  return Truth::kUnknown;
}

}  // namespace

ConditionOutcome EvaluateCondition(const Json& condition, const RequestContext& context) {
  ConditionOutcome out;
  if (condition.is_null() || (condition.is_object() && condition.empty())) return out;
  if (!condition.is_object()) {
    out.truth = Truth::kUnknown;
    out.undecided = condition;
    return out;
  }
  Json undecided = Json::object();
  for (auto op_it = condition.begin(); op_it != condition.end(); ++op_it) {
    Operator op;
    const bool known_op = ParseOperator(op_it.key(), &op) && op_it.value().is_object();
    if (!known_op) {  // IAM would refuse it; nothing to decide
      out.truth = And(out.truth, Truth::kUnknown);
      undecided[op_it.key()] = op_it.value();
      continue;
    }
    for (auto key_it = op_it.value().begin(); key_it != op_it.value().end(); ++key_it) {
      const RequestContext::Entry* entry = context.Find(key_it.key());
      Truth t = entry ? EvaluatePair(op, *entry, PolicyValues(key_it.value()), context) : Truth::kUnknown;
      if (t == Truth::kUnknown) undecided[op_it.key()][key_it.key()] = key_it.value();
      else out.decided_keys.push_back(key_it.key());
      out.truth = And(out.truth, t);
    }
  }
  if (out.truth == Truth::kUnknown) out.undecided = std::move(undecided);
  return out;
}

}  // namespace analyze
}  // namespace jetsam
