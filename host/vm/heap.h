// A counting allocator for the VM: every byte the VM holds is counted against a hard limit.
#pragma once
#include <cstddef>
#include <cstdint>

#include "jetsam/status.h"

struct mrb_state;

namespace jetsam::vm {

struct Heap {
  int64_t limit = 0;
  int64_t in_use = 0;
  int64_t peak = 0;
  bool exhausted = false;  // an allocation was refused at least once
  // Where the config's code was when an allocation was last refused: mruby raises its
  // NoMemoryError without a backtrace, so this is the only file:line a memory error can name.
  Location refused_at;
};

// mrb_allocf-compatible: `ud` is a Heap*. Each block carries its size in a small header.
void* HeapAllocate(mrb_state* mrb, void* ptr, size_t size, void* ud);

}  // namespace jetsam::vm
