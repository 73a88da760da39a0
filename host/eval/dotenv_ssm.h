// The SSM references of .env values, as Jets 6.0.5 resolves them once Dotenv.load has run
// (lib/jets/dotenv/ssm.rb, var.rb, convention.rb). SSM cannot be read offline: a reference the
// facts (`ssm:`) do not answer becomes a visible placeholder, and a warning names the variable.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/dotenv.h"
#include "jetsam/settings.h"

namespace jetsam::eval {

// What Jets' naming convention reads from Jets.project's dotenv.ssm settings.
struct SsmConvention {
  std::string project;          // dotenv.ssm.project_name, else the project's name
  std::string env;              // Jets.env
  bool every_env_unique = false;  // dotenv.ssm.envs.unique is nil or :all
  std::vector<std::string> unique_envs;  // else the envs it lists
  std::string fallback;         // dotenv.ssm.envs.fallback
  bool long_env_name = false;   // dotenv.ssm.long_env_name: dev as development, prod as production
  // dotenv.ssm.convention_resolver, when the project set one: the leaf name's full SSM name.
  std::function<std::optional<std::string>(const std::string& leaf)> resolver;

  // Convention.ssm_path, "/demo/dev/": where `VAR=SSM` and autoloading look.
  std::string SsmPath() const;
  // Convention.jets_env_path: the same with the env itself (for an env the convention maps elsewhere).
  std::string JetsEnvPath() const;
  // Var#ssm_name: the parameter a value starting with "SSM" refers to.
  std::string ParameterName(const std::string& name, const std::string& raw_value) const;
};

struct SsmAutoload {
  bool enable = false;                // dotenv.ssm.autoload.enable
  std::vector<std::string> skip;      // default_skip + skip: names never autoloaded
  std::vector<std::string> unmatched; // items of skip jetsam cannot match (a Regexp), for a notice
};

// Ssm#interpolate!: sets ENV (in `environment`) for each variable `loaded` added and, with
// autoloading on, for each parameter under the convention's path that the facts hold. A value
// "SSM..." takes the parameter's value from `answers` (the facts' `ssm:` table, name -> value),
// else a placeholder "<ssm:/demo/dev/NAME>" and a warning at the variable's line. A `$(command)`
// a value held (left as a placeholder by the parser) gets a warning too.
void ResolveSsm(const std::vector<LoadedVar>& loaded, const SsmConvention& convention, const SsmAutoload& autoload,
                const nlohmann::json& answers, std::map<std::string, std::string>* environment,
                std::vector<Notice>* notices);

}  // namespace jetsam::eval
