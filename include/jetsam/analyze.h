// Analysis of compiled roles against the IAM data (jetsam/iamdata.h): lint rules, an offline
// policy evaluator (`can`), and the expansion of action patterns. Everything here loads the IAM
// catalog on first use; nothing in compile/emit does.
#pragma once
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
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

// What a question knows of the request: condition keys with their values (--context KEY=VALUE,
// a batch line's "context") and keys it says are absent (--absent KEY, null in a batch line).
// Keys compare case-insensitively, as IAM's do; a key given several values is multivalued. A
// key the context does not name is unknown, and a Condition on it stays "allowed if".
struct RequestContext {
  struct Entry {
    std::string key;
    std::vector<std::string> values;  // empty: the key is absent from the request
  };
  std::vector<Entry> entries;

  void Add(const std::string& key, const std::string& value);  // one more value of the key
  void SetAbsent(const std::string& key);
  const Entry* Find(std::string_view key) const;  // null: unknown
};

struct CanRequest {
  CanRequest() = default;
  // CanRequest{action, resource}: the question without a request context.
  CanRequest(std::string action_, std::string resource_ = {})
      : action(std::move(action_)), resource(std::move(resource_)) {}

  std::string action;    // one action, "s3:PutObject" (no wildcard)
  // An ARN; with wildcards (or "*"): every resource it names that the action acts on; empty:
  // some resource the action acts on.
  std::string resource;
  RequestContext context;
  std::string partition = "aws";  // the partition that "*" and "some resource" stand in
};

// How the caller spells the context's two forms in its messages: "--context " and "--absent "
// on the command line, "context=" and "absent=" in a URL.
struct CanContextNames {
  const char* context = "--context ";
  const char* absent = "--absent ";
};
// KEY=VALUE pairs (a key repeated: several values) and the keys the request does not have, into
// `out`. kUsage, naming the item as `names` spells it, on a pair that is not KEY=VALUE with a
// condition key (service:name) or an absent key that is no condition key.
Status ParseRequestContext(const std::vector<std::string>& pairs, const std::vector<std::string>& absent,
                           const CanContextNames& names, RequestContext* out);

// The partition a region is in ("aws-cn" for cn-*, "aws-us-gov" for us-gov-*, else "aws"): the
// one a compiled role's "*" stands in.
std::string PartitionOfRegion(const std::optional<std::string>& region);

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
  // What the request context leaves open: the part of the Condition it could not decide (null:
  // none), and what the policy variables of the Resource must be ("${aws:username} is \"bob\"").
  Json undecided;
  std::vector<std::string> variables;
  bool partial = false;        // it names only part of the resources asked about
  bool ruled_out = false;      // the request context makes its Condition false
};

struct CanAnswer {
  enum class Decision { kAllowed, kConditional, kDenied, kNotAllowed, kUndeployable };
  // Which rule the answer follows: one ARN; every resource a pattern (or "*") names that the
  // action acts on; some resource the action acts on (no RESOURCE given).
  enum class Scope { kExact, kEvery, kSome };
  Decision decision = Decision::kNotAllowed;
  Scope scope = Scope::kExact;
  std::string role;            // logical id
  std::string action;          // canonical case
  std::string access_level;    // "Write"
  std::string resource;        // as asked; "*" when not given
  std::string resource_type;   // the matched resource type ("object"), empty for "*"
  // For kEvery and kSome: the resources the answer stands for, "object arn:aws:s3:::*/*".
  std::vector<std::string> scope_resources;
  std::vector<StatementRef> deciding;     // the Deny (denied), or the Allows (allowed)
  std::vector<StatementRef> conditional;  // Allows / Denies that hold only under a Condition
  // When not allowed: the Allows that name the action but not (all of) this resource.
  std::vector<StatementRef> near;
  std::vector<std::string> decided_keys;  // context keys that decided a Condition
  std::vector<std::string> refusals;      // kUndeployable: why IAM would refuse the role
  std::vector<std::string> notes;         // placeholders assumed, policies not evaluated, ...
};
// "allowed", "allowed-if", "denied", "not-allowed", "cannot-deploy"
const char* DecisionName(CanAnswer::Decision d);
const char* ScopeName(CanAnswer::Scope s);  // "exact", "every-resource", "some-resource"

// Checks the question alone (no role needed): kUsage on an unknown action (with a
// did-you-mean), an ARN form the reference does not know, or a resource the action cannot act on.
Status CheckCanRequest(const CanRequest& request);

// Why IAM would refuse to deploy the role as compiled (file:line and what), empty when it
// would not: `can` answers no question about such a role.
std::vector<std::string> DeployRefusals(const Role& role);

// A role made ready for many questions: its inline statements and its AWS managed policies'
// statements gathered (and the managed documents inflated and parsed) once.
class CanEvaluator {
 public:
  explicit CanEvaluator(const Role& role);
  ~CanEvaluator();
  CanEvaluator(CanEvaluator&&) noexcept;
  // Evaluates the request as IAM does for an identity policy: an explicit Deny wins, then an
  // Allow; a Condition the context cannot decide makes "allowed if". Errors as CheckCanRequest.
  Status Ask(const CanRequest& request, CanAnswer* answer) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One question: CanEvaluator(role).Ask(request, answer).
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
