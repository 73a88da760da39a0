// Opening the mruby state a config sees (core, the allowed gems, the caller's blueprint),
// allocating through `heap`. Shared by a cold Vm and the prepared warm VM (vm/warm_start.h).
#pragma once
#include <cstdint>

#include "vm/blueprint.h"

struct mrb_state;

namespace jetsam::vm {

struct Heap;

// The memory a VM may use while it is built (the prepared VM and the image's), with room to
// spare; each evaluation then gets its own limit.
constexpr int64_t kBuildLimit = 64ll << 20;

// nullptr when the state cannot be built (the heap's limit is too small, or the prelude or the
// install failed, which is reported on stderr as an internal error). `world` (kMaxWorld bytes)
// receives what the blueprint's install made.
mrb_state* OpenVm(Heap* heap, const Blueprint* blueprint, void* world);

}  // namespace jetsam::vm
