// The table of subcommands: each file host/cli/cmd_*.cc registers one.
#pragma once
#include <string>
#include <vector>

#include "cli/common.h"

namespace jetsam::cli {

std::vector<Command> RegisterAll(CLI::App& app);
// "jetsam 0.1.0" plus the versions of embedded data.
std::string VersionText();

}  // namespace jetsam::cli
