// jetsam lint: the policy grammar (jetsam/grammar.h) as errors, at the statement's file:line. The
// same check makes compile's warnings; lint reports them itself, with the role, and drops
// compile's copies (IsGrammarRule).
#include <fmt/format.h>

#include "analyze/lint_rules.h"
#include "jetsam/grammar.h"

namespace jetsam::lint {

bool IsGrammarRule(std::string_view rule) {
  for (const char* r : {"invalid-effect", "missing-element", "principal-in-identity-policy", "invalid-sid",
                        "unknown-element", "condition-operator", "condition-key", "condition-value", "policy-variable",
                        "wildcard-without-like", "private-ip-condition", "deny-tag-key-unsupported",
                        "missing-paired-condition-key", "empty-condition", "allow-tag-key-unsupported",
                        "missing-version"})
    if (rule == r) return true;
  return false;
}

void PolicyGrammar(LintContext& ctx, const Role& role) {
  for (const auto& p : role.policies) {
    for (const GrammarProblem& g : CheckPolicyDocument(PolicyDocument(p))) {
      const Statement* st = StatementOf(p, g);
      Finding f;
      f.rule = g.rule;
      f.severity = g.error ? Severity::kError : Severity::kWarning;
      f.where = st ? st->origin : ctx.SettingWhere(p.setting);
      f.setting = st ? SettingOf(*st, p) : p.setting;
      f.role = role.logical_id;
      f.message = g.statement > 0
                      ? fmt::format("{} (statement {} of {} in {}, {})", g.message, g.statement, p.name, role.logical_id, f.setting)
                      : fmt::format("{} ({} of {}, {})", g.message, p.name, role.logical_id, f.setting);
      f.hint = g.hint;
      ctx.Add(std::move(f));
    }
  }
}

}  // namespace jetsam::lint
