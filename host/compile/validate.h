// The checks every compile ends with (jetsam/compile.h has CheckConfigText, run first).
#pragma once
#include <vector>

#include "jetsam/policy.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam::compile {

// kConfig, naming the setting, the value and its file:line, when a statement field has a type
// CloudFormation refuses (Effect: ["Allow"], Action: [["s3:GetObject"]], Condition: "x", ...), a
// whole policy's PolicyName is no String, or any string of the roles is not UTF-8 (an argument
// such as --prefix or --env can bring one in).
Status ValidateRoles(const std::vector<Role>& roles);

// A warning for each problem of policy grammar (jetsam/grammar.h) in the roles' inline policies, at
// the statement's file:line: compile still prints what Jets would deploy, IAM would refuse it.
// A problem of a policy without statements is placed at its setting's last change.
void AddGrammarNotices(const EvalResult& eval, const std::vector<Role>& roles, std::vector<Notice>* notices);

// Where `path` ("lambda.iam.policy") was last set, in any of the config objects; empty when
// the config never set it.
Location SettingWhere(const EvalResult& eval, const std::string& path);

}  // namespace jetsam::compile
