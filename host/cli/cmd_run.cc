// jetsam run SCRIPT.rb [ARGS...]: a Ruby script that loads projects, varies them and compares
// them, sandboxed as an evaluation is (host/script, include/jetsam/script.h).
#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/script.h"

namespace jetsam::cli {
namespace {

struct RunArgs {
  ProjectOptions project;
  std::string script;
  std::vector<std::string> allow_read;
};

constexpr const char* kApi = R"(The script runs in jetsam's mruby (3.1, with its core gems; no File, IO, sockets, require or
Regexp), in a child process bounded by --timeout (CPU seconds for the whole script) and
--memory-limit. It may read only the current checkout and each --allow-read DIR, and only through
Jetsam.load; it writes only to stdout and stderr (control characters escaped). --timeout bounds its
CPU time; a wall-clock backstop of twice that plus a second also ends a script that waits (on a
reader of its output that stopped reading, say). Every answer is plain Ruby data: Hashes with
String keys, Arrays, Strings, numbers, true, false, nil.

Projects
  Jetsam.load(dir = ".", env:, extra:, facts:)   p = Jetsam.load("samples/demo", env: "prod")
      each project's config files run in a VM of their own; a failure raises Jetsam::ProjectError
      naming the project's file:line (#dir #file #line #hint)
  p.label  p.dir  p.env  p.extra  p.name  p.namespace   puts p.label  # samples/demo (env prod)
  p.facts   the project's identity and AWS look-ups      p.facts["account"]
  p.files   the config files evaluated, in order         p.files.size
  p.settings(changed: false)   every setting with value and origins   p.settings(changed: true)["deploy"].keys
  p.setting(path)  one setting's record; p.value(path) its value      p.value("codebuild.iam.default_policy")
  p.notices   warnings such as unresolved look-ups        p.notices.map { |n| n["message"] }
  p.output    what the config printed                    print p.output
  p.cfn       the roles as CloudFormation resources      JSON.pretty_generate(p.cfn)
  p.explain   where each action and resource came from   p.explain["roles"].size
  p.lint      lint findings (as lint --format json)      p.lint.count { |f| f["severity"] == "error" }
Variants: the same checkout with more configure code run after its own files; the original stays
  p.with(env:, extra:, facts:, project:, bootstrap:, deploy:)
      v = p.with(bootstrap: proc { config.codebuild.iam.default_policy -= %w[waf wafv2] })
      v = p.with(deploy: "config.lambda.iam.policy << 'sqs'")      # a String of code
      v = p.with(env: "prod", facts: {region: "eu-west-1"})
    project:, bootstrap: and deploy: take the body of a Jets.<object>.configure block: a Proc
    literal of the script (its text is found in the script; the script's local variables it reads
    are passed in by value and must be plain data), a String, or an Array of them. Their changes
    count as the script's lines in origins and diffs.
Roles
  p.roles            the three roles Jets deploys     p.roles.map(&:name)  # CodebuildRole IamRole CiRole
  p.role(name)       codebuild, lambda, ci or a logical id         r = p.role("lambda")
  p.deploy_user(scope = "tailored", prefix:)   baseline, least, local, tailored   p.deploy_user("least").policies
  r.name  r.kind  r.service  r.project                            r.kind  # "lambda"
  r.to_h             the CloudFormation resource                  r.to_h["Properties"]["Policies"]
  r.policies         {PolicyName => policy document}              r.policies.keys
  r.statements       each statement with policy, setting, origin  r.statements.first["origin"]
  r.actions  r.services  r.wildcards   from its inline Allows     r.wildcards  # ["ses:*", ...]
  r.managed_policies                                              r.managed_policies.size
  r.grants(setting: nil)   its unconditional Allows as [action, resource] pairs, wildcards expanded
                                                                  needs = p.deploy_user.grants
  r.lacks(pairs)     the pairs it may not do                      v.role("codebuild").lacks(needs).empty?
  r.acts_on?(action, resource)   whether the IAM reference lets the action act on it
  r.access_levels    distinct actions by access level             r.access_levels["Write"]
  r.can?(action, resource = nil)   allowed without a condition    r.can?("s3:GetObject", "arn:aws:s3:::b/k")
  r.can(action, resource = nil)    the answer of can --format json, with its deciding statements
                                                                  r.can("sqs:SendMessage")["deciding"]
Questions
  Jetsam.diff(a, b)  what b grants that a does not, as diff --format json   Jetsam.diff(dev, prod)["roles"]
  Jetsam.expand(pattern)   the actions a pattern grants, as expand --format json
                                                    Jetsam.expand("s3:Get*")["actions"].size
  Jetsam.actions_of(pattern)   its actions' names             Jetsam.actions_of("sqs:Send*")
  Jetsam.readable    the directories Jetsam.load may read          Jetsam.readable  # [".", ...]
Ruby
  JSON.generate(obj)  JSON.pretty_generate(obj)  JSON.parse(text, symbolize_names: false)  obj.to_json
      as Ruby 3.1's json gem writes and reads them (a config's JSON, the same code)
                                                    JSON.parse(JSON.generate({"a" => [1]}))
  puts  print  p  pp  printf  format  warn  $stdout  $stderr          printf("%-20s %d\n", r.name, n)
  ARGV   the arguments after the script                               ARGV.each { |dir| Jetsam.load(dir) }
  exit(n)   ends the script with status n                             exit(1) if p.lint.any?

Usage: jetsam run [OPTIONS] SCRIPT [ARGS...]: the arguments after SCRIPT, from the first that is
none of jetsam's options, are the script's ARGV.

Exit: 0, or the script's exit(n); 1 for an error in the script or in a project it loads (or a
bound it hit); 2 for a usage error.

Examples:
  jetsam run --allow-read samples/demo --facts samples/facts.yml samples/experiments/default_policy_needs.rb
  jetsam run --allow-read ../app-a --allow-read ../app-b samples/experiments/fleet.rb ../app-a ../app-b
)";

int RunRun(RunArgs& a, const std::vector<std::string>& rest) {
  ScriptOptions options;
  options.script = a.script;
  options.args = rest;
  if (!options.args.empty() && options.args.front() == "--") options.args.erase(options.args.begin());
  options.allow_read = a.allow_read;
  if (Status s = BuildEvalOptions(a.project, &options.eval); !s.ok()) return Fail(s);
  // --timeout and --memory-limit bound the whole script; each project's VM gets the same memory.
  options.limits = options.eval.limits;
  options.isolate = options.eval.isolate;
  int exit_code = 0;
  Status s = RunScript(options, &exit_code);
  if (!s.ok()) return Fail(s);
  return exit_code;
}

}  // namespace

Command RegisterRun(CLI::App& root) {
  static RunArgs args;
  auto* cmd = root.add_subcommand("run", "Run a Ruby script that loads projects, varies them and compares them");
  cmd->footer(kApi);
  cmd->add_option("SCRIPT", args.script, "the Ruby script; the arguments after it are its ARGV")->required();
  // From the first argument after SCRIPT that is none of jetsam's options, everything is ARGV.
  cmd->prefix_command();
  cmd->add_option("--allow-read", args.allow_read, "a checkout the script may load, besides the current directory; repeatable")
      ->type_name("DIR")
      ->allow_extra_args(false);
  args.project.timeout_s = 10.0;
  AddProjectOptions(cmd, &args.project, /*with_dir=*/false);
  cmd->get_option("--timeout")->description("CPU seconds the whole script may use (default 10)");
  cmd->get_option("--memory-limit")->description("MiB the script's Ruby VM may hold, and each project's (default 256)");
  cmd->get_option("--env")->description("the Jets env Jetsam.load uses by default (default: $JETS_ENV, else dev)");
  cmd->get_option("--extra")->description("the Jets extra Jetsam.load uses by default (default: $JETS_EXTRA)");
  return {cmd, [cmd] { return RunRun(args, cmd->remaining()); }};
}

}  // namespace jetsam::cli
