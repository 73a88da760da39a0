// jetsam expand: the actions an action pattern grants, with their access levels.
#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/analyze.h"

namespace jetsam::cli {
namespace {

struct ExpandArgs {
  std::vector<std::string> patterns;
  std::string format = "text";
};

int RunExpand(const ExpandArgs& a) {
  std::vector<Expansion> out;
  int code = 0;
  for (const auto& p : a.patterns) {
    Expansion e;
    Status s = ExpandPattern(p, &e);
    if (!s.ok()) {
      Fail(s);
      code = 2;
      continue;
    }
    out.push_back(std::move(e));
  }
  if (code != 0) return code;
  fmt::print("{}", a.format == "json" ? EmitExpandJson(out) : EmitExpandText(out));
  return 0;
}

}  // namespace

Command RegisterExpand(CLI::App& root) {
  static ExpandArgs args;
  auto* cmd = root.add_subcommand("expand", "List the actions an action pattern grants, with access levels");
  cmd->footer(
      "Patterns use IAM's wildcards, matched case-insensitively: s3:Get*, ec2:*, *:List*, \"*\".\n"
      "Data: the AWS service authorization reference bundled at build time (jetsam --version).\n\n"
      "Examples:\n"
      "  jetsam expand s3:Get*\n"
      "  jetsam expand 'iam:*Policy*' --format json\n");
  cmd->add_option("PATTERN", args.patterns, "action patterns")->required();
  cmd->add_option("--format", args.format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  return {cmd, [] { return RunExpand(args); }};
}

}  // namespace jetsam::cli
