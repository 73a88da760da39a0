// jetsam lint: redundant-statement and redundant-resource.
#include <fmt/format.h>

#include "analyze/lint_rules.h"
#include "analyze/policy_match.h"

namespace jetsam::lint {
namespace {

std::string Where(const Location& l) { return l.empty() ? "Jets' default" : l.str(); }

// PatternCovers, for patterns of ARN length: a longer one names nothing (malformed-arn and
// unknown-action say so), and comparing two takes the product of their lengths.
bool Covers(std::string_view outer, std::string_view inner, bool ci, std::size_t* steps = nullptr) {
  if (outer.size() > analyze::kMaxArnLength || inner.size() > analyze::kMaxArnLength) return false;
  return analyze::PatternCovers(outer, inner, ci, steps);
}

// An unconditioned Allow of listed actions on listed resources. An empty list grants nothing (IAM
// refuses it: missing-element), and would otherwise count as covered by anything.
bool Plain(const Json& st) {
  auto listed = [&](const char* element) {
    auto it = st.find(element);
    return it != st.end() && !(it->is_array() && it->empty());
  };
  return analyze::Effect(st) == "Allow" && !analyze::HasCondition(st) && listed("Action") && listed("Resource") &&
         !st.contains("NotResource");
}
bool ResourcesCovered(const Json& outer, const Json& inner, std::size_t* steps = nullptr) {
  for (const auto& r : analyze::Strings(inner.at("Resource"))) {
    bool covered = false;
    for (const auto& o : analyze::Strings(outer.at("Resource"))) {
      if (steps) *steps += o.size() + r.size();
      covered = covered ||
                Covers(analyze::WildcardPlaceholders(o), analyze::WildcardPlaceholders(r), false, steps);
    }
    if (!covered) return false;
  }
  return true;
}
bool SameCi(const std::string& a, const std::string& b) {
  return a.size() == b.size() && Covers(a, b, true) && Covers(b, a, true);
}

}  // namespace

bool GrantedByDefaults(const Role& role, const Statement& st) {
  if (!Plain(st.json)) return false;
  for (const auto& a : analyze::Strings(st.json.at("Action"))) {
    bool covered = false;
    for (const auto& p : role.policies) {
      for (const auto& o : p.statements) {
        if (!o.origin.empty() || !Plain(o.json) || !ResourcesCovered(o.json, st.json)) continue;
        for (const auto& b : analyze::Strings(o.json.at("Action"))) covered = covered || Covers(b, a, true);
      }
    }
    if (!covered) return false;
  }
  return true;
}

// A user-set action another Allow of the same role already grants.
void RedundantStatements(LintContext& ctx, const Role& role) {
  struct Ref {
    const Policy* policy;
    const Statement* st;
    std::size_t order;
  };
  std::vector<Ref> all;
  for (const auto& p : role.policies)
    for (const auto& s : p.statements) all.push_back({&p, &s, all.size()});
  std::size_t steps = 0;
  // Past the budget: one finding that says where comparing stopped, and no more comparing.
  auto over_budget = [&](const Ref& r, const Location& where) {
    if (steps < ctx.redundant_steps_left) return false;
    ctx.redundant_steps_left = 0;
    Finding f = StatementFinding("redundant-statement", Severity::kInfo, role, *r.policy, *r.st);
    f.where = where;
    f.message = fmt::format("redundant grants in {} were looked for up to statement {} of its {}: the config's "
                            "statements are too many, or their patterns too long, to compare each with each",
                            role.logical_id, r.order + 1, all.size());
    f.hint = "a role this size is past IAM's inline policy limit; split or shorten its policies";
    ctx.Add(std::move(f));
    return true;
  };
  for (const auto& r : all) {
    const Json& st = r.st->json;
    if (!Plain(st)) continue;
    std::vector<std::string> actions = analyze::Strings(st.at("Action"));
    for (std::size_t i = 0; i < actions.size(); ++i) {
      const Location& where = ActionOrigin(*r.st, i);
      if (where.empty()) continue;  // Jets' own overlaps are not the user's
      if (over_budget(r, where)) return;
      const std::string& a = actions[i];
      if (a != "*" && !ctx.AnyAction(a)) continue;  // unknown-action's business
      for (const auto& o : all) {
        const Json& ot = o.st->json;
        ++steps;
        if (!Plain(ot)) continue;
        std::vector<std::string> others = analyze::Strings(ot.at("Action"));
        std::string by;
        for (std::size_t k = 0; k < others.size() && by.empty(); ++k) {
          if (o.st == r.st && k == i) continue;
          if (!Covers(others[k], a, true, &steps)) continue;
          const bool equal = SameCi(others[k], a);
          // Of two equal grants, the later one is the redundant one.
          if (equal && !o.st->origin.empty() && (o.st == r.st ? k > i : o.order > r.order) &&
              ResourcesCovered(st, ot, &steps))
            continue;
          if (!ResourcesCovered(ot, st, &steps)) continue;
          by = others[k];
        }
        if (by.empty()) continue;
        // Re-granting what Jets grants by default may be deliberate (defaults change, and an
        // override of default_policy drops them): information. Repeating oneself: a warning.
        Finding f = StatementFinding("redundant-statement", o.st->origin.empty() ? Severity::kInfo : Severity::kWarning,
                                     role, *r.policy, *r.st);
        f.where = where;  // the action's own origin
        const std::string res = Join(analyze::Strings(st.at("Resource")));
        f.message = fmt::format("{} on {} is already granted by {} in {} of {} ({}, {})", a, res, by,
                                o.policy->name, role.logical_id, Where(o.st->origin),
                                SettingOf(*o.st, *o.policy));
        f.hint = o.st->origin.empty()
                     ? fmt::format("Jets grants it by default: drop it from {}", f.setting)
                     : fmt::format("drop one of the two; keep {}", by);
        ctx.Add(std::move(f));
        break;
      }
    }
  }
  ctx.redundant_steps_left -= std::min(steps, ctx.redundant_steps_left);
}

// A Resource of a user statement that another Resource of the same statement already covers
// (Access Analyzer's redundant resource): "arn:aws:s3:::b/x" beside "arn:aws:s3:::b/*".
void RedundantResources(LintContext& ctx, const Role& role) {
  std::size_t steps = 0;
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      if (s.origin.empty()) continue;  // Jets' own lists are not the user's
      auto it = s.json.find("Resource");
      if (it == s.json.end() || !it->is_array() || it->size() < 2) continue;
      const std::vector<std::string> resources = analyze::Strings(*it);
      for (std::size_t i = 0; i < resources.size(); ++i) {
        const std::string inner = analyze::WildcardPlaceholders(resources[i]);
        std::string by;
        for (std::size_t k = 0; k < resources.size() && by.empty(); ++k) {
          if (k == i || steps >= ctx.redundant_steps_left) continue;
          const std::string outer = analyze::WildcardPlaceholders(resources[k]);
          steps += outer.size() + inner.size();
          if (!Covers(outer, inner, false, &steps)) continue;
          // Of two equal entries, the later one is the redundant one.
          if (resources[k] == resources[i] && k > i) continue;
          by = resources[k];
        }
        if (by.empty()) continue;
        Finding f = StatementFinding("redundant-resource", Severity::kWarning, role, p, s);
        f.message = by == resources[i]
                        ? fmt::format("Resource {} is listed twice in the same statement ({} of {}, {})", by, p.name,
                                      role.logical_id, f.setting)
                        : fmt::format("Resource {} is already covered by {} in the same statement ({} of {}, {})",
                                      resources[i], by, p.name, role.logical_id, f.setting);
        f.hint = fmt::format("drop {}", resources[i]);
        ctx.Add(std::move(f));
      }
    }
  }
  ctx.redundant_steps_left -= std::min(steps, ctx.redundant_steps_left);
}

}  // namespace jetsam::lint
