// The process's prepared VM: built once into an Arena, saved as an image, and copied back
// before each evaluation that asks for a warm start (Vm::Start::kWarm). Copying its image back
// costs a small fraction of building the VM again (bench/compile_bench.cc measures both).
//
// One evaluation at a time uses it; a second, concurrent or nested, Vm of the same blueprint
// gets a cold start.
// After fork, the child has its own copy: a parent that prepares the VM before forking
// children (vm/isolate.h) spares each child the build.
#pragma once
#include <cstdint>
#include <cstddef>
#include <memory>

#include "vm/arena.h"
#include "vm/blueprint.h"

struct mrb_state;

namespace jetsam::vm {

struct Heap;

struct WarmVm {
  mrb_state* mrb;
  Heap* heap;         // counts this evaluation's memory against `memory_limit`
  const void* world;  // what the blueprint's install made (Blueprint)
};

// Builds the prepared VM of `blueprint` (see Vm), if this process has none. False when it
// cannot be built. The process holds one prepared VM per blueprint (a few at most: past them, a
// blueprint gets none and its VMs start cold).
bool PrepareWarmVm(const Blueprint* blueprint);

// Whether `blueprint`'s prepared VM exists (PrepareWarmVm, or a warm start, happened).
bool WarmVmPrepared(const Blueprint* blueprint);

// Makes the VM this executable embeds (vm/image.h) the prepared VM, if it embeds one built from
// `blueprint` and none is prepared yet: mapping it costs a few system calls, building one far
// more. True when the prepared VM is `blueprint`'s. Call it before a fork whose child filters
// system calls: the child inherits the mapping. With `populate`, also maps now the pages its
// first evaluation writes (AcquireWarmVm would), for a process that waits for its input anyway.
bool PrepareEmbeddedVm(const Blueprint* blueprint, bool populate = false);

// This process maps none of the embedded VM's pages ahead of its first evaluation: they are
// mapped as it touches them, so that WrittenImagePages (vm/image.h) tells which it wrote.
void SkipFirstPopulate();

// The prepared VM, pristine, for an evaluation bounded by `memory_limit`; builds it on first
// use. False (and `out` untouched) when it is taken, cannot be built, or needs more memory
// than `memory_limit` allows: the caller then starts a VM of its own.
bool AcquireWarmVm(int64_t memory_limit, const Blueprint* blueprint, WarmVm* out);

// Ends the evaluation that acquired `blueprint`'s VM: its memory is dropped (nothing of it is kept).
void ReleaseWarmVm(const Blueprint* blueprint);

// The acquired prepared VM as it stands in the middle of an evaluation: its arena and its heap's
// counts. A later evaluation in this process can start from it instead of the pristine VM
// (jetsam run's variants of one project resume after the checkout's files: eval/checkpoint.h).
struct WarmState {
  const Blueprint* blueprint = nullptr;
  std::unique_ptr<Arena::Image> image;
  int64_t in_use = 0, peak = 0, collect_at = 0;
};

// `blueprint`'s prepared VM as it is now, while an evaluation holds it (AcquireWarmVm). Null when
// it is not held, or holds blocks outside its arena (they would not be in the copy), or its
// arena holds more than `max_bytes`, or an allocation was refused (a failing evaluation).
std::unique_ptr<WarmState> SaveWarmState(const Blueprint* blueprint, size_t max_bytes);

// AcquireWarmVm, with the VM put in `state` (from SaveWarmState in this process) instead of its
// pristine state. False, and nothing changed, when AcquireWarmVm would fail or `state` holds more
// than `memory_limit` allows.
bool AcquireWarmVmAt(int64_t memory_limit, const WarmState& state, WarmVm* out);

}  // namespace jetsam::vm
