// Copying the settings out of the VM once every file has run.
#pragma once
#include "eval/runtime.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"
#include "vm/vm.h"

namespace jetsam::eval {

// Builds any config object no file asked for (so its Jets defaults count), resolves the project
// name (Jets aborts without one), and copies every setting with its origins into `result`,
// adding notices for unknown settings and unresolved look-ups.
Status Capture(vm::Vm& vm, const HostFacts& host, Recorder& recorder, EvalResult* result);

}  // namespace jetsam::eval
