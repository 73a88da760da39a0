// Copying the settings out of the VM once every file has run.
#pragma once
#include "eval/runtime.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"
#include "vm/vm.h"

namespace jetsam::eval {

// Copies config object `which` (0 project, 1 bootstrap, 2 deploy) with every setting's origins
// into `out`, building it first when no file asked for it (so its Jets defaults count), and adds
// the notices about settings Jets does not define. `seal`: no setting can change meanwhile (the
// config's own code a value's to_s runs is refused); without, that code runs as the config's.
Status CaptureObject(vm::Vm& vm, Recorder& recorder, int which, ConfigSettings* out, std::vector<Notice>* notices,
                     bool seal);

// The project's name (resolved as Jets does: it aborts without one), namespace, and the host's
// answers for region, account and bucket.
Status CaptureFacts(vm::Vm& vm, const HostFacts& host, Recorder& recorder, ProjectFacts* out);

// The notices of the first `count` look-ups recorded that nothing answered offline.
void UnresolvedNotices(const Recorder& recorder, size_t count, std::vector<Notice>* notices);

// All of the above at once, and what the config printed: for an evaluation with no phases.
Status Capture(vm::Vm& vm, const HostFacts& host, Recorder& recorder, EvalResult* result);

}  // namespace jetsam::eval
