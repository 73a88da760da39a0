#include "cli/commands.h"

#include <fmt/format.h>

#include "jetsam/version.h"

namespace jetsam::cli {

std::vector<Command> RegisterAll(CLI::App& app) {
  return {
      RegisterCompile(app),
      RegisterSettings(app),
      RegisterExplain(app),
      RegisterDiff(app),
  };
}

std::string VersionText() {
  return fmt::format("jetsam {} (reference: Jets 6.0.5)", Version());
}

}  // namespace jetsam::cli
