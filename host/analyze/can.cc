// jetsam can: IAM's evaluation of one role's identity policies, offline. An explicit Deny wins;
// otherwise an Allow allows; a statement with a Condition is never guessed: it makes the answer
// "allowed if" (or "allowed unless" for a Deny) with the condition shown.
#include <fmt/format.h>

#include <algorithm>

#include "analyze/policy_match.h"
#include "jetsam/analyze.h"

namespace jetsam {
namespace {

using analyze::Effect;
using analyze::HasCondition;

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

struct Candidate {
  StatementRef ref;
  bool action_ok = false, resource_ok = false;
};

// Whether a Resource pattern can name a resource the action acts on: "*" always; an ARN pattern
// when it fits one of the action's ARN formats (an action with none takes only "*").
bool Compatible(const std::string& raw, const std::vector<std::string>& formats) {
  const std::string p = analyze::WildcardPlaceholders(raw);
  if (p == "*" || raw.rfind("NotResource ", 0) == 0) return true;
  for (const auto& f : formats)
    if (iam::ArnMatchesFormat(p, f)) return true;
  return false;
}

void Consider(const Json& st, StatementRef ref, const CanAnswer& a, const std::string& resource,
              const std::vector<std::string>& formats, std::vector<Candidate>* out,
              std::vector<std::string>* placeholders) {
  if (!analyze::StatementHasAction(st, a.action)) return;
  Candidate c;
  c.action_ok = true;
  ref.statement = st;
  ref.effect = Effect(st);
  if (HasCondition(st)) ref.condition = st.at("Condition");
  std::vector<std::string> found;
  if (ref.effect == "Deny" && resource.empty()) {
    // "on some resource": a Deny takes all away only when it covers every resource.
    c.resource_ok = analyze::StatementHasResource(st, "*", &ref.resources, &found);
  } else {
    c.resource_ok = analyze::StatementHasResource(st, resource, &ref.resources, &found);
    if (c.resource_ok && resource.empty()) {
      // "on some resource": only the patterns that can name a resource of this action count.
      std::vector<std::string> fit;
      for (const auto& r : ref.resources)
        if (Compatible(r, formats)) fit.push_back(r);
      c.resource_ok = !fit.empty();
      ref.resources = std::move(fit);
    }
  }
  if (c.resource_ok) placeholders->insert(placeholders->end(), found.begin(), found.end());
  if (!c.resource_ok) ref.resources = analyze::Strings(st.contains("Resource") ? st.at("Resource") : Json());
  c.ref = std::move(ref);
  out->push_back(std::move(c));
}

std::string Join(const std::vector<std::string>& v) { return fmt::format("{}", fmt::join(v, ", ")); }

}  // namespace

const char* DecisionName(CanAnswer::Decision d) {
  switch (d) {
    case CanAnswer::Decision::kAllowed: return "allowed";
    case CanAnswer::Decision::kConditional: return "allowed-if";
    case CanAnswer::Decision::kDenied: return "denied";
    case CanAnswer::Decision::kNotAllowed: return "not-allowed";
  }
  return "not-allowed";
}

const Role* FindRole(const Compiled& compiled, const std::string& name) {
  for (const auto& r : compiled.roles)
    if (name == RoleKindName(r.kind) || name == r.logical_id) return &r;
  return nullptr;
}

Status Can(const Role& role, const CanRequest& request, CanAnswer* answer) {
  const iam::Catalog& cat = iam::Catalog::Get();
  CanAnswer a;
  a.role = role.logical_id;

  // --- the action: one real action
  const std::string& action = request.action;
  if (HasWildcard(action)) {
    return Status::Usage(fmt::format("{}: ask for one action, not a pattern", action),
                         fmt::format("`jetsam expand {}` lists the actions it stands for", action));
  }
  const auto colon = action.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == action.size()) {
    return Status::Usage(fmt::format("{}: not an action (service:Action, e.g. s3:GetObject)", action));
  }
  const std::string prefix = action.substr(0, colon);
  if (!cat.HasService(prefix)) {
    auto s = cat.SuggestService(prefix, 3);
    return Status::Usage(fmt::format("{}: no AWS service has the prefix \"{}\"", action, prefix),
                         s.empty() ? "see the service prefixes in the AWS service authorization reference"
                                   : fmt::format("did you mean {}:{}?", s[0], action.substr(colon + 1)));
  }
  auto info = cat.FindAction(action);
  if (!info) {
    auto s = cat.SuggestAction(action, 3);
    return Status::Usage(fmt::format("{}: {} has no such action", action, prefix),
                         s.empty() ? fmt::format("`jetsam expand {}:*` lists its actions", prefix)
                                   : fmt::format("did you mean {}?", Join(s)));
  }
  a.action = info->name;
  a.access_level = info->access_level;

  // --- the resource: "*"/none, or an ARN of a form the action acts on
  std::string resource;  // what statements are matched against; empty: "on some resource"
  std::vector<std::string> asked_placeholders;
  if (request.resource.empty() || request.resource == "*") {
    a.resource.assign(1, '*');  // assign(1, c): operator=("*") trips a GCC 12 -Wrestrict false positive
  } else {
    a.resource = request.resource;
    resource = analyze::WildcardPlaceholders(request.resource, &asked_placeholders);
    std::vector<const iam::ActionResource*> formats;
    for (const auto& rt : info->resource_types)
      if (!rt.arn_format.empty()) formats.push_back(&rt);
    auto list_formats = [&] {
      std::vector<std::string> f;
      for (const auto* rt : formats) f.push_back(rt->name + " " + rt->arn_format);
      return f;
    };
    if (resource.rfind("arn:", 0) != 0) {
      return Status::Usage(fmt::format("{}: not an ARN", request.resource),
                           formats.empty() ? fmt::format("{} takes no resource: ask without one", a.action)
                                           : fmt::format("{} acts on: {}", a.action, Join(list_formats())));
    }
    if (cat.MatchResourceTypes(resource).empty()) {
      return Status::Usage(fmt::format("{}: an ARN form the AWS service reference does not know", request.resource),
                           formats.empty() ? fmt::format("{} takes no resource: ask without one", a.action)
                                           : fmt::format("{} acts on: {}", a.action, Join(list_formats())));
    }
    if (formats.empty()) {
      return Status::Usage(fmt::format("{} takes no resource (IAM needs \"Resource\": \"*\" for it)", a.action),
                           "ask without a RESOURCE");
    }
    for (const auto* rt : formats) {
      if (iam::ArnMatchesFormat(resource, rt->arn_format)) {
        a.resource_type = rt->name;
        break;
      }
    }
    if (a.resource_type.empty()) {
      return Status::Usage(fmt::format("{} does not act on {}", a.action, request.resource),
                           fmt::format("{} acts on: {}", a.action, Join(list_formats())));
    }
  }
  for (const auto& p : asked_placeholders)
    a.notes.push_back(fmt::format("the resource holds {}: answered for any value of it", p));
  if (HasWildcard(request.resource) && !request.resource.empty() && request.resource != "*")
    a.notes.push_back("the resource has wildcards: allowed means allowed on every resource it names");
  if (request.resource.empty())
    a.notes.push_back("no resource given: the answer is for some resource; the matching statements name which");

  std::vector<std::string> action_formats;
  for (const auto& rt : info->resource_types)
    if (!rt.arn_format.empty()) action_formats.push_back(rt.arn_format);

  // --- every statement: inline policies in order, then the AWS managed policies
  std::vector<Candidate> cands;
  std::vector<std::string> placeholders;
  for (const auto& p : role.policies) {
    for (std::size_t i = 0; i < p.statements.size(); ++i) {
      const Statement& s = p.statements[i];
      StatementRef ref;
      ref.policy = p.name;
      ref.index = i + 1;
      ref.setting = s.setting.empty() ? p.setting : s.setting;
      ref.origin = s.origin;
      Consider(s.json, std::move(ref), a, resource, action_formats, &cands, &placeholders);
    }
  }
  for (const auto& m : role.managed) {
    std::optional<iam::ManagedPolicyInfo> mp;
    const bool aws_managed = m.arn.find(":iam::aws:policy/") != std::string::npos;
    if (aws_managed) mp = cat.FindManagedPolicy(m.arn);
    if (!mp) {
      a.notes.push_back(aws_managed
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
      Consider(statements[i], std::move(ref), a, resource, action_formats, &cands, &placeholders);
    }
  }
  std::sort(placeholders.begin(), placeholders.end());
  placeholders.erase(std::unique(placeholders.begin(), placeholders.end()), placeholders.end());
  for (const auto& p : placeholders)
    a.notes.push_back(fmt::format("a matching statement's resource holds {}: taken as any value", p));

  std::vector<StatementRef> deny, deny_if, allow, allow_if;
  for (auto& c : cands) {
    if (!c.resource_ok) {
      // Near misses: Allows that name the action (a NotAction names everything else).
      if (c.ref.effect == "Allow" && c.ref.statement.contains("Action")) a.near.push_back(c.ref);
      continue;
    }
    const bool cond = !c.ref.condition.is_null();
    if (c.ref.effect == "Deny") (cond ? deny_if : deny).push_back(c.ref);
    else if (c.ref.effect == "Allow") (cond ? allow_if : allow).push_back(c.ref);
  }
  if (!deny.empty()) {
    a.decision = CanAnswer::Decision::kDenied;
    a.deciding = std::move(deny);
  } else if (!allow.empty()) {
    a.decision = deny_if.empty() ? CanAnswer::Decision::kAllowed : CanAnswer::Decision::kConditional;
    a.deciding = std::move(allow);
    a.conditional = std::move(deny_if);
  } else if (!allow_if.empty()) {
    a.decision = CanAnswer::Decision::kConditional;
    a.conditional = std::move(allow_if);
    for (auto& d : deny_if) a.conditional.push_back(std::move(d));
  } else {
    a.decision = CanAnswer::Decision::kNotAllowed;
  }
  if (a.decision != CanAnswer::Decision::kNotAllowed) a.near.clear();
  *answer = std::move(a);
  return Status::Ok();
}

}  // namespace jetsam
