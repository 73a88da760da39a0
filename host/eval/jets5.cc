#include "eval/jets5.h"

#include <fmt/format.h>

#include <vector>

namespace jetsam::eval {
namespace {

// Jets 5.0.14's Application configuration (lib/jets/application/configuration/defaults.rb: the IAM
// settings, `function` and `project_name`) against Jets 6's Jets.deploy and Jets.project
// settings: the names that moved.
struct Moved {
  const char* jets5;
  const char* object;
  const char* jets6;
};
constexpr Moved kTop[] = {
    {"iam_policy", "deploy", "lambda.iam.policy"},
    {"managed_iam_policy", "deploy", "lambda.iam.managed_policy"},
    {"default_iam_policy", "deploy", "lambda.iam.default_policy"},
    {"function", "deploy", "lambda.function"},
    {"project_name", "project", "name"},
};

// Jets 5's `function` holds the Lambda function's properties by name (its defaults: timeout,
// memory_size, ephemeral_storage; the docs add vpc_config, environment,
// reserved_concurrent_executions ...). Jets 6's lambda.function has shorthands for some and
// takes the rest in `properties`.
struct Shorthand {
  const char* jets5;
  const char* jets6;
};
constexpr Shorthand kFunction[] = {
    {"timeout", "timeout"},
    {"memory_size", "memory_size"},
    {"vpc_config", "vpc_config"},
    {"environment", "environment"},
    {"runtime", "runtime"},
    {"reserved_concurrent_executions", "reserved_concurrency"},
    {"provisioned_concurrency", "provisioned_concurrency"},
    {"properties", "properties"},
};

bool WordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The Jets 5 setting a line of config/application.rb assigns or changes.
std::optional<Jets5Setting> SettingOf(std::string_view line) {
  size_t at = line.find("config.");
  if (at == std::string_view::npos) return std::nullopt;
  size_t hash = line.find('#');
  if (hash != std::string_view::npos && hash < at) return std::nullopt;  // a comment
  size_t begin = at + 7, end = begin;
  while (end < line.size() && (WordChar(line[end]) || line[end] == '.')) ++end;
  return Jets5Mapping(line.substr(begin, end - begin));
}

}  // namespace

std::optional<Jets5Setting> Jets5Mapping(std::string_view path) {
  while (!path.empty() && path.back() == '.') path.remove_suffix(1);
  const std::string_view top = path.substr(0, path.find('.'));
  for (const auto& m : kTop) {
    if (top != m.jets5) continue;
    // Past the top-level name only `function`'s property is a setting: what follows it, or the
    // top-level name of a list or Hash, reads as a method call (`iam_policy.push`).
    Jets5Setting s{std::string(top), m.object, m.jets6, ""};
    if (top != "function" || path.size() == top.size()) return s;
    std::string_view rest = path.substr(top.size() + 1);
    const std::string_view property = rest.substr(0, rest.find('.'));
    s.jets5 = fmt::format("function.{}", property);
    for (const auto& f : kFunction) {
      if (property == f.jets5) {
        s.jets6 = fmt::format("lambda.function.{}", f.jets6);
        return s;
      }
    }
    s.jets6 = "lambda.function.properties";
    s.note = fmt::format("Jets 6 has no shorthand for the Lambda property {}: give it in config.lambda.function."
                         "properties, a Hash of the function's properties",
                         property);
    return s;
  }
  return std::nullopt;
}

std::string SettingPathAt(std::string_view line, std::string_view key) {
  for (size_t at = line.find(key); at != std::string_view::npos; at = line.find(key, at + 1)) {
    const size_t after = at + key.size();
    if (at == 0 || line[at - 1] != '.' || (after < line.size() && WordChar(line[after]))) continue;
    size_t end = after;
    while (end + 1 < line.size() && line[end] == '.' && WordChar(line[end + 1])) {
      ++end;
      while (end < line.size() && WordChar(line[end])) ++end;
    }
    return std::string(line.substr(at, end - at));
  }
  return std::string(key);
}

Status Jets5Checkout(std::string_view text, const std::vector<Jets5File>& environments) {
  auto is_jets5 = [](std::string_view t) {
    return t.find("Jets.application.configure") != std::string_view::npos ||
           t.find("Jets::Application") != std::string_view::npos;
  };
  bool jets5 = is_jets5(text);
  for (const auto& env : environments) jets5 = jets5 || is_jets5(env.text);
  if (!jets5) return Status::Ok();
  int configure_line = 0;
  std::vector<std::string> moved;
  // Each IAM-related line of one file (`file` names it; "" for config/application.rb), with the
  // Jets 6 file: `overlay` is "" for config/jets/deploy.rb, "/production" for an env's overlay.
  auto scan = [&](std::string_view file_text, const std::string& file, const std::string& overlay, bool first) {
    int line = 0;
    for (size_t start = 0; start <= file_text.size();) {
      size_t end = file_text.find('\n', start);
      if (end == std::string_view::npos) end = file_text.size();
      std::string_view l = file_text.substr(start, end - start);
      ++line;
      if (first && !configure_line && is_jets5(l)) configure_line = line;
      if (l.find("Jets::Application.default_iam_policy") != std::string_view::npos && moved.size() < 20 &&
          l.find('#') > l.find("Jets::")) {
        const std::string where = file.empty() ? fmt::format("line {}", line) : fmt::format("{}:{}", file, line);
        moved.push_back(fmt::format("{}: Jets::Application.default_iam_policy is gone in Jets 6, which deploys "
                                    "config.lambda.iam.default_policy as its own DefaultPolicy",
                                    where));
      }
      if (auto s = SettingOf(l); s && moved.size() < 20) {
        const std::string where = file.empty() ? fmt::format("line {}", line) : fmt::format("{}:{}", file, line);
        moved.push_back(fmt::format("{}: config.{} is config.{} in config/jets/{}{}.rb", where, s->jets5, s->jets6,
                                    s->object, s->object == "deploy" ? overlay : ""));
      }
      start = end + 1;
    }
  };
  scan(text, "", "", true);
  for (const auto& env : environments) {
    std::string_view name = env.name;
    name = name.substr(name.rfind('/') + 1);
    if (name.size() > 3 && name.substr(name.size() - 3) == ".rb") name.remove_suffix(3);
    scan(env.text, env.name, fmt::format("/{}", name), false);
  }
  // Jets 5 camelized a statement's keys (Jets::Cfn::Resource::Iam::PolicyDocument); Jets 6's
  // policies read `Action:` as written.
  bool lowercase = text.find("action:") != std::string_view::npos;
  for (const auto& env : environments) lowercase = lowercase || env.text.find("action:") != std::string_view::npos;
  std::string message =
      "this is a Jets 5 (or older) project: its settings are in config/application.rb, and jetsam reads the "
      "config/jets/*.rb files of Jets 6";
  if (!moved.empty()) message += fmt::format(" ({})", fmt::join(moved, "; "));
  return Status::Config(
      message, Location{"config/application.rb", configure_line},
      fmt::format("Jets 6 moved the IAM settings into Jets.deploy.configure in config/jets/deploy.rb: config.iam_policy "
                  "-> config.lambda.iam.policy, config.managed_iam_policy -> config.lambda.iam.managed_policy, "
                  "config.default_iam_policy -> config.lambda.iam.default_policy, config.function.* -> "
                  "config.lambda.function.* (reserved_concurrent_executions -> reserved_concurrency, other Lambda "
                  "properties in config.lambda.function.properties), and the project name into "
                  "config/jets/project.rb (config.name); what config/environments/ENV.rb set goes in the overlay "
                  "config/jets/deploy/ENV.rb{}; see the upgrade guide: {}",
                  lowercase ? "; Jets 5 camelized a statement's keys, Jets 6 reads them as written: `action:`, "
                              "`effect:`, `resource:` become `Action:`, `Effect:`, `Resource:`"
                            : "",
                  kUpgradeGuide));
}

}  // namespace jetsam::eval
