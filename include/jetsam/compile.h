// Settings -> roles: Jets' policy standardization and one rule set per role.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "jetsam/policy.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam {

struct CompileOptions {
  std::vector<RoleKind> roles = {RoleKind::kCodebuild, RoleKind::kLambda, RoleKind::kCi};
  // For an evaluation that stopped in a later phase (EvalResult::stopped): true builds the roles
  // whose phases ran and lists the others in Compiled::missing; false fails with the evaluation's
  // error whenever a role asked for cannot be built.
  bool partial = false;
  // The phase the deploy user's policy needs (DeployScopePhase of its scope).
  Phase deploy_user_phase = Phase::kDeploy;
};

struct Compiled {
  ProjectFacts facts;
  std::vector<Role> roles;        // in the order asked for
  std::vector<Notice> notices;    // the evaluation's notices, then the compiler's
  std::vector<RoleKind> missing;  // asked for, but their phase did not run (CompileOptions::partial)
};

// The phase whose settings a role is built from (and every phase before it): the CodeBuild role
// from bootstrap, the others from deploy.
Phase RolePhase(RoleKind kind);

// Fails (kConfig) on a policy item that is no statement, naming the setting, value and file:line;
// and, through CheckConfigText, on a config string that is not UTF-8. A value that Jets 6.0.5's
// own policy code fails on is compiled as the docs describe, with a "jets-6.0.5-crashes" notice.
Status Compile(const EvalResult& eval, const CompileOptions& options, Compiled* out);

// After a partial compile, what is missing and why: "the lambda and ci roles are not built: they
// need the deploy settings, which the error above stopped". Empty when nothing is missing.
std::string MissingRolesNote(const EvalResult& eval, const Compiled& compiled);

// jetsam's rule for text: every string an evaluation produced (values, hash keys, setting names,
// file names, the project's name, env and extra, notices) must be valid UTF-8. kConfig at the
// first that is not, with its setting and file:line. Compile runs it first; `settings`, which
// compiles nothing, runs it itself. So a byte that is not UTF-8 never reaches any output, where
// JSON, YAML and text would each show it differently.
Status CheckConfigText(const EvalResult& eval);

// The deploy user's policy: not a role Jets creates, but the policy of the IAM group whoever runs
// `jets deploy` belongs to (the Jets docs' deploy IAM pages).
//   baseline: the "Minimal Deploy IAM Policy" page's nine services as `service:*` on `*`
//   least:    that page's prefix-scoped statements with the later docs' additions
//   local:    what Jets 6's local `jets deploy` needs (the local deploy IAM page)
//   tailored: the least this project needs, each statement naming the settings that need it
enum class DeployScope { kBaseline, kLeast, kLocal, kTailored };
const char* DeployScopeName(DeployScope scope);
std::optional<DeployScope> ParseDeployScope(const std::string& name);

// The phase a scope's policy is built from. Jets 6.0.5's local `jets deploy` boots with project.rb,
// the dotenv files and bootstrap.rb (Jets::Core::Booter) and never reads deploy.rb, which only its
// remote runner does: baseline, least (the project's name) and local need no more than that boot;
// tailored reads the deploy settings.
Phase DeployScopePhase(DeployScope scope);

struct DeployUserOptions {
  DeployScope scope = DeployScope::kTailored;
  std::string prefix;                // least/tailored: names start with PREFIX-; empty: the project name
  std::string policy_name = "JetsPolicy";
  std::vector<std::string> managed;  // managed extras for the group ("service-role/AWSConfigRole")
};

// A Role of kind kDeployUser (logical id JetsGroup, no principal) with one policy.
// kUsage when least/tailored has no prefix (no project name and no --prefix).
Status CompileDeployUser(const EvalResult& eval, const DeployUserOptions& options, Role* out);

// Compile, with the deploy user's policy placed where options.roles asks for it.
Status CompileWithDeployUser(const EvalResult& eval, const CompileOptions& options,
                             const DeployUserOptions& deploy_user, Compiled* out);

// Jets' phase rule. Whether an evaluation that returned `evaluated` stopped in a later phase with
// the project and bootstrap phases whole: then what those phases give (their settings, the
// CodeBuild role) is shown, and the error after it.
bool StoppedAfterBootstrap(const EvalResult& eval, const Status& evaluated);

// Compiles the roles `options` asks for after an evaluation that returned `evaluated`, by the
// phase rule: when a later phase failed (deploy.rb, say), the roles of the phases that ran are
// compiled, the others listed in `out->missing`, and `*rest` is set to the error that stopped
// them (to report after the roles, with MissingRolesNote; the answer is then not complete).
// Returns an error when the evaluation failed otherwise, or when no role asked for can be built.
Status CompileByPhase(const EvalResult& eval, const Status& evaluated, CompileOptions options,
                      const DeployUserOptions* deploy_user, Compiled* out, Status* rest);

// --- the roles as CloudFormation shapes them (host/compile/cfn_shape.cc)

// One JSON object of CloudFormation resources keyed by logical id, as Jets' templates hold them.
Json CfnResources(const Compiled& compiled);
// One role's AWS::IAM::Role resource (CfnResources' entries).
Json RoleResource(const Role& role);
// The policy document of one policy: {Version, Statement}.
Json PolicyDocument(const Policy& policy);
// An AWS::IAM::Group with the deploy user's policy inline and its managed extras.
Json DeployGroupResource(const Role& deploy_user, const std::string& group_name);

}  // namespace jetsam
