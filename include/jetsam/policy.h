// IAM roles as Jets deploys them, each statement carrying where it came from.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jetsam/status.h"

namespace jetsam {

using Json = nlohmann::ordered_json;  // key order matters: output must match Jets byte for byte

struct Statement {
  Json json;                     // as Jets emits it: camelized keys, stringified values
  std::string setting;           // the setting that holds it: "codebuild.iam.default_policy"
  Location origin;               // the item's file:line; empty for a Jets default
  // When built from a list of strings: where each Action came from, parallel to json["Action"].
  std::vector<Location> action_origins;
  // Why the statement is there when settings switch it on (the deploy user's tailored scope):
  // each such setting with where it was set (empty: a Jets default that is on).
  struct Reason {
    std::string setting;
    Location where;
  };
  std::vector<Reason> needed_by;
};

struct Policy {
  std::string name;                  // PolicyName
  std::string setting;               // "lambda.iam.policy"
  std::vector<Statement> statements; // in document order
  // A policy the user wrote whole ({PolicyName:, PolicyDocument:}): emitted exactly as written.
  std::optional<Json> as_written;
  // For a policy a switch adds (VpcPolicy, JobPolicy): the switch and where it was turned on.
  std::string switched_by;           // e.g. "lambda.function.vpc_config", "job.enable"
  Location switch_origin;
};

struct ManagedPolicy {
  std::string arn;
  std::string setting;  // "codebuild.iam.managed_policy"
  Location origin;
};

enum class RoleKind { kCodebuild, kLambda, kCi, kDeployUser };

// "codebuild", "lambda", "ci", "deploy-user"
const char* RoleKindName(RoleKind kind);
std::optional<RoleKind> ParseRoleKind(const std::string& name);
// Parses --role values ("codebuild", "lambda", "ci", "deploy-user", "all": the three roles Jets
// creates; none: the same). The deploy user is compiled only when named, and refused unless
// `allow_deploy_user`.
Status ParseRoles(const std::vector<std::string>& names, std::vector<RoleKind>* roles, bool allow_deploy_user);

struct Role {
  RoleKind kind;
  std::string logical_id;     // CodebuildRole, IamRole, CiRole
  std::string service;        // the principal that assumes it: "codebuild.amazonaws.com"
  std::vector<Policy> policies;
  std::vector<ManagedPolicy> managed;
};

// Problems with the form of an IAM policy document as IAM would judge it ("Statement 2: no
// Resource or NotResource"): Version, Statement, Effect, Action|NotAction and Resource|NotResource
// present, no action twice in one statement, Sids unique. Empty: the form is sound.
std::vector<std::string> PolicyFormProblems(const Json& document);

}  // namespace jetsam
