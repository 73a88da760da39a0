// jetsam watch: the roles, then on every save what changed (or the error with its file:line).
#include <unistd.h>

#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/serve.h"

namespace jetsam::cli {
namespace {

struct WatchArgs {
  ProjectOptions project;
  WatchOptions watch;
};

int RunWatch(WatchArgs& a) {
  if (Status s = BuildCheckoutOptions(a.project, &a.watch.checkout); !s.ok()) return Fail(s);
  a.watch.env = a.project.env;
  a.watch.extra = a.project.extra;
  a.watch.color = StdoutStyle().color;
  Status s = Watch(a.watch);
  return s.ok() ? 0 : Fail(s);
}

}  // namespace

Command RegisterWatch(CLI::App& root) {
  static WatchArgs args;
  auto* cmd = root.add_subcommand("watch", "Print the roles, then what each save of config/jets/ changes");
  cmd->footer(
      "The first output is the roles (as compile prints them); after each save, the diff against the last\n"
      "state that compiled, or the error with its file:line. A burst of saves is one change. Ctrl-C exits 0.\n\n"
      "Examples:\n"
      "  jetsam watch                      # the current checkout, env dev\n"
      "  jetsam watch ~/app --env prod --role lambda\n");
  AddProjectOptions(cmd, &args.project);
  cmd->add_option("--role", args.watch.roles, "codebuild, lambda, ci, deploy-user or all (default: all); repeatable");
  cmd->add_option("--debounce", args.watch.debounce_ms, "ms of quiet that end a burst of saves (default 150)")
      ->check(CLI::Range(0, 10000));
  cmd->add_option("--max-changes", args.watch.max_changes, "stop after reporting this many changes (for scripts)")
      ->group("");
  return {cmd, [] { return RunWatch(args); }};
}

}  // namespace jetsam::cli
