// jetsam can: IAM's evaluation of one role's identity policies, offline. An explicit Deny wins;
// otherwise an Allow allows; a Condition or a policy variable the request context cannot decide
// makes the answer "allowed if" (or "allowed unless" for a Deny), naming what is open.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <mutex>
#include <unordered_map>

#include "analyze/can_condition.h"
#include "analyze/can_question.h"
#include "analyze/pattern_sets.h"
#include "analyze/policy_match.h"
#include "jetsam/analyze.h"
#include "jetsam/grammar.h"
#include "jetsam/json_compact.h"

namespace jetsam {

using analyze::Exists;
using analyze::PatternQuery;
using analyze::Truth;

namespace {

// The token steps one Ask's set questions may take together (FindArn bounds each one): a role
// of hundreds of statements, each asking its own question, stays within a fraction of a second.
constexpr std::size_t kAskSteps = 2 * analyze::kFindArnSteps;
thread_local std::size_t ask_steps_left = kAskSteps;

// analyze::FindArn, remembered: a batch asks the same set questions line after line. A pure
// function of the query, so one cache serves every evaluator (and thread). An answer costs the
// Ask its steps whether remembered or not, so that it never depends on the questions before.
Exists CachedFindArn(const PatternQuery& q, std::string* witness) {
  struct Known {
    Exists e;
    std::string witness;
    std::size_t steps;
  };
  static std::mutex mu;
  static std::unordered_map<std::string, Known> memo;
  std::string key;
  auto put = [&key](const std::string& s) { key.append(s).append(1, '\0'); };
  for (const auto& p : q.all_of) put(p);
  key += '\1';
  for (const auto& g : q.one_of) {
    for (const auto& p : g) put(p);
    key += '\2';
  }
  key += '\1';
  for (const auto& p : q.none_of) put(p);
  key += '\1';
  for (const auto& f : q.of_type) put(f.format + std::string(f.holds.begin(), f.holds.end()));
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = memo.find(key); it != memo.end()) {
      if (it->second.steps > ask_steps_left) {
        ask_steps_left = 0;
        return Exists::kUndecided;
      }
      ask_steps_left -= it->second.steps;
      *witness = it->second.witness;
      return it->second.e;
    }
  }
  const std::size_t cap = std::min(ask_steps_left, analyze::kFindArnSteps);
  std::size_t steps = 0;
  const Exists e = analyze::FindArn(q, witness, 50000, cap, &steps);
  ask_steps_left -= std::min(steps, ask_steps_left);
  if (e == Exists::kUndecided && cap < analyze::kFindArnSteps) return e;  // what was left decided, not the query
  std::lock_guard<std::mutex> lock(mu);
  if (memo.size() > 4096) memo.clear();  // bounded: a long-running serve asks without end
  memo.emplace(std::move(key), Known{e, *witness, steps});
  return e;
}

// How much of a target a statement's Resource (or NotResource) reaches.
enum class Reach { kNone, kPart, kAll };

// A statement of the role, read once for every question.
struct Prepared {
  StatementRef ref;  // policy, index, origin, statement, effect, condition
  bool not_action = false;
  std::vector<std::string> actions;
  bool not_resource = false;
  bool has_resource = false;
  std::vector<std::string> resources;
};

Prepared Prepare(const Json& st, StatementRef ref) {
  Prepared p;
  ref.statement = st;
  ref.effect = analyze::Effect(st);
  if (analyze::HasCondition(st)) ref.condition = st.at("Condition");
  if (auto it = st.find("Action"); it != st.end()) {
    p.actions = analyze::Strings(*it);
  } else if (auto it2 = st.find("NotAction"); it2 != st.end()) {
    p.not_action = true;
    p.actions = analyze::Strings(*it2);
  }
  if (auto it = st.find("Resource"); it != st.end()) {
    p.has_resource = true;
    p.resources = analyze::Strings(*it);
  } else if (auto it2 = st.find("NotResource"); it2 != st.end()) {
    p.has_resource = p.not_resource = true;
    p.resources = analyze::Strings(*it2);
  }
  p.ref = std::move(ref);
  return p;
}

bool NamesAction(const Prepared& p, std::string_view action) {
  bool any = false;
  for (const auto& a : p.actions) any = any || analyze::ActionPatternMatches(a, action);
  return p.not_action ? !any : any;
}

// The values of a lone policy variable that make `pattern` name the concrete `target`:
// "arn:aws:s3:::b/${aws:username}/*" and "arn:aws:s3:::b/bob/x" -> {"bob"}. Empty when the
// text before the variable has wildcards, the pattern holds other variables, or nothing fits.
std::vector<std::string> SolveVariable(std::string_view pattern, std::string_view target) {
  const std::size_t open = pattern.find("${");
  const std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
  if (close == std::string_view::npos || pattern.find("${", close) != std::string_view::npos) return {};
  const std::string_view head = pattern.substr(0, open), tail = pattern.substr(close + 1);
  if (head.find_first_of("*?") != std::string_view::npos || target.find_first_of("*?") != std::string_view::npos ||
      target.size() > 2048 || target.substr(0, head.size()) != head)
    return {};
  std::vector<std::string> out;
  for (std::size_t end = head.size() + 1; end <= target.size() && out.size() < 4; ++end)
    if (iam::IamWildcardMatch(tail, target.substr(end), false))
      out.emplace_back(target.substr(head.size(), end - head.size()));
  return out;
}

// How far the statement's resources reach `target`, and whether that hangs on a policy
// variable the context does not give.
struct ResourceMatch {
  Reach reach = Reach::kNone;
  Truth truth = Truth::kTrue;
  std::vector<std::string> matched, placeholders, variables;
  std::vector<std::string> known;  // policy variables the context gave
  // The statement's Resource (or NotResource) patterns with what the context gives filled in
  // (the unknown variables as '*'), leaving out those that can match nothing.
  std::vector<std::string> resolved;
  bool inexact = false;  // a set question was too large to decide (pattern_sets.h)
};

// The formats of a resource type, for the set questions: a resource of the type is one of them.
std::vector<analyze::TypedArnFormat> TypeFormats(const std::string& service, const std::string& type) {
  std::vector<analyze::TypedArnFormat> out;
  if (type.empty()) return out;
  const iam::Catalog& cat = iam::Catalog::Get();
  const auto rt = cat.FindResourceType(service, type);
  if (!rt) return out;
  for (std::string_view f : iam::SplitArnFormats(rt->arn_format))
    out.push_back({std::string(f), cat.FormatVariables(service, type, f)});
  return out;
}

// Whether the target has a resource outside every one of `patterns` (and inside one of each group).
Exists Outside(const std::string& service, const analyze::Question::Target& target,
               const std::vector<std::string>& patterns, const std::vector<std::vector<std::string>>& groups = {},
               std::string* witness = nullptr) {
  PatternQuery pq;
  pq.all_of.push_back(target.pattern);
  pq.of_type = TypeFormats(service, target.type);
  pq.none_of = patterns;
  pq.one_of = groups;
  std::string w;
  return CachedFindArn(pq, witness ? witness : &w);
}

ResourceMatch MatchResources(const Prepared& p, const std::string& service, const analyze::Question::Target& t,
                             const RequestContext& ctx) {
  const std::string& target = t.pattern;
  ResourceMatch m;
  struct One {
    Reach reach = Reach::kNone;
    bool unknown = false;
    std::vector<std::string> unknown_keys, placeholders;
    std::string pattern;  // resolved
  };
  auto one = [&](const std::string& raw) {
    One o;
    std::string pattern = analyze::WildcardJetsamPlaceholders(raw, &o.placeholders);
    if (analyze::HasPolicyVariable(pattern)) {
      analyze::ResolvedText r = analyze::ResolveVariables(pattern, ctx);
      m.known.insert(m.known.end(), r.known.begin(), r.known.end());
      if (r.state == analyze::ResolvedText::State::kNoValue) return o;  // matches nothing
      o.unknown = r.state == analyze::ResolvedText::State::kUnknown;
      o.unknown_keys = std::move(r.unknown);
      pattern = std::move(r.text);
    }
    m.resolved.push_back(pattern);
    o.pattern = pattern;
    if (analyze::PatternCovers(pattern, target, false)) {
      o.reach = Reach::kAll;
    } else if (analyze::PatternsOverlap(pattern, target, false) &&
               (t.type.empty() || iam::Catalog::Get().ArnFitsResourceType(pattern, service, t.type))) {
      // Part of it, if the pattern can name a resource of that type at all ("arn:aws:s3:::*"
      // names no access point: those have a region and an account).
      o.reach = Reach::kPart;
    }
    return o;
  };
  auto need = [&](const std::string& raw, const One& o, bool negated) {
    for (const auto& key : o.unknown_keys) {
      const std::vector<std::string> values =
          negated || o.unknown_keys.size() > 1 ? std::vector<std::string>() : SolveVariable(raw, target);
      if (negated) {
        m.variables.push_back(fmt::format("${{{}}} makes NotResource {} leave it out", key, raw));
      } else if (values.empty() || values.size() > 3) {
        m.variables.push_back(fmt::format("${{{}}} makes {} name it", key, raw));
      } else {
        std::vector<std::string> quoted;
        for (const auto& v : values) quoted.push_back(fmt::format("\"{}\"", v));
        m.variables.push_back(fmt::format("${{{}}} is {} (its Resource {})", key, fmt::join(quoted, " or "), raw));
      }
    }
  };
  if (!p.not_resource) {
    bool all_true = false, all_unknown = false, part = false;
    std::vector<std::string> parts;  // the patterns, known, that reach part of the target
    for (const auto& raw : p.resources) {
      One o = one(raw);
      if (o.reach == Reach::kNone) continue;
      m.matched.push_back(raw);
      m.placeholders.insert(m.placeholders.end(), o.placeholders.begin(), o.placeholders.end());
      if (o.reach == Reach::kPart) {
        part = true;
        if (!o.unknown) parts.push_back(o.pattern);
      } else if (o.unknown) all_unknown = true, need(raw, o, false);
      else all_true = true;
    }
    // Several patterns may cover the target together: "arn:aws:s3:::b" and "arn:aws:s3:::b?*"
    // cover "arn:aws:s3:::b*", which neither does alone.
    if (!all_true && parts.size() > 1) {
      const Exists e = Outside(service, t, parts);
      all_true = e == Exists::kNo;
      m.inexact = e == Exists::kUndecided;
    }
    if (all_true) {
      m.reach = Reach::kAll;
      m.variables.clear();
    } else if (all_unknown) {
      m.reach = Reach::kAll;
      m.truth = Truth::kUnknown;
    } else if (part) {
      m.reach = Reach::kPart;
    }
    return m;
  }
  // NotResource: the statement reaches what no pattern names.
  bool maybe_out = false, part_out = false, unknown = false;
  for (const auto& raw : p.resources) {
    One o = one(raw);
    unknown = unknown || o.unknown;
    if (o.reach == Reach::kAll && !o.unknown) return m;  // all of the target is left out
    if (o.reach == Reach::kAll) maybe_out = true, need(raw, o, true);
    else if (o.reach == Reach::kPart) part_out = true;
  }
  // Patterns that each leave out part of the target may leave out all of it together.
  if (part_out && !unknown) {
    const Exists e = Outside(service, t, m.resolved);
    if (e == Exists::kNo) return m;
    m.inexact = e == Exists::kUndecided;
  }
  m.matched.push_back("NotResource " + CompactJson(p.ref.statement.at("NotResource")));
  m.reach = part_out ? Reach::kPart : Reach::kAll;
  if (maybe_out) m.truth = Truth::kUnknown;
  return m;
}

// The answer for one target resource pattern.
struct TargetResult {
  CanAnswer::Decision decision = CanAnswer::Decision::kNotAllowed;
  std::vector<StatementRef> deciding, conditional, near;
  std::vector<std::string> placeholders, decided_keys, notes;
};

// "DefaultPolicy statement 2"
std::string Name(const StatementRef& r) { return fmt::format("{} statement {}", r.policy, r.index); }

// An Allow, or a Deny, that reaches the target, with its resources resolved.
struct Reaching {
  StatementRef ref;
  bool not_resource = false, open = false;
  std::vector<std::string> patterns;
  bool all = false;  // it reaches all of the target
};

// The words on a set question that could not be decided (pattern_sets.h): the answer is left open.
constexpr const char* kUndecidedNote =
    "the resource patterns are too intricate to decide exactly whether {} reaches a resource no Deny "
    "takes back: counted as open (allowed if), not as allowed";

// Worse first for "every resource" (a Deny anywhere denies), better first for "some resource".
int Rank(CanAnswer::Decision d) {
  switch (d) {
    case CanAnswer::Decision::kAllowed: return 0;
    case CanAnswer::Decision::kConditional: return 1;
    case CanAnswer::Decision::kNotAllowed: return 2;
    case CanAnswer::Decision::kDenied: return 3;
    case CanAnswer::Decision::kUndeployable: return 4;
  }
  return 4;
}

// Adds a statement once; met again, it keeps the strongest word on it (on part of it).
void AddUnique(std::vector<StatementRef>* out, const StatementRef& r) {
  for (auto& o : *out) {
    if (o.policy == r.policy && o.index == r.index && o.managed_arn == r.managed_arn) {
      o.partial = o.partial || r.partial;
      o.ruled_out = o.ruled_out && !o.partial;
      return;
    }
  }
  out->push_back(r);
}

}  // namespace

const char* DecisionName(CanAnswer::Decision d) {
  switch (d) {
    case CanAnswer::Decision::kAllowed: return "allowed";
    case CanAnswer::Decision::kConditional: return "allowed-if";
    case CanAnswer::Decision::kDenied: return "denied";
    case CanAnswer::Decision::kNotAllowed: return "not-allowed";
    case CanAnswer::Decision::kUndeployable: return "cannot-deploy";
  }
  return "not-allowed";
}

const char* ScopeName(CanAnswer::Scope s) {
  switch (s) {
    case CanAnswer::Scope::kExact: return "exact";
    case CanAnswer::Scope::kEvery: return "every-resource";
    case CanAnswer::Scope::kSome: return "some-resource";
  }
  return "exact";
}

const Role* FindRole(const Compiled& compiled, const std::string& name) {
  for (const auto& r : compiled.roles)
    if (name == RoleKindName(r.kind) || name == r.logical_id) return &r;
  return nullptr;
}

std::vector<std::string> DeployRefusals(const Role& role) {
  // The grammar IAM and CloudFormation hold a policy to (jetsam/grammar.h): a policy they refuse
  // cannot be deployed, so no question about the role has an answer.
  std::vector<std::string> out;
  for (const PolicyGrammarProblem& p : CheckRoleGrammar(role)) {
    if (!p.problem.error) continue;
    const Policy* policy = nullptr;
    for (const auto& candidate : role.policies)
      if (candidate.name == p.policy) policy = &candidate;
    const Statement* s = policy ? StatementOf(*policy, p.problem) : nullptr;
    std::string where = policy ? policy->setting : std::string();
    if (s) {
      const std::string setting = s->setting.empty() ? where : s->setting;
      where = s->origin.empty() ? fmt::format("Jets default, {}", setting) : fmt::format("{}, {}", s->origin.str(), setting);
    }
    const std::string what = p.problem.statement ? fmt::format("statement {}: {}", p.problem.statement, p.problem.message)
                                                 : p.problem.message;
    out.push_back(where.empty() ? fmt::format("{} {}", p.policy, what) : fmt::format("{} {} ({})", p.policy, what, where));
  }
  return out;
}

struct CanEvaluator::Impl {
  std::string role;
  std::vector<Prepared> statements;
  std::vector<std::string> notes;     // about the role, for every answer
  std::vector<std::string> refusals;  // why it cannot be deployed

  TargetResult Evaluate(const analyze::Question& q, const analyze::Question::Target& target,
                        const RequestContext& ctx) const;
};

CanEvaluator::CanEvaluator(const Role& role) : impl_(std::make_unique<Impl>()) {
  const iam::Catalog& cat = iam::Catalog::Get();
  impl_->role = role.logical_id;
  impl_->refusals = DeployRefusals(role);
  for (const auto& p : role.policies) {
    for (std::size_t i = 0; i < p.statements.size(); ++i) {
      const Statement& s = p.statements[i];
      StatementRef ref;
      ref.policy = p.name;
      ref.index = i + 1;
      ref.setting = s.setting.empty() ? p.setting : s.setting;
      ref.origin = s.origin;
      impl_->statements.push_back(Prepare(s.json, std::move(ref)));
    }
  }
  for (const auto& m : role.managed) {
    std::optional<iam::ManagedPolicyInfo> mp;
    const bool aws_managed = m.arn.find(":iam::aws:policy/") != std::string::npos;
    if (aws_managed) mp = cat.FindManagedPolicy(m.arn);
    if (!mp) {
      impl_->notes.push_back(aws_managed
                                 ? fmt::format("{} is no AWS managed policy jetsam knows: not evaluated", m.arn)
                                 : fmt::format("{} is a customer managed policy: not evaluated offline", m.arn));
      continue;
    }
    auto statements = analyze::DocumentStatements(mp->document);
    for (std::size_t i = 0; i < statements.size(); ++i) {
      StatementRef ref;
      ref.policy = mp->QualifiedName();
      ref.managed_arn = m.arn;
      ref.index = i + 1;
      ref.setting = m.setting;
      ref.origin = m.origin;
      impl_->statements.push_back(Prepare(statements[i], std::move(ref)));
    }
  }
}

CanEvaluator::~CanEvaluator() = default;
CanEvaluator::CanEvaluator(CanEvaluator&&) noexcept = default;

TargetResult CanEvaluator::Impl::Evaluate(const analyze::Question& q, const analyze::Question::Target& target,
                                          const RequestContext& ctx) const {
  using D = CanAnswer::Decision;
  const bool some = q.scope == CanAnswer::Scope::kSome;
  TargetResult t;
  std::vector<StatementRef> deny, deny_if, allow, allow_if;
  std::vector<Reaching> partial;      // every resource: Allows on part of the target
  std::vector<Reaching> some_allows;  // some resource: unconditional Allows, to weigh against the Denies
  std::vector<std::string> deny_none;               // some resource: the Resources of unconditional Denies
  std::vector<std::vector<std::string>> deny_keep;  // ... and the NotResources (what they leave alone)
  bool inexact = false;
  for (const Prepared& p : statements) {
    if (!NamesAction(p, q.action)) continue;
    const bool is_allow = p.ref.effect == "Allow", is_deny = p.ref.effect == "Deny";
    if (!is_allow && !is_deny) continue;
    ResourceMatch m = MatchResources(p, q.service, target, ctx);
    t.decided_keys.insert(t.decided_keys.end(), m.known.begin(), m.known.end());
    if (m.reach == Reach::kNone) {
      // Near misses: Allows that name the action (a NotAction names everything else).
      if (is_allow && !p.not_action) {
        StatementRef r = p.ref;
        r.resources = analyze::Strings(p.ref.statement.contains("Resource") ? p.ref.statement.at("Resource") : Json());
        t.near.push_back(std::move(r));
      }
      continue;
    }
    analyze::ConditionOutcome c = analyze::EvaluateCondition(p.ref.condition, ctx);
    t.decided_keys.insert(t.decided_keys.end(), c.decided_keys.begin(), c.decided_keys.end());
    if (c.truth == Truth::kFalse) {  // the context rules it out: a near miss worth showing
      if (is_allow && !p.not_action) {
        StatementRef r = p.ref;
        r.resources = m.matched;
        r.ruled_out = true;
        t.near.push_back(std::move(r));
      }
      continue;
    }
    inexact = inexact || m.inexact;
    StatementRef r = p.ref;
    r.resources = m.matched;
    r.variables = m.variables;
    r.undecided = c.undecided;
    const bool open = c.truth == Truth::kUnknown || m.truth == Truth::kUnknown;
    t.placeholders.insert(t.placeholders.end(), m.placeholders.begin(), m.placeholders.end());
    if (is_deny) {
      if (open) {
        deny_if.push_back(std::move(r));
      } else if (m.reach == Reach::kAll) {
        deny.push_back(std::move(r));
      } else if (!some) {  // every resource: a Deny on part of them denies
        r.partial = true;
        deny.push_back(std::move(r));
      } else if (p.not_resource) {
        deny_keep.push_back(m.resolved);
      } else {
        deny_none.insert(deny_none.end(), m.resolved.begin(), m.resolved.end());
      }
      continue;
    }
    if (some) {
      if (open) allow_if.push_back(r);
      else some_allows.push_back({r, p.not_resource, false, m.resolved, m.reach == Reach::kAll});
    } else if (m.reach == Reach::kPart) {
      r.partial = true;
      partial.push_back({std::move(r), p.not_resource, open, m.resolved, false});
    } else {
      (open ? allow_if : allow).push_back(std::move(r));
    }
  }
  // An ARN the set question found must also be a resource of the target's type (a bucket name
  // holds no '/'): if not, the question was not answered for that type.
  auto of_type = [&](Exists e, const std::string& witness) {
    if (e == Exists::kYes && !target.type.empty() &&
        !iam::Catalog::Get().ArnFitsResourceType(witness, q.service, target.type))
      return Exists::kUndecided;
    return e;
  };
  if (some) {
    // An Allow counts when some resource it reaches is one no unconditional Deny takes back
    // (with no such Deny, one that reaches all of the target does).
    for (auto& a : some_allows) {
      if (a.all && deny_none.empty() && deny_keep.empty()) {
        allow.push_back(a.ref);
        continue;
      }
      PatternQuery pq;
      pq.all_of.push_back(target.pattern);
      pq.of_type = TypeFormats(q.service, target.type);
      if (a.not_resource) pq.none_of = a.patterns;
      else pq.one_of.push_back(a.patterns);
      pq.none_of.insert(pq.none_of.end(), deny_none.begin(), deny_none.end());
      pq.one_of.insert(pq.one_of.end(), deny_keep.begin(), deny_keep.end());
      std::string witness;
      const Exists e = of_type(CachedFindArn(pq, &witness), witness);
      if (e == Exists::kYes) {
        allow.push_back(a.ref);
      } else if (e == Exists::kUndecided) {
        t.notes.push_back(fmt::format(kUndecidedNote, Name(a.ref)));
        allow_if.push_back(a.ref);
      } else {
        t.notes.push_back(fmt::format("Deny statements take back every resource {} allows", Name(a.ref)));
      }
    }
  } else if (allow.empty() && !partial.empty()) {
    // Allows that each reach part of the target may reach all of it together: first the
    // unconditional ones, then with the conditional ones too.
    for (const bool with_open : {false, true}) {
      std::vector<std::string> none;
      std::vector<std::vector<std::string>> keep;
      std::vector<StatementRef> used;
      bool any_open = false;
      for (const auto& a : partial) {
        if (a.open && !with_open) continue;
        any_open = any_open || a.open;
        if (a.not_resource) keep.push_back(a.patterns);
        else none.insert(none.end(), a.patterns.begin(), a.patterns.end());
        used.push_back(a.ref);
      }
      if (used.empty() || (with_open && !any_open)) continue;
      std::string witness;
      const Exists e = of_type(Outside(q.service, target, none, keep, &witness), witness);
      if (e == Exists::kNo) {
        for (auto& r : used) r.partial = false;
        (with_open ? allow_if : allow) = std::move(used);
        break;
      }
      if (e == Exists::kUndecided) {
        inexact = true;
        break;
      }
      if (!with_open) t.notes.push_back(fmt::format("no Allow reaches {}, which {} names", witness, target.pattern));
    }
  }
  if (inexact) {
    t.notes.push_back("the resource patterns are too intricate to decide exactly whether they cover what was asked: "
                      "the answer is left open (allowed if) rather than given as allowed, denied or not allowed");
  }
  if (!deny.empty() && !(inexact && std::all_of(deny.begin(), deny.end(), [](const auto& r) { return r.partial; }))) {
    t.decision = D::kDenied;
    t.deciding = std::move(deny);
  } else if (!allow.empty() && !inexact) {
    t.decision = deny_if.empty() ? D::kAllowed : D::kConditional;
    t.deciding = std::move(allow);
    t.conditional = std::move(deny_if);
  } else if (!allow_if.empty() || !allow.empty() || inexact) {
    t.decision = D::kConditional;
    t.conditional = std::move(allow);
    for (auto& r : allow_if) t.conditional.push_back(std::move(r));
    for (auto& r : deny) t.conditional.push_back(std::move(r));
    for (auto& d : deny_if) t.conditional.push_back(std::move(d));
    for (auto& a : partial) t.conditional.push_back(std::move(a.ref));
  } else {
    t.decision = D::kNotAllowed;
    for (auto it = partial.rbegin(); it != partial.rend(); ++it) t.near.insert(t.near.begin(), std::move(it->ref));
  }
  return t;
}

Status CanEvaluator::Ask(const CanRequest& request, CanAnswer* answer) const {
  using D = CanAnswer::Decision;
  analyze::Question q;
  if (Status s = analyze::MakeQuestion(request, &q); !s.ok()) return s;
  CanAnswer a;
  a.role = impl_->role;
  a.action = q.action;
  a.access_level = q.access_level;
  a.resource = q.resource;
  a.resource_type = q.resource_type;
  a.scope = q.scope;
  a.notes = q.notes;
  if (!impl_->refusals.empty()) {
    a.decision = D::kUndeployable;
    a.refusals = impl_->refusals;
    *answer = std::move(a);
    return Status::Ok();
  }

  ask_steps_left = kAskSteps;
  std::vector<TargetResult> results;
  for (const auto& target : q.targets) results.push_back(impl_->Evaluate(q, target, request.context));
  // "every resource": the worst target decides; "some resource": the best.
  const bool some = q.scope == CanAnswer::Scope::kSome;
  int pick = some ? 99 : -1;
  for (const auto& r : results) pick = some ? std::min(pick, Rank(r.decision)) : std::max(pick, Rank(r.decision));
  for (const auto& r : results)
    if (Rank(r.decision) == pick) a.decision = r.decision;
  std::vector<std::string> placeholders;
  for (std::size_t i = 0; i < results.size(); ++i) {
    TargetResult& r = results[i];
    const int sev = Rank(r.decision);
    // The statements of the targets that decided; for "allowed if" on every resource, also
    // those of the targets allowed outright.
    if (sev == pick || (!some && a.decision == D::kConditional && r.decision == D::kAllowed)) {
      for (const auto& s : r.deciding) AddUnique(&a.deciding, s);
      for (const auto& s : r.conditional) AddUnique(&a.conditional, s);
    }
    if (!some && a.decision == D::kNotAllowed && r.decision != D::kNotAllowed) {
      // Allowed on this part only: its Allows are near misses of the whole.
      for (StatementRef s : r.deciding) {
        s.partial = true;
        AddUnique(&a.near, s);
      }
    }
    for (const auto& s : r.near) AddUnique(&a.near, s);
    for (const auto& n : r.notes)
      if (std::find(a.notes.begin(), a.notes.end(), n) == a.notes.end()) a.notes.push_back(n);
    for (const auto& k : r.decided_keys)
      if (std::find(a.decided_keys.begin(), a.decided_keys.end(), k) == a.decided_keys.end()) a.decided_keys.push_back(k);
    placeholders.insert(placeholders.end(), r.placeholders.begin(), r.placeholders.end());
    if (q.scope != CanAnswer::Scope::kExact) {
      std::string line = q.targets[i].type.empty() ? q.targets[i].pattern
                                                   : fmt::format("{} {}", q.targets[i].type, q.targets[i].pattern);
      if (results.size() > 1) line += fmt::format(": {}", DecisionName(r.decision));
      a.scope_resources.push_back(std::move(line));
    }
  }
  if (a.decision != D::kNotAllowed) a.near.clear();
  for (const auto& n : impl_->notes) a.notes.push_back(n);
  std::sort(placeholders.begin(), placeholders.end());
  placeholders.erase(std::unique(placeholders.begin(), placeholders.end()), placeholders.end());
  for (const auto& p : placeholders)
    a.notes.push_back(fmt::format("a matching statement's resource holds {}: taken as any value", p));
  if (q.service == "kms" && a.decision != D::kDenied) {
    a.notes.push_back(a.decision == D::kNotAllowed
                          ? "KMS: a key policy that names this role could still allow it (key policies are not "
                            "evaluated offline); with the default key policy this answer stands"
                          : "KMS: the key's own key policy must also allow it, and AWS evaluates it first; the "
                            "default key policy lets the account's IAM policies grant access, so with it this answer stands");
  }
  *answer = std::move(a);
  return Status::Ok();
}

Status CheckCanRequest(const CanRequest& request) {
  analyze::Question q;
  return analyze::MakeQuestion(request, &q);
}

Status Can(const Role& role, const CanRequest& request, CanAnswer* answer) {
  return CanEvaluator(role).Ask(request, answer);
}

}  // namespace jetsam
