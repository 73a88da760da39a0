// A project as a script holds it: one checkout evaluated in a VM of its own (never the script's)
// and compiled, with the answers the API gives about it as JSON. No mruby here.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jetsam/analyze.h"
#include "jetsam/compile.h"
#include "jetsam/evaluate.h"
#include "script/world.h"

namespace jetsam::script {

struct Project {
  const Readable* checkout = nullptr;
  EvalOptions options;             // env, extra, facts, and the variants' code (options.after)
  std::vector<std::string> notes;  // what the variants added: "bootstrap at x.rb:7"
  EvalResult eval;
  Compiled compiled;               // the three roles Jets deploys
  size_t bytes = 0;                // about what it holds in memory
  std::optional<std::vector<Finding>> findings;  // lint, on first use

  // "samples/demo (env dev)", then " with bootstrap at x.rb:7" for each variant's code.
  std::string Label() const;
};

// A location as a script shows it: a file of the checkout under the checkout's directory
// ("samples/demo/config/jets/deploy.rb:3"), the script's own lines as they are.
std::string WhereIn(const Readable& checkout, const Location& where);

// Evaluates `checkout` in-process (the script's child is the sandbox) and compiles its roles.
// A failure is the project's own, with its file:line relative to the checkout.
Status LoadProject(const Readable& checkout, EvalOptions options, std::vector<std::string> notes,
                   std::shared_ptr<Project>* out);

// --- answers, as JSON in the shapes of the commands' --format json

Json FactsJson(const ProjectFacts& facts);
// {"project" => {path => setting}, "bootstrap" => ..., "deploy" => ...}, as `jetsam settings`.
Json SettingsJson(const Settings& settings, bool changed_only);
// One setting: {"value", "origin", "default", "history", "item_origins"}; null when absent.
// `path` may start with its object ("bootstrap.codebuild.iam.policy").
Json FindSettingJson(const Settings& settings, const std::string& path);
Json NoticesJson(const std::vector<Notice>& notices);
// The findings of `jetsam lint --format json`.
Json FindingsJson(const std::vector<Finding>& findings);

// A role: its CloudFormation resource (an AWS::IAM::Group for the deploy user).
Json RoleResourceJson(const Role& role);
// Its inline policies: {PolicyName => document}.
Json RolePoliciesJson(const Role& role);
// Each inline statement with where it came from: [{"policy", "index", "statement", "setting", "origin"}].
Json RoleStatementsJson(const Role& role);
// The actions (and NotActions) its inline Allow statements name, sorted, once each.
Json RoleActionsJson(const Role& role);
Json RoleManagedJson(const Role& role);
// {"List" => n, ...}: distinct actions it grants by access level, managed policies included.
Json RoleAccessLevelsJson(const Role& role);

}  // namespace jetsam::script
