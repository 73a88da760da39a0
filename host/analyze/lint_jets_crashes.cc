// jetsam lint: jets-6.0.5-crashes. Compile notes each value Jets 6.0.5's own policy code raises on
// (host/compile/jets_crashes.cc) and compiles it as the docs describe; lint says that `jets deploy`
// stops there: an error for the CodeBuild role, which Jets' open code builds, a warning for the
// roles its closed remote runner builds.
#include "analyze/lint_rules.h"
#include "jetsam/version.h"

namespace jetsam::lint {

void JetsCrashes(LintContext& ctx) {
  const std::string rule = std::string("jets-") + kJetsVersion + "-crashes";
  for (auto& f : ctx.findings) {
    if (f.rule != rule) continue;
    for (const auto& n : ctx.compiled.notices) {
      if (n.code == rule && n.message == f.message && n.where == f.where) f.setting = n.setting;
    }
    f.severity = f.setting.rfind("codebuild.", 0) == 0 ? Severity::kError : Severity::kWarning;
  }
}

}  // namespace jetsam::lint
