// Fuzz target: a whole checkout through evaluate, compile (every role and the deploy user), every
// emitter, lint, explain, can and diff. Built with libFuzzer (-DJETSAM_FUZZ=ON, clang) and, for
// the test suite's smoke run, with tests/fuzz/smoke_main.cc.
//
// Input: config files separated by lines "#== PATH" (a PATH under config/jets/); text before the
// first such line is config/jets/deploy.rb. A project.rb naming the project is added when the
// input has none, so that most inputs get past the name check to the compiler.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "jetsam/analyze.h"
#include "jetsam/compile.h"
#include "jetsam/diff.h"
#include "jetsam/emit.h"
#include "jetsam/evaluate.h"
#include "jetsam/explain.h"

namespace {

jetsam::Sources Split(std::string_view input) {
  jetsam::Sources sources;
  sources.root = "fuzz";
  std::string path = "config/jets/deploy.rb";
  std::string text;
  auto flush = [&] {
    if (!text.empty() || sources.files.count(path) == 0) sources.files[path] += text;
    text.clear();
  };
  size_t at = 0;
  while (at < input.size()) {
    size_t end = input.find('\n', at);
    std::string_view line = input.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at + 1);
    at = end == std::string_view::npos ? input.size() : end + 1;
    if (line.substr(0, 4) == "#== ") {
      flush();
      std::string_view name = line.substr(4);
      while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.remove_suffix(1);
      path = "config/jets/" + std::string(name);
      continue;
    }
    text += line;
  }
  flush();
  if (sources.files.count("config/jets/project.rb") == 0) {
    sources.files["config/jets/project.rb"] = "Jets.project.configure do\n  config.name = \"fuzz\"\nend\n";
  }
  return sources;
}

void Exercise(const jetsam::EvalResult& eval) {
  using namespace jetsam;
  CompileOptions all;
  all.roles = {RoleKind::kCodebuild, RoleKind::kLambda, RoleKind::kCi, RoleKind::kDeployUser};
  Compiled compiled;
  if (!CompileWithDeployUser(eval, all, DeployUserOptions{}, &compiled).ok()) return;
  (void)EmitCfn(compiled);
  (void)EmitYaml(compiled);
  (void)EmitReport(compiled);
  const auto findings = Lint(eval, compiled);
  (void)EmitLintText(findings, TextStyle{true});
  (void)EmitLintJson(findings);
  (void)EmitSarif(findings, "", "config/jets/deploy.rb");
  const Json explained = Explain(compiled, eval.settings);
  (void)ExplainText(explained, TextStyle{true});
  (void)JsonText(explained);
  const Json diff = DiffRoles(compiled, compiled, "a", "b");
  (void)DiffText(diff, TextStyle{});
  for (const auto& role : compiled.roles) {
    if (role.kind == RoleKind::kDeployUser) {
      (void)EmitAwsCli(role, AwsCliOptions{});
      continue;
    }
    for (const auto& [action, resource] : {std::pair{"s3:GetObject", "arn:aws:s3:::b/k"}, {"iam:PassRole", ""},
                                           {"logs:PutLogEvents", "*"}}) {
      CanAnswer answer;
      if (Can(role, CanRequest{action, resource}, &answer).ok()) {
        (void)EmitCanText(answer, TextStyle{});
        (void)EmitCanJson(answer);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (64 << 10)) return -1;  // big inputs only slow the search; size caps are tested elsewhere
  jetsam::EvalOptions options;
  options.env = "dev";
  options.isolate = false;  // in process, so that coverage and sanitizers see the evaluation
  options.limits.memory_bytes = 32ll << 20;
  options.environment = std::map<std::string, std::string>{};
  options.facts.region = "us-west-2";
  options.facts.account = "111122223333";
  jetsam::EvalResult eval;
  if (jetsam::Evaluate(Split(std::string_view(reinterpret_cast<const char*>(data), size)), options, &eval).ok()) {
    Exercise(eval);
  }
  return 0;
}
