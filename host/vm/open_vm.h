// Opening the mruby state a config sees (core, the allowed gems, the caller's prelude), allocating
// through `heap`. Shared by a cold Vm and the prepared warm VM (vm/warm_start.h).
#pragma once
#include <cstdint>

struct mrb_state;

namespace jetsam::vm {

struct Heap;

// nullptr when the state cannot be built (the heap's limit is too small, or the prelude failed,
// which is reported on stderr as an internal error).
mrb_state* OpenVm(Heap* heap, const uint8_t* prelude);

}  // namespace jetsam::vm
