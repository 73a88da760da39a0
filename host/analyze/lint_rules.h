// jetsam lint's rules, one group per lint_*.cc; lint.cc runs them in a fixed order (the order
// findings come out in before sorting, which the sort keeps for ties).
#pragma once
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/arn_fit.h"
#include "jetsam/analyze.h"

namespace jetsam::lint {

// What the rules share over one run: the inputs, the findings so far, and what is worth computing once.
struct LintContext {
  LintContext(const EvalResult& eval, const Compiled& compiled);

  // A finding on a Jets default (no file:line) is information: the defaults are not the user's to fix.
  void Add(Finding f);
  // The roles as deployed, and their JSON text; built on first use.
  // Where a setting was last changed in the config (empty: never).
  Location SettingWhere(const std::string& path) const;
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
  // Pattern steps redundant-statement may take: it compares each statement with each, and a
  // config can make a role of thousands, or of patterns thousands of wildcards long (a role
  // that size is far past IAM's inline policy limit, which lint reports). Past it, it says so.
  std::size_t redundant_steps_left = 50'000'000;
  // Roles whose Jets defaults escalate, reported together by DefaultsEscalation.
  std::vector<std::string> default_escalation;
  // Which resource types a Resource can name (ARN rules, escalation, risk).
  analyze::ResourceTypeFit fit;
  // Resources that are "*" or a well-formed ARN of a known form: what the resource-type rules
  // may judge (the others are malformed-arn's and unknown-arn-form's business).
  std::map<std::string, bool, std::less<>> usable_resources;
  bool UsableResource(const std::string& raw);
  // The actions of a role's statement: its Action patterns expanded (cached by pattern).
  const std::vector<iam::ActionInfo>& Actions(const std::string& pattern);
  // Whether the pattern matches some action (cached; builds no names).
  bool AnyAction(const std::string& pattern);
  std::map<std::string, bool, std::less<>> any_action;
  std::map<std::string, std::vector<iam::ActionInfo>, std::less<>> expanded;
  // Risk rules' findings on Jets' defaults, by rule, reported once each by DefaultsRisk.
  std::map<std::string, std::vector<std::string>> default_risk;
  // The roles and settings of those findings, by rule: their one finding names them all.
  struct DefaultWhere {
    std::vector<std::string> roles, settings;
    void Add(const std::string& role, const std::string& setting) {
      if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
      if (std::find(settings.begin(), settings.end(), setting) == settings.end()) settings.push_back(setting);
    }
  };
  std::map<std::string, DefaultWhere> default_where;

 private:
  Json cfn_;
  std::string cfn_text_;
  bool cfn_ready_ = false;
};

std::string Join(const std::vector<std::string>& v, const char* sep = ", ");

// The setting a statement comes from: its own, or its policy's.
inline const std::string& SettingOf(const Statement& s, const Policy& p) { return s.setting.empty() ? p.setting : s.setting; }
// Where an action of a statement was written: its own origin (a list of strings), or the statement's.
const Location& ActionOrigin(const Statement& s, std::size_t i);
// A finding of `rule` on statement `s` of policy `p` in `role`: where the statement was written, its
// setting, the role; the caller adds the message and hint.
Finding StatementFinding(std::string rule, Severity severity, const Role& role, const Policy& p, const Statement& s);

// lint_notices.cc
void CarriedOverNotices(LintContext& ctx);
void VpcPolicyWithoutVpc(LintContext& ctx);
// lint_typos.cc
void UnknownActions(LintContext& ctx, const Role& role);
void UnknownManagedPolicies(LintContext& ctx, const Role& role);
// lint_arns.cc
void ArnForms(LintContext& ctx, const Role& role);
void ResourceTypeMismatch(LintContext& ctx, const Role& role);
// lint_grammar.cc
void PolicyGrammar(LintContext& ctx, const Role& role);
bool IsGrammarRule(std::string_view rule);
// lint_risk.cc
// A Resource with its placeholders and policy variables taken as one name each (each stands for
// one value, not for "anything"): what broadness is judged on.
std::string Concrete(std::string_view s);
// The statement's Resources that reach every resource of a type `action` acts on (a NotResource
// counts as reaching them).
std::vector<std::string> BroadResources(LintContext& ctx, const Json& st, const iam::ActionInfo& action);
// Whether the statement lets `action` in on some resource it acts on: "Action": "*" on an S3
// object ARN grants no lambda:CreateFunction.
bool Grants(LintContext& ctx, const Json& st, const iam::ActionInfo& action);
// The statement's Resources of `action`'s types named by a wildcard other than * alone
// (arn:aws:iam::111122223333:role/app-*): some resources, and any named so later.
std::vector<std::string> WildcardResources(LintContext& ctx, const Json& st, const iam::ActionInfo& action);
// Up to `max` names, then "and N more".
std::string Some(const std::vector<std::string>& names, std::size_t max = 4);
void DataExfiltration(LintContext& ctx, const Role& role);
void CredentialsExposure(LintContext& ctx, const Role& role);
void WildcardOveruse(LintContext& ctx, const Role& role);
void WeakMfaCondition(LintContext& ctx, const Role& role);
void ServiceLinkedRoleWildcard(LintContext& ctx, const Role& role);
void DefaultsRisk(LintContext& ctx);
// lint_limits.cc
void IamLimits(LintContext& ctx, const Role& role);
// lint_redundant.cc
void RedundantStatements(LintContext& ctx, const Role& role);
void RedundantResources(LintContext& ctx, const Role& role);
// Whether Jets' own defaults in the role already grant all a user statement does (then a risk it
// carries is the defaults', and information).
bool GrantedByDefaults(const Role& role, const Statement& st);
// lint_jets_crashes.cc (after CarriedOverNotices)
void JetsCrashes(LintContext& ctx);
// lint_escalation.cc
void PrivilegeEscalation(LintContext& ctx, const Role& role);
void DefaultsEscalation(LintContext& ctx);
// Whether privilege-escalation reports `action` on its own when granted on every resource.
bool EscalatesAlone(std::string_view action);

}  // namespace jetsam::lint
