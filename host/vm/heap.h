// A counting allocator for the VM: every byte the VM holds is counted against a hard limit.
#pragma once
#include <cstddef>
#include <cstdint>

#include "jetsam/status.h"

struct mrb_state;

namespace jetsam::vm {

class Arena;

struct Heap {
  int64_t limit = 0;
  int64_t in_use = 0;
  int64_t peak = 0;
  bool exhausted = false;  // an allocation was refused at least once
  // Where the config's code was when an allocation was last refused: mruby raises its
  // NoMemoryError without a backtrace, so this is the only file:line a memory error can name.
  Location refused_at;

  // Set: blocks up to Arena::kMaxBlock come from this arena, larger ones from malloc, linked in
  // `large` so that they can all be freed when the arena is put back to a saved image.
  // Unset: every block comes from malloc.
  Arena* arena = nullptr;
  struct LargeBlock;
  LargeBlock* large = nullptr;

  // The request refused last, while mruby collects garbage and asks again (see HeapAllocate).
  const void* refused_block = nullptr;
  size_t refused_size = 0;
  bool refusing = false;
  // In use past this, the VM is asked to collect garbage at its next object allocation.
  int64_t collect_at = 0;
};

// Holds `heap` to `limit` from now on, for a new evaluation (or a VM just built).
void SetLimit(Heap* heap, int64_t limit);

// mrb_allocf-compatible: `ud` is a Heap*. Each block carries its size in a small header.
void* HeapAllocate(mrb_state* mrb, void* ptr, size_t size, void* ud);

// Frees every large block of an arena-backed heap (the VM that owned them is being discarded).
void FreeLargeBlocks(Heap* heap);

}  // namespace jetsam::vm
