// Jets 5 and older keep their settings in config/application.rb (`Jets.application.configure`,
// or a class inheriting Jets::Application); Jets 6 reads config/jets/*.rb. What jetsam tells the
// owner of such a checkout, and the did-you-mean for a Jets 5 name used in a Jets 6 block.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "jetsam/status.h"

namespace jetsam::eval {

// The upgrade guide in Jets' docs.
inline constexpr const char* kUpgradeGuide = "https://docs.rubyonjets.com/docs/more/extras/upgrading/";

// A Jets 5 top-level setting and where Jets 6 has it.
struct Jets5Setting {
  const char* name;     // "iam_policy"
  const char* object;   // "deploy": the Jets 6 object (Jets.deploy.configure, config/jets/deploy.rb)
  const char* jets6;    // "lambda.iam.policy"
};

// The Jets 6 place of a Jets 5 top-level setting name, if it has one.
std::optional<Jets5Setting> Jets5Mapping(std::string_view top_level_name);

// For a checkout without config/jets/: kConfig explaining that `application_rb` (the text of
// config/application.rb) is a Jets 5 project's config, with each IAM-related line it sets and its
// Jets 6 setting, and the upgrade guide. Ok when the text is no Jets 5 config.
Status Jets5Checkout(std::string_view application_rb);

}  // namespace jetsam::eval
