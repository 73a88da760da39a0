// jetsam serve: the sidecar, answering policy questions about one checkout over HTTP.
#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/serve.h"

namespace jetsam::cli {
namespace {

struct ServeArgs {
  ProjectOptions project;
  ServeOptions serve;
  std::string log_format = "text";
};

int RunServe(ServeArgs& a) {
  if (Status s = BuildCheckoutOptions(a.project, &a.serve.checkout); !s.ok()) return Fail(s);
  a.serve.log_json = a.log_format == "json";
  a.serve.on_listening = [](const std::string& address) {
    fmt::print("jetsam serve: listening on {}\n", address);
    std::fflush(stdout);
  };
  Status s = Serve(a.serve);
  return s.ok() ? 0 : Fail(s);
}

}  // namespace

Command RegisterServe(CLI::App& root) {
  static ServeArgs args;
  auto* cmd = root.add_subcommand("serve", "Answer policy questions about a checkout over HTTP (the sidecar)");
  cmd->footer(
      "Endpoints (GET; JSON as the commands' --format json):\n"
      "  /v1/roles?env=&extra=&role=&format=cfn|yaml|json   /v1/settings?env=&changed=\n"
      "  /v1/explain?env=&role=    /v1/lint?env=&strict=    /v1/expand?pattern=\n"
      "  /v1/can?env=&role=&action=&resource=&context=KEY=VALUE&absent=KEY (action, context, absent repeatable)\n"
      "  /v1/diff?env=A&env=B (or env=&rev=REV)\n"
      "  /healthz  /readyz  /metrics (Prometheus)\n"
      "Results are cached by the content of config/jets/ (watched: a save invalidates them before the\n"
      "next request), with ETags; Cache-Control: no-cache forces a fresh evaluation. Errors are JSON:\n"
      "400 bad request, 404, 422 the config cannot be evaluated, 503 busy, 504 out of time. When a later\n"
      "config file fails (deploy.rb, say), what the command would still print comes with the 422 as\n"
      "\"partial_result\"; role=codebuild, which needs only project.rb and bootstrap.rb, is answered.\n\n"
      "Examples:\n"
      "  jetsam serve ~/app --listen 127.0.0.1:8080 --facts facts.yml\n"
      "  curl -s 'localhost:8080/v1/can?role=lambda&action=s3:GetObject&resource=arn:aws:s3:::b/k'\n"
      "  jetsam serve --listen unix:/run/jetsam.sock\n"
      "  jetsam serve --listen 0.0.0.0:8080 --token /etc/jetsam/token   # other addresses need a token\n");
  AddProjectOptions(cmd, &args.project);
  cmd->remove_option(cmd->get_option("--env"));
  cmd->remove_option(cmd->get_option("--extra"));
  cmd->add_option("--listen", args.serve.listen,
                  "HOST:PORT, [IPV6]:PORT or unix:PATH (default 127.0.0.1:0, an ephemeral port)");
  cmd->add_option("--token", args.serve.token_file,
                  "a file holding the bearer token every request must send (required off loopback)");
  cmd->add_option("--workers", args.serve.workers, "evaluation processes (default 2)")->check(CLI::Range(1, 64));
  cmd->add_option("--queue", args.serve.max_queue, "requests that may wait for a worker; past it 503 (default 64)")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--request-timeout", args.serve.request_timeout_ms,
                  "ms a client has to send a whole request (and an idle connection is kept); default 5000")
      ->check(CLI::Range(50, 600000));
  cmd->add_option("--log-format", args.log_format, "the access log on stderr: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  return {cmd, [] { return RunServe(args); }};
}

}  // namespace jetsam::cli
