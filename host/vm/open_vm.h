// Opening the mruby state a config sees (core, the allowed gems, jetsam's mrblib), allocating
// through `heap`. Shared by a cold Vm and the prepared warm VM (vm/warm_start.h).
#pragma once

struct mrb_state;

namespace jetsam::vm {

struct Heap;

// nullptr when the state cannot be built (the heap's limit is too small, or mrblib failed,
// which is reported on stderr as an internal error).
mrb_state* OpenVm(Heap* heap);

}  // namespace jetsam::vm
