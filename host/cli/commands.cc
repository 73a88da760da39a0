#include "cli/commands.h"

#include <fmt/format.h>

#include "core/suggest.h"
#include "jetsam/iamdata.h"
#include "jetsam/version.h"

namespace jetsam::cli {

namespace {

struct Entry {
  const char* name;
  Command (*reg)(CLI::App&);
  bool evaluates_first;  // evaluates a checkout before anything else (EvaluatesCheckout)
};

constexpr Entry kCommands[] = {
    {"compile", RegisterCompile, true}, {"settings", RegisterSettings, true}, {"explain", RegisterExplain, true},
    {"diff", RegisterDiff, true},       {"lint", RegisterLint, true},         {"can", RegisterCan, true},
    {"expand", RegisterExpand, false},  {"serve", RegisterServe, false},      {"watch", RegisterWatch, false},
    {"run", RegisterRun, false},        {"repl", RegisterRepl, false},
};

}  // namespace

std::vector<Command> RegisterAll(CLI::App& app, std::string_view invoked) {
  // Setting up every command's options costs more than a whole compile's parsing: when the
  // command line names one, only that one is set up. Top-level help lists them all.
  for (const auto& e : kCommands) {
    if (invoked == e.name) return {e.reg(app)};
  }
  std::vector<Command> all;
  for (const auto& e : kCommands) all.push_back(e.reg(app));
  return all;
}

bool EvaluatesCheckout(std::string_view word) {
  for (const auto& e : kCommands) {
    if (word == e.name) return e.evaluates_first;
  }
  return false;
}

int RejectUnknownCommand(std::string_view word) {
  if (word.empty()) return 0;
  std::vector<std::string> names;
  for (const auto& e : kCommands) {
    if (word == e.name) return 0;
    names.push_back(e.name);
  }
  auto guesses = Suggest(word, names, 1);
  std::string hint = guesses.empty() ? "" : fmt::format("did you mean `jetsam {}`? ", guesses[0]);
  hint += fmt::format("the commands are {} (`jetsam --help` describes them)", fmt::join(names, ", "));
  Fail(Status::Usage(fmt::format("`{}` is not a jetsam command", word), hint));
  return 2;
}

std::string VersionText() {
  return fmt::format("jetsam {} (reference: Jets {}; IAM data: {})", Version(), kJetsVersion, iam::DataVersions());
}

}  // namespace jetsam::cli
