// The grammar of an IAM identity policy, as IAM, CloudFormation and IAM Access Analyzer's policy
// checks judge it: what `compile` warns about, what `lint` reports as errors, and what makes `can`
// refuse to answer for a role (a role whose policy IAM refuses cannot be deployed).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "jetsam/policy.h"

namespace jetsam {

// One problem of a policy document. `rule` is a lint rule id:
//   invalid-effect        Effect missing, or neither Allow nor Deny
//   missing-element       no Action/NotAction or no Resource/NotResource, both of a pair, an empty list, no Statement
//   principal-in-identity-policy  Principal or NotPrincipal in a role's own policy
//   invalid-sid           a Sid with other characters than letters and digits, or used twice in one document
//   unknown-element       a key IAM does not know, in a statement or the document; an unknown Version
//   condition-operator    an unknown operator, Null...IfExists, a multivalued key without ForAllValues/ForAnyValue
//   condition-key         a key neither global nor defined for the services of the statement's actions
//   condition-value       a value of the wrong type for its operator or key (Bool, Date, IP, ARN, numeric)
//   policy-variable       ${...} malformed, unknown, in an element that takes none, or never set for a role session
struct GrammarProblem {
  std::string rule;
  bool error = true;           // false: legal, but suspect (lint warns instead of refusing)
  std::size_t statement = 0;   // 1-based position in the document's Statement; 0 for the document
  std::string message;         // "Effect \"Alow\" is neither Allow nor Deny"
  std::string hint;
};

// The problems of the identity policy `document` ({Version, Statement}) of a role that an AWS
// service assumes (a Jets role), in document order. Structure costs nothing; the IAM catalog is
// loaded only for a document with a Condition or a policy variable.
std::vector<GrammarProblem> CheckPolicyDocument(const Json& document);

// The statement of `policy` a problem is about: its own, or the policy's first for a problem of
// the whole document; null for a policy without statements.
const Statement* StatementOf(const Policy& policy, const GrammarProblem& problem);

// For each inline policy of `role`, its problems: what `can` checks before it answers (any
// problem with error == true means IAM or CloudFormation refuses the role).
struct PolicyGrammarProblem {
  std::string policy;          // PolicyName
  GrammarProblem problem;
};
std::vector<PolicyGrammarProblem> CheckRoleGrammar(const Role& role);

// Whether any of them is an error.
bool Undeployable(const std::vector<PolicyGrammarProblem>& problems);

}  // namespace jetsam
