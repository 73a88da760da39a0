// The table of subcommands: each file host/cli/cmd_*.cc registers one.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "cli/common.h"

namespace jetsam::cli {

// Registers the subcommand `invoked` (the first word of the command line), or every one when it
// names none (top-level --help, a typo).
std::vector<Command> RegisterAll(CLI::App& app, std::string_view invoked);
// "jetsam 0.1.0" plus the versions of embedded data.
std::string VersionText();

}  // namespace jetsam::cli
