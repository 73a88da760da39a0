// Roles -> text. Every emitter is deterministic: the same roles give the same bytes.
#pragma once
#include <string>

#include "jetsam/compile.h"

namespace jetsam {

// One JSON object of CloudFormation resources keyed by logical id, as Jets' templates hold them.
Json CfnResources(const Compiled& compiled);
std::string EmitCfn(const Compiled& compiled);   // CfnResources, 2-space indented JSON
std::string EmitYaml(const Compiled& compiled);  // the same resources in YAML
// A report for programs: project, env, roles with origins, notices.
std::string EmitReport(const Compiled& compiled);

// YAML text of any JSON value, keys in order (used by other commands' yaml formats).
std::string ToYaml(const Json& value);

// --- the deploy user's group (host/emit/deploy_user.cc, aws_cli.cc)

// The policy document of one policy: {Version, Statement}.
Json PolicyDocument(const Policy& policy);
// An AWS::IAM::Group with the deploy user's policy inline and its managed extras.
Json DeployGroupResource(const Role& deploy_user, const std::string& group_name);

struct AwsCliOptions {
  std::string group = "Jets";
  std::string user;        // empty: no user is created
  std::string header;      // a comment line saying what the script is for
};
// A bash script (set -euo pipefail, quoted heredoc) that creates the group if missing, puts the
// policy, attaches the managed extras and, with a user, creates it if missing and adds it.
std::string EmitAwsCli(const Role& deploy_user, const AwsCliOptions& options);
// IAM's rule for group and user names: 1-128 of [A-Za-z0-9+=,.@_-].
bool IsIamName(const std::string& name);

// --- jetsam explain (host/emit/explain_text.cc)

// Per role, policy and statement: each action and resource with its origin, switches, notes
// where Jets differs from its docs, and a summary per role.
Json Explain(const Compiled& compiled, const Settings& settings);
std::string ExplainText(const Json& explained, bool color);

// --- jetsam diff (host/emit/diff_text.cc); the model is built by DiffRoles (compile.h)
std::string DiffText(const Json& diff, bool color);

}  // namespace jetsam
