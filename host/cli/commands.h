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
// For a first word that names no command: says so on stderr, with the likely one, and returns
// the usage-error exit status. 0 when `word` is a command (or empty).
int RejectUnknownCommand(std::string_view word);
// Whether the command `word` evaluates a checkout before anything else it does (compile,
// settings, explain, lint, can, diff): its evaluation's child can be forked first thing.
bool EvaluatesCheckout(std::string_view word);
// "jetsam 0.1.0" plus the versions of embedded data.
std::string VersionText();

}  // namespace jetsam::cli
