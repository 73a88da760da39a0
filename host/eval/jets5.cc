#include "eval/jets5.h"

#include <fmt/format.h>

#include <vector>

namespace jetsam::eval {
namespace {

// Jets 5.0's Application configuration (lib/jets/application/configuration/defaults.rb) against
// Jets 6's config reference: the names that moved.
constexpr Jets5Setting kMoved[] = {
    {"iam_policy", "deploy", "lambda.iam.policy"},
    {"managed_iam_policy", "deploy", "lambda.iam.managed_policy"},
    {"default_iam_policy", "deploy", "lambda.iam.default_policy"},
    {"function", "deploy", "lambda.function"},
    {"project_name", "project", "name"},
};

bool WordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The Jets 5 setting a line assigns or changes (`config.iam_policy = ...`, `config.function.timeout = 30`).
std::optional<std::pair<Jets5Setting, std::string>> SettingOf(std::string_view line) {
  size_t at = line.find("config.");
  if (at == std::string_view::npos) return std::nullopt;
  size_t hash = line.find('#');
  if (hash != std::string_view::npos && hash < at) return std::nullopt;  // a comment
  size_t begin = at + 7, end = begin;
  while (end < line.size() && (WordChar(line[end]) || line[end] == '.')) ++end;
  std::string_view path = line.substr(begin, end - begin);
  auto top = Jets5Mapping(path.substr(0, path.find('.')));
  if (!top) return std::nullopt;
  return std::pair{*top, std::string(path)};
}

}  // namespace

std::optional<Jets5Setting> Jets5Mapping(std::string_view name) {
  for (const auto& s : kMoved)
    if (name == s.name) return s;
  return std::nullopt;
}

Status Jets5Checkout(std::string_view text) {
  const bool jets5 = text.find("Jets.application.configure") != std::string_view::npos ||
                     text.find("Jets::Application") != std::string_view::npos;
  if (!jets5) return Status::Ok();
  int configure_line = 0;
  std::vector<std::string> moved;
  int line = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    ++line;
    if (!configure_line && (l.find("Jets.application.configure") != std::string_view::npos ||
                            l.find("Jets::Application") != std::string_view::npos)) {
      configure_line = line;
    }
    if (auto s = SettingOf(l); s && moved.size() < 20) {
      const auto& [setting, path] = *s;
      std::string rest = path.size() > std::string_view(setting.name).size() ? path.substr(std::string_view(setting.name).size()) : "";
      moved.push_back(fmt::format("line {}: config.{} is config.{}{} in config/jets/{}.rb", line, path, setting.jets6,
                                  rest, setting.object));
    }
    start = end + 1;
  }
  std::string message =
      "this is a Jets 5 (or older) project: its settings are in config/application.rb, and jetsam reads the "
      "config/jets/*.rb files of Jets 6";
  if (!moved.empty()) message += fmt::format(" ({})", fmt::join(moved, "; "));
  return Status::Config(
      message, Location{"config/application.rb", configure_line},
      fmt::format("Jets 6 moved the IAM settings into Jets.deploy.configure in config/jets/deploy.rb: config.iam_policy "
                  "-> config.lambda.iam.policy, config.managed_iam_policy -> config.lambda.iam.managed_policy, "
                  "config.default_iam_policy -> config.lambda.iam.default_policy, config.function.* -> "
                  "config.lambda.function.*, and the project name into config/jets/project.rb (config.name); see the "
                  "upgrade guide: {}",
                  kUpgradeGuide));
}

}  // namespace jetsam::eval
