#include "vm/warm_start.h"

#include <atomic>
#include <memory>

#include <mruby.h>

#include <cstring>

#include "vm/arena.h"
#include "vm/heap.h"
#include "vm/image.h"
#include "vm/mruby_shim.h"
#include "vm/open_vm.h"

namespace jetsam::vm {
namespace {

// Address space for the prepared VM's small blocks (pages are committed only as they are
// used). Past it, blocks spill to malloc (vm/heap.cc): the arena bounds nothing, the heap's
// limit does.
constexpr size_t kArenaCapacity = 64u << 20;
// What a small project's evaluation adds to the VM's arena (samples/demo: some 110 KiB).
constexpr size_t kFirstEvaluationGrowth = 192u << 10;

struct Prepared {
  std::unique_ptr<Arena> arena;
  Heap heap;
  mrb_state* mrb = nullptr;
  const Blueprint* blueprint = nullptr;
  alignas(16) unsigned char world[kMaxWorld];
  // The pristine VM, copied back before each evaluation but the first. Taken at the first
  // reuse for a VM embedded in the executable, whose pristine pages the file holds until then.
  std::unique_ptr<Arena::Image> image;
  bool embedded = false;
  Arena::State embedded_state;
  size_t embedded_bytes = 0;
  const uint8_t* written = nullptr;  // the image's pages an evaluation writes (EmbeddedVm)
  int64_t in_use = 0;  // the heap's count at the image
  int64_t peak = 0;
  bool dirty = false;  // an evaluation ran since the image was taken
  bool populated = false;  // the first evaluation's pages are mapped already (PrepareEmbeddedVm)
  bool failed = false;
  std::atomic<bool> taken{false};
};

// One prepared VM per blueprint (a process that runs configs and scripts uses two), so that
// which blueprint a process asks for first changes nothing for the others.
constexpr int kSlots = 4;
struct Slots {
  // The blueprint each slot holds, as an address; 0: free. (A VM with no blueprint is keyed by
  // kNoBlueprint's address.)
  std::atomic<uintptr_t> key[kSlots] = {};
  Prepared vm[kSlots];
};
const char kNoBlueprint = 0;

Slots& TheSlots() {
  static Slots* slots = new Slots;  // never destroyed: children exit without it
  return *slots;
}

// The slot of `blueprint`'s prepared VM, claimed now if it has none; null when all are taken
// by other blueprints (the caller then starts cold).
Prepared* TheVm(const Blueprint* blueprint) {
  Slots& s = TheSlots();
  const uintptr_t key = reinterpret_cast<uintptr_t>(blueprint ? static_cast<const void*>(blueprint) : &kNoBlueprint);
  for (int i = 0; i < kSlots; ++i) {
    uintptr_t held = s.key[i].load();
    if (held == 0 && s.key[i].compare_exchange_strong(held, key)) return &s.vm[i];
    if (held == key) return &s.vm[i];
  }
  return nullptr;
}

// The VM embedded in the executable (vm/image.h), adopted in place.
bool Adopt(Prepared& p, const Blueprint* blueprint) {
  EmbeddedVm e;
  if (!MapEmbeddedVm(blueprint, &e)) return false;
  p.arena = Arena::Over(reinterpret_cast<char*>(kImageBase), kImageArenaCapacity, &e.state);
  p.heap.arena = p.arena.get();
  SetLimit(&p.heap, kBuildLimit);
  p.heap.in_use = p.in_use = e.in_use;
  p.heap.peak = p.peak = e.peak;
  shim::AdoptAllocatorData(e.mrb, &p.heap);
  std::memcpy(p.world, e.world, kMaxWorld);
  p.mrb = e.mrb;
  p.blueprint = blueprint;
  p.embedded = true;
  p.embedded_state = e.state;
  p.embedded_bytes = e.image_bytes;
  p.written = e.written;
  return true;
}

bool skip_first_populate = false;

// The first evaluation of a VM mapped from the executable (a sandboxed child's only one): its
// pages mapped now, with a call for each run of them rather than a fault for each page. Those
// that such an evaluation writes (as the image learned them), and room to grow, are copied
// ahead; the others, which it only reads, are the file's pages, shared. Without what the image
// learned, every page counts as written.
void PopulateFirstEvaluation(Prepared& p) {
  if (skip_first_populate) return;
  const size_t image = p.embedded_bytes, pages = (image + 4095) / 4096;
  if (!p.written) {
    p.arena->Populate(0, p.arena->used() + kFirstEvaluationGrowth, true);
    return;
  }
  p.arena->Populate(0, image, false);
  for (size_t i = 0; i < pages;) {
    if (!(p.written[i / 8] & (1u << (i % 8)))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < pages && (p.written[end / 8] & (1u << (end % 8)))) ++end;
    p.arena->Populate(i * 4096, end * 4096, true);
    i = end;
  }
  p.arena->Populate(pages * 4096, p.arena->used() + kFirstEvaluationGrowth, true);
}

// The embedded VM's pristine image, taken at its first reuse: its pages as the file holds them.
void TakePristineImage(Prepared& p) {
  p.arena->Reset(p.embedded_state);
  shim::AdoptAllocatorData(p.mrb, &p.heap);  // the file's VM names the builder's allocator data
  p.image = p.arena->Save();
}

// The acquired VM to an evaluation bounded by `memory_limit`, its heap holding `in_use`.
void HandOut(Prepared& p, int64_t memory_limit, int64_t in_use, int64_t peak, WarmVm* out) {
  p.dirty = true;
  SetLimit(&p.heap, memory_limit);
  p.heap.in_use = in_use;
  p.heap.peak = peak;
  *out = WarmVm{p.mrb, &p.heap, p.blueprint && p.blueprint->install ? p.world : nullptr};
}

bool Build(Prepared& p, const Blueprint* blueprint) {
  if (p.mrb) return true;
  if (p.failed) return false;
  if (Adopt(p, blueprint)) return true;  // no copy yet: the executable's file holds the image
  p.arena = Arena::Create(kArenaCapacity);
  if (p.arena) {
    p.heap.arena = p.arena.get();
    SetLimit(&p.heap, kBuildLimit);
    p.mrb = OpenVm(&p.heap, blueprint, p.world);
    p.blueprint = blueprint;
    // Everything the VM holds now lives as long as it does: one full collection leaves the
    // building's garbage out of the image and makes the rest old, so that an evaluation's
    // (generational) collections neither trace nor sweep it again.
    if (p.mrb) mrb_full_gc(p.mrb);
  }
  // The image must hold the whole VM: no block may live outside the arena.
  if (!p.mrb || p.heap.large) {
    p.failed = true;
    p.mrb = nullptr;  // the arena's memory is never reused: it is dropped with the arena
    p.arena.reset();
    return false;
  }
  p.image = p.arena->Save();
  p.in_use = p.heap.in_use;
  p.peak = p.heap.peak;
  return true;
}

}  // namespace

void SkipFirstPopulate() { skip_first_populate = true; }

bool PrepareWarmVm(const Blueprint* blueprint) {
  Prepared* p = TheVm(blueprint);
  if (!p) return false;
  if (p->taken.exchange(true)) return p->mrb != nullptr;
  bool ok = Build(*p, blueprint);
  p->taken = false;
  return ok;
}

bool WarmVmPrepared(const Blueprint* blueprint) {
  Prepared* p = TheVm(blueprint);
  return p && p->mrb != nullptr;
}

bool PrepareEmbeddedVm(const Blueprint* blueprint, bool populate) {
  Prepared* p = TheVm(blueprint);
  if (!p) return false;
  if (p->taken.exchange(true)) return p->mrb != nullptr;
  bool ok = p->mrb || Adopt(*p, blueprint);
  if (ok && populate && p->embedded && !p->dirty && !p->image && !p->populated) {
    PopulateFirstEvaluation(*p);
    p->populated = true;
  }
  p->taken = false;
  return ok;
}

bool AcquireWarmVm(int64_t memory_limit, const Blueprint* blueprint, WarmVm* out) {
  Prepared* slot = TheVm(blueprint);
  if (!slot || slot->taken.exchange(true)) return false;
  Prepared& p = *slot;
  if (!Build(p, blueprint) || p.in_use > memory_limit) {
    p.taken = false;
    return false;
  }
  if (p.embedded && !p.dirty && !p.image && !p.populated) PopulateFirstEvaluation(p);
  if (p.dirty && p.image) {
    p.arena->Restore(*p.image);
  } else if (p.dirty) {
    TakePristineImage(p);
  }
  HandOut(p, memory_limit, p.in_use, p.peak, out);
  return true;
}

std::unique_ptr<WarmState> SaveWarmState(const Blueprint* blueprint, size_t max_bytes) {
  Prepared* p = TheVm(blueprint);
  if (!p || !p->taken || !p->mrb || !p->arena || p->heap.large || p->heap.exhausted) return nullptr;
  if (p->arena->used() > max_bytes) return nullptr;
  auto state = std::make_unique<WarmState>();
  state->blueprint = blueprint;
  state->image = p->arena->Save();
  state->in_use = p->heap.in_use;
  state->peak = p->heap.peak;
  state->collect_at = p->heap.collect_at;
  return state;
}

bool AcquireWarmVmAt(int64_t memory_limit, const WarmState& state, WarmVm* out) {
  Prepared* slot = TheVm(state.blueprint);
  if (!slot || !state.image || state.in_use > memory_limit || slot->taken.exchange(true)) return false;
  Prepared& p = *slot;
  if (!p.mrb || !p.arena) {  // a state saved from this VM: it was built
    p.taken = false;
    return false;
  }
  // The pristine VM may still be the file's pages only: kept first, since what is written over
  // them next is not pristine.
  if (p.embedded && !p.image) TakePristineImage(p);
  p.arena->Restore(*state.image);
  HandOut(p, memory_limit, state.in_use, state.peak, out);
  p.heap.collect_at = state.collect_at;
  return true;
}

void ReleaseWarmVm(const Blueprint* blueprint) {
  Prepared& p = *TheVm(blueprint);
  FreeLargeBlocks(&p.heap);
  p.taken = false;
}

}  // namespace jetsam::vm
