#include "cli/commands.h"

#include <fmt/format.h>

#include "jetsam/iamdata.h"
#include "jetsam/version.h"

namespace jetsam::cli {

std::vector<Command> RegisterAll(CLI::App& app) {
  return {
      RegisterCompile(app),
      RegisterSettings(app),
      RegisterExplain(app),
      RegisterDiff(app),
      RegisterLint(app),
      RegisterCan(app),
      RegisterExpand(app),
  };
}

std::string VersionText() {
  return fmt::format("jetsam {} (reference: Jets 6.0.5; IAM data: {})", Version(), iam::DataVersions());
}

}  // namespace jetsam::cli
