// jetsam settings: every captured setting with its value and the file:line that set it.
#include <fmt/format.h>

#include "cli/common.h"

namespace jetsam::cli {
namespace {

struct SettingsArgs {
  ProjectOptions project;
  bool changed_only = false;
};

int RunSettings(const SettingsArgs& a) {
  EvalResult eval;
  Status s = EvaluateProject(a.project, &eval);
  if (!s.ok()) return Fail(s);
  if (s = CheckConfigText(eval); !s.ok()) return Fail(s);
  PrintNotices(eval.notices);
  fmt::print("{}", EmitSettingsJson(eval, a.changed_only));
  return 0;
}

}  // namespace

Command RegisterSettings(CLI::App& root) {
  static SettingsArgs args;
  auto* cmd = root.add_subcommand("settings", "Print every captured setting as JSON, with the file:line that set it");
  AddProjectOptions(cmd, &args.project);
  cmd->add_flag("--changed", args.changed_only, "only the settings the config files changed");
  return {cmd, [] { return RunSettings(args); }};
}

}  // namespace jetsam::cli
