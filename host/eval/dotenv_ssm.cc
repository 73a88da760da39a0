#include "eval/dotenv_ssm.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace jetsam::eval {
namespace {

// Convention.long_env_map
std::string LongEnv(const std::string& env) {
  if (env == "dev") return "development";
  if (env == "prod") return "production";
  if (env == "stag") return "staging";
  return env;
}

// What an answer in the facts' ssm: table reads as.
std::optional<std::string> Answer(const nlohmann::json& answers, const std::string& name) {
  if (!answers.is_object()) return std::nullopt;
  auto it = answers.find(name);
  if (it == answers.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// The parameters under `path` the facts hold, by leaf name (get_parameters_by_path, one level).
std::vector<std::pair<std::string, std::string>> Under(const nlohmann::json& answers, const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!answers.is_object()) return out;
  for (auto it = answers.begin(); it != answers.end(); ++it) {
    const std::string& name = it.key();
    if (name.size() <= path.size() || name.compare(0, path.size(), path) != 0) continue;
    std::string leaf = name.substr(path.size());
    if (leaf.find('/') != std::string::npos) continue;
    if (auto value = Answer(answers, name)) out.emplace_back(std::move(leaf), std::move(*value));
  }
  return out;
}

// Ruby's Hash#merge on ordered pairs: a key already there takes the new value in its place.
void Merge(std::vector<std::pair<std::string, std::string>>* into, const std::string& key, const std::string& value) {
  for (auto& [k, v] : *into) {
    if (k == key) {
      v = value;
      return;
    }
  }
  into->emplace_back(key, value);
}

// `sub(/SSM:/i, "")`
std::string WithoutSsmPrefix(const std::string& value) {
  for (size_t i = 0; i + 4 <= value.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(value[i])) == 'S' &&
        std::toupper(static_cast<unsigned char>(value[i + 1])) == 'S' &&
        std::toupper(static_cast<unsigned char>(value[i + 2])) == 'M' && value[i + 3] == ':') {
      return value.substr(0, i) + value.substr(i + 4);
    }
  }
  return value;
}

}  // namespace

std::string SsmConvention::SsmPath() const {
  const bool unique = every_env_unique || std::find(unique_envs.begin(), unique_envs.end(), env) != unique_envs.end();
  const std::string resolved = unique ? env : fallback;
  return fmt::format("/{}/{}/", project, long_env_name ? LongEnv(resolved) : resolved);
}

std::string SsmConvention::JetsEnvPath() const {
  return fmt::format("/{}/{}/", project, long_env_name ? LongEnv(env) : env);
}

std::string SsmConvention::ParameterName(const std::string& name, const std::string& raw_value) const {
  std::string leaf = name;
  if (raw_value != "SSM") {
    std::string value = WithoutSsmPrefix(raw_value);
    if (!value.empty() && value[0] == '/') return value;
    leaf = value;
  }
  if (resolver) {
    if (auto resolved = resolver(leaf)) return *resolved;
  }
  return SsmPath() + leaf;
}

void ResolveSsm(const std::vector<LoadedVar>& loaded, const SsmConvention& convention, const SsmAutoload& autoload,
                const nlohmann::json& answers, std::map<std::string, std::string>* environment,
                std::vector<Notice>* notices) {
  // Ssm#merged_variables: with autoloading, the parameters under the path come first and the
  // files' variables win over them.
  std::vector<std::pair<std::string, std::string>> merged;
  std::map<std::string, const LoadedVar*> from_file;
  for (const auto& var : loaded) from_file[var.name] = &var;
  if (autoload.enable) {
    std::vector<std::pair<std::string, std::string>> params = Under(answers, convention.SsmPath());
    if (convention.JetsEnvPath() != convention.SsmPath()) {
      for (auto& [k, v] : Under(answers, convention.JetsEnvPath())) Merge(&params, k, v);
    }
    std::erase_if(params, [&](const auto& p) {
      return std::find(autoload.skip.begin(), autoload.skip.end(), p.first) != autoload.skip.end();
    });
    if (!params.empty() && !autoload.unmatched.empty()) {
      Notice n;
      n.code = "config-notice";
      n.severity = Notice::Severity::kInfo;
      n.message = fmt::format("dotenv.ssm.autoload.skip holds {}, which jetsam cannot match (it has no regular "
                              "expressions): no autoloaded parameter is skipped by it",
                              fmt::join(autoload.unmatched, ", "));
      notices->push_back(std::move(n));
    }
    merged = params;
    for (const auto& var : loaded) {
      bool autoloaded = std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == var.name; });
      if (var.value == "SSM" && autoloaded) continue;
      Merge(&merged, var.name, var.value);
    }
  } else {
    for (const auto& var : loaded) merged.emplace_back(var.name, var.value);
  }
  for (const auto& [name, raw] : merged) {
    auto file = from_file.find(name);
    const LoadedVar* var = file == from_file.end() || file->second->value != raw ? nullptr : file->second;
    std::string value = raw;
    if (raw.rfind("SSM", 0) == 0) {  // Var#ssm?
      const std::string parameter = convention.ParameterName(name, raw);
      if (auto answer = Answer(answers, parameter)) {
        value = *answer;
      } else {
        value = "<ssm:" + parameter + ">";
        Notice n;
        n.code = "unresolved-lookup";
        n.severity = Notice::Severity::kWarning;
        n.where = var ? var->where : Location{};
        n.message = fmt::format("{}={}: the SSM parameter {} is not known offline, so ENV[\"{}\"] is \"{}\"", name, raw,
                                parameter, name, value);
        n.hint = fmt::format("add it to a --facts file (ssm: {{\"{}\": VALUE}}, see samples/facts.yml), or set {} in "
                             "the environment that runs jetsam: it wins over the .env files",
                             parameter, name);
        notices->push_back(std::move(n));
      }
    } else if (var) {
      for (const auto& c : var->commands) {
        Notice n;
        n.code = "unresolved-lookup";
        n.severity = Notice::Severity::kWarning;
        n.where = var->where;
        n.message = fmt::format("{}: the dotenv gem runs the shell command `{}` for this value, which jetsam's "
                                "sandbox does not: ENV[\"{}\"] holds \"{}\" in its place",
                                name, c.command, name, c.placeholder);
        n.hint = fmt::format("set {} in the environment that runs jetsam: it wins over the .env files", name);
        notices->push_back(std::move(n));
      }
    }
    (*environment)[name] = std::move(value);  // ENV[var.name] = var.value
  }
}

}  // namespace jetsam::eval
