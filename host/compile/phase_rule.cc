// Jets' phase rule after an evaluation (Jets::Core::Booter's order): a role needs only the config
// files Jets reads for it, so an error in a later phase stops only the roles that need that phase.
#include "jetsam/compile.h"

namespace jetsam {

bool StoppedAfterBootstrap(const EvalResult& eval, const Status& evaluated) {
  return !evaluated.ok() && !eval.Complete() && eval.Has(Phase::kBootstrap);
}

Status CompileByPhase(const EvalResult& eval, const Status& evaluated, CompileOptions options,
                      const DeployUserOptions* deploy_user, Compiled* out, Status* rest) {
  if (!evaluated.ok() && !StoppedAfterBootstrap(eval, evaluated)) return evaluated;
  options.partial = true;
  Status s = deploy_user ? CompileWithDeployUser(eval, options, *deploy_user, out) : Compile(eval, options, out);
  if (!s.ok() || out->missing.empty()) return s;
  *rest = eval.stopped;
  if (out->roles.empty()) return *rest;  // nothing to show
  return Status::Ok();
}

}  // namespace jetsam
