// Analysis of compiled roles against the IAM data (jetsam/iamdata.h): lint rules, an offline
// policy evaluator (`can`), and the expansion of action patterns. Everything here loads the IAM
// catalog on first use; nothing in compile/emit does.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "jetsam/compile.h"
#include "jetsam/iamdata.h"
#include "jetsam/policy.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam {

// ---------------------------------------------------------------------------------------------
// lint

enum class Severity { kInfo, kWarning, kError };
const char* SeverityName(Severity s);  // "info", "warning", "error"

struct LintRule {
  const char* id;           // "unknown-service"
  Severity severity;        // the default; a finding may be milder (e.g. on a Jets default)
  const char* summary;      // one line
  const char* help;         // what it checks and why, a few sentences
};
// Every rule, in a stable order (SARIF's rule index is the position here).
const std::vector<LintRule>& LintRules();

struct Finding {
  std::string rule;      // a LintRule id
  Severity severity = Severity::kWarning;
  std::string message;
  Location where;        // the setting at fault; empty for Jets' defaults
  std::string setting;   // "lambda.iam.policy"; may be empty
  std::string role;      // "IamRole"; empty when it concerns no single role
  std::string hint;      // how to fix it
};

// The findings for one evaluated and compiled checkout, sorted (file, line, rule, message; the
// findings without a location last). `eval` gives the settings, `compiled` the roles (compile it
// with every role). Notices of evaluation and compile become findings with their code as rule.
std::vector<Finding> Lint(const EvalResult& eval, const Compiled& compiled);

struct LintSummary {
  std::size_t errors = 0, warnings = 0, infos = 0;
};
LintSummary Summarize(const std::vector<Finding>& findings);

// ---------------------------------------------------------------------------------------------
// can: may a role do ACTION on RESOURCE?

struct CanRequest {
  std::string action;    // one action, "s3:PutObject" (no wildcard)
  std::string resource;  // an ARN (wildcards allowed: "covers all of"), or empty: "on some resource"
};

// One statement that took part in the answer.
struct StatementRef {
  std::string policy;          // "DefaultPolicy", or the managed policy's qualified name
  std::string managed_arn;     // set for a statement of an AWS managed policy
  std::size_t index = 0;       // 1-based position in the policy
  std::string setting;         // "lambda.iam.policy"; for managed: the managed_policy setting
  Location origin;             // empty for a Jets default
  Json statement;              // as deployed
  std::string effect;          // "Allow" or "Deny"
  Json condition;              // null when unconditional
  std::vector<std::string> resources;  // the resource patterns that matched (for the message)
};

struct CanAnswer {
  enum class Decision { kAllowed, kConditional, kDenied, kNotAllowed };
  Decision decision = Decision::kNotAllowed;
  std::string role;            // logical id
  std::string action;          // canonical case
  std::string access_level;    // "Write"
  std::string resource;        // as asked; "*" when not given
  std::string resource_type;   // the matched resource type ("object"), empty for "*"
  std::vector<StatementRef> deciding;     // the Deny (denied), or the Allows (allowed)
  std::vector<StatementRef> conditional;  // Allows / Denies that hold only under a Condition
  // When not allowed: the Allows that name the action but not this resource.
  std::vector<StatementRef> near;
  std::vector<std::string> notes;         // placeholders assumed, policies not evaluated, ...
};
const char* DecisionName(CanAnswer::Decision d);  // "allowed", "allowed-if", "denied", "not-allowed"

// Evaluates `role` (inline policies, then its AWS managed policies from the catalog) for the
// request. kUsage on an unknown action (with a did-you-mean), an ARN form the reference does not
// know, or a resource the action cannot act on.
Status Can(const Role& role, const CanRequest& request, CanAnswer* answer);

// The role `name` names: codebuild|lambda|ci or a logical id (CodebuildRole, IamRole, CiRole).
const Role* FindRole(const Compiled& compiled, const std::string& name);

// ---------------------------------------------------------------------------------------------
// expand

struct Expansion {
  std::string pattern;
  std::vector<iam::ActionInfo> actions;  // sorted by service, then name
};
// kUsage when the pattern is malformed or matches nothing (with a did-you-mean).
Status ExpandPattern(const std::string& pattern, Expansion* out);

// How many distinct actions a role's Allow statements grant (inline and AWS managed), by access
// level, in iam::AccessLevel order: List, Read, Write, Permissions management, Tagging.
// Resources and Conditions are not considered.
using AccessCounts = std::array<std::size_t, 5>;
AccessCounts AccessLevelCounts(const Role& role);

}  // namespace jetsam
