// jetsam lint: names that name nothing (unknown-service, unknown-action, unknown-managed-policy).
#include <fmt/format.h>

#include "analyze/lint_rules.h"
#include "analyze/policy_match.h"

namespace jetsam::lint {
namespace {

void CheckAction(LintContext& ctx, const std::string& a, const Location& where, const std::string& setting,
                 const Role& role, const std::string& policy) {
  if (a == "*") return;
  const std::string key = fmt::format("{}|{}|{}", a, where.str(), setting);
  if (!ctx.checked_actions.insert(key).second) return;
  Finding f;
  f.where = where;
  f.setting = setting;
  f.role = role.logical_id;
  const std::string in = fmt::format("{} of {}, {}", policy, role.logical_id, setting);
  const auto colon = a.find(':');
  if (colon == std::string::npos || colon == 0) {
    f.rule = "unknown-action";
    f.severity = Severity::kError;
    f.message = fmt::format("\"{}\" is not an action (service:Action) ({})", a, in);
    f.hint = "write service:Action, e.g. \"s3:GetObject\", or service:* for a whole service";
    return ctx.Add(std::move(f));
  }
  const std::string prefix = a.substr(0, colon), name = a.substr(colon + 1);
  if (prefix.find_first_of("*?") != std::string::npos && prefix != "*" && ctx.AnyAction(a)) {
    // A wildcard in the service name: every service whose prefix fits, those AWS adds later
    // included (Access Analyzer's wildcard in service name).
    std::vector<std::string> services;
    for (const auto& known : ctx.cat.ServicePrefixes())
      if (iam::IamWildcardMatch(prefix, known, true)) services.push_back(known);
    Finding w = f;
    w.rule = "service-wildcard";
    w.severity = Severity::kWarning;
    w.message = fmt::format("{}: the service name {} has a wildcard, so it grants in every service whose prefix fits{}, "
                            "and in those AWS adds later ({})",
                            a, prefix,
                            services.empty() ? std::string() : fmt::format(" ({})", Some(services)), in);
    w.hint = "name each service the role needs: one service:Action pattern per service";
    ctx.Add(std::move(w));
  }
  if (prefix.find_first_of("*?") == std::string::npos && !ctx.cat.HasService(prefix)) {
    auto s = ctx.suggestions_left > 0 ? (--ctx.suggestions_left, ctx.cat.SuggestService(prefix, 3))
                                      : std::vector<std::string>{};
    f.rule = "unknown-service";
    f.severity = Severity::kError;
    f.message = fmt::format("{}: no AWS service has the prefix \"{}\", so it grants nothing ({})", a, prefix, in);
    f.hint = s.empty() ? "check the prefix in the AWS service authorization reference"
                       : fmt::format("did you mean {}:{}?", s[0], name);
    return ctx.Add(std::move(f));
  }
  if (ctx.AnyAction(a)) return;
  auto s = ctx.suggestions_left > 0 ? (--ctx.suggestions_left, ctx.cat.SuggestAction(a, 3))
                                    : std::vector<std::string>{};
  f.rule = "unknown-action";
  f.severity = Severity::kError;
  f.message = fmt::format("{} matches no action of {}, so it grants nothing ({})", a, prefix, in);
  f.hint = s.empty() ? fmt::format("`jetsam expand {}:*` lists the actions of {}", prefix, prefix)
                     : fmt::format("did you mean {}?", Join(s));
  ctx.Add(std::move(f));
}

}  // namespace

// unknown-service, unknown-action
void UnknownActions(LintContext& ctx, const Role& role) {
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      for (const char* key : {"Action", "NotAction"}) {
        auto it = s.json.find(key);
        if (it == s.json.end()) continue;
        std::vector<std::string> actions = analyze::Strings(*it);
        for (std::size_t i = 0; i < actions.size(); ++i) {
          const Location& where = i < s.action_origins.size() && !s.action_origins[i].empty()
                                      ? s.action_origins[i] : s.origin;
          CheckAction(ctx, actions[i], where, SettingOf(s, p), role, p.name);
        }
      }
    }
  }
}

// unknown-managed-policy
void UnknownManagedPolicies(LintContext& ctx, const Role& role) {
  for (const auto& m : role.managed) {
    const auto at = m.arn.find(":iam::aws:policy/");
    if (m.arn.rfind("arn:", 0) != 0 || at == std::string::npos) continue;  // customer managed: unknowable
    if (ctx.cat.FindManagedPolicy(m.arn)) continue;
    const std::string written = m.arn.substr(at + std::string_view(":iam::aws:policy/").size());
    Finding f;
    f.rule = "unknown-managed-policy";
    f.severity = Severity::kError;
    f.where = m.origin;
    f.setting = m.setting;
    f.role = role.logical_id;
    f.message = fmt::format("\"{}\" is no AWS managed policy: {} cannot be attached to {}", written, m.arn,
                            role.logical_id);
    const std::string name = written.substr(written.rfind('/') == std::string::npos ? 0 : written.rfind('/') + 1);
    if (auto other = ctx.cat.FindManagedPolicyByName(name)) {
      f.hint = fmt::format("{} lives at path {}: write \"{}\"", name, other->path, other->QualifiedName());
    } else {
      auto s = ctx.cat.SuggestManagedPolicy(m.arn, 3);
      f.hint = s.empty() ? "check the name in the IAM console's list of AWS managed policies"
                         : fmt::format("did you mean {}?", Join(s));
    }
    ctx.Add(std::move(f));
  }
}

}  // namespace jetsam::lint
