// Jets 5 and older keep their settings in config/application.rb (`Jets.application.configure`,
// or a class inheriting Jets::Application); Jets 6 reads config/jets/*.rb. What jetsam tells the
// owner of such a checkout, and the did-you-mean for a Jets 5 name used in a Jets 6 block.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/status.h"

namespace jetsam::eval {

// The upgrade guide in Jets' docs.
inline constexpr const char* kUpgradeGuide = "https://docs.rubyonjets.com/docs/more/extras/upgrading/";

// A Jets 5 setting and where Jets 6 has it.
struct Jets5Setting {
  std::string jets5;   // "function.memory_size", as the config wrote it
  std::string object;  // "deploy": the Jets 6 object (Jets.deploy.configure, config/jets/deploy.rb)
  std::string jets6;   // "lambda.function.memory_size"
  std::string note;    // how the value moves when the name alone does not say it ("" when it does)
};

// The Jets 6 place of a Jets 5 setting: `path` is the dotted path after `config.`
// ("iam_policy", "function.memory_size", "function" alone). Nothing when its top-level name is
// not a Jets 5 IAM, function or project setting that Jets 6 moved.
std::optional<Jets5Setting> Jets5Mapping(std::string_view path);

// The dotted setting path a line of Ruby names after `.KEY` ("c.function.memory_size = 1" with
// KEY "function" gives "function.memory_size"); KEY alone when the line does not show more.
std::string SettingPathAt(std::string_view line, std::string_view key);

// A file of a Jets 5 checkout: its path from the root and its text.
struct Jets5File {
  std::string name;  // "config/environments/production.rb"
  std::string text;
};

// For a checkout without config/jets/: kConfig explaining that `application_rb` (the text of
// config/application.rb) is a Jets 5 project's config, with each IAM-related line it and its
// `environments` (config/environments/*.rb, in order) set and its Jets 6 setting, and the upgrade
// guide. Ok when none of the texts is a Jets 5 config.
Status Jets5Checkout(std::string_view application_rb, const std::vector<Jets5File>& environments = {});

}  // namespace jetsam::eval
