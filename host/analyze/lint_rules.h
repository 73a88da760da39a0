// jetsam lint's rules, one group per lint_*.cc; lint.cc runs them in a fixed order (the order
// findings come out in before sorting, which the sort keeps for ties).
#pragma once
#include <set>
#include <string>
#include <vector>

#include "jetsam/analyze.h"

namespace jetsam::lint {

// What the rules share over one run: the inputs, the findings so far, and what is worth computing once.
struct LintContext {
  LintContext(const EvalResult& eval, const Compiled& compiled);

  // A finding on a Jets default (no file:line) is information: the defaults are not the user's to fix.
  void Add(Finding f);
  // The roles as deployed, and their JSON text; built on first use.
  const Json& Cfn();
  const std::string& CfnText();

  const EvalResult& eval;
  const Compiled& compiled;
  const iam::Catalog& cat;
  std::vector<Finding> findings;
  // Across roles: an action or ARN written once but compiled into several roles is reported once.
  std::set<std::string> checked_actions, checked_arns;
  // Did-you-mean searches left: each compares a name with every action of a service, and a
  // config can list unknown actions by the hundred thousand. Past the budget, findings keep
  // their generic hint, so lint's work stays linear in the config's size.
  std::size_t suggestions_left = 200;
  // Roles whose Jets defaults escalate, reported together by DefaultsEscalation.
  std::vector<std::string> default_escalation;

 private:
  Json cfn_;
  std::string cfn_text_;
  bool cfn_ready_ = false;
};

std::string Join(const std::vector<std::string>& v, const char* sep = ", ");

// lint_notices.cc
void CarriedOverNotices(LintContext& ctx);
void VpcPolicyWithoutVpc(LintContext& ctx);
// lint_typos.cc
void UnknownActions(LintContext& ctx, const Role& role);
void UnknownArnForms(LintContext& ctx, const Role& role);
void UnknownManagedPolicies(LintContext& ctx, const Role& role);
// lint_limits.cc
void IamLimits(LintContext& ctx, const Role& role);
// lint_redundant.cc
void RedundantStatements(LintContext& ctx, const Role& role);
// lint_jets_crashes.cc (after CarriedOverNotices)
void JetsCrashes(LintContext& ctx);
// lint_escalation.cc
void PrivilegeEscalation(LintContext& ctx, const Role& role);
void DefaultsEscalation(LintContext& ctx);

}  // namespace jetsam::lint
