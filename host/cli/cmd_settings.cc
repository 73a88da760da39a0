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
  // The phase rule: the settings of the phases that ran are printed, the error after them.
  if (!s.ok() && !StoppedAfterBootstrap(eval, s)) return Fail(s);
  if (Status text = CheckConfigText(eval); !text.ok()) return Fail(text);
  PrintNotices(eval.notices);
  fmt::print("{}", EmitSettingsJson(eval, a.changed_only));
  return eval.Complete() ? 0 : Fail(eval.stopped);
}

}  // namespace

Command RegisterSettings(CLI::App& root) {
  static SettingsArgs args;
  auto* cmd = root.add_subcommand("settings", "Print every captured setting as JSON, with the file:line that set it");
  cmd->footer(
      "When a later config file fails (deploy.rb, say), the settings of the phases Jets reads before it\n"
      "(project, bootstrap) are printed, the others as null with \"stopped\", and jetsam exits 1.\n");
  AddProjectOptions(cmd, &args.project);
  cmd->add_flag("--changed", args.changed_only, "only the settings the config files changed");
  return {cmd, [] { return RunSettings(args); }};
}

}  // namespace jetsam::cli
