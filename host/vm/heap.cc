#include "vm/heap.h"

#include <cstdlib>

#include <mruby.h>

#include "vm/exception.h"

namespace jetsam::vm {
namespace {
// 16 bytes keep the payload aligned as malloc would.
constexpr size_t kHeader = 16;
size_t SizeOf(void* block) { return *static_cast<size_t*>(block); }

void Refuse(mrb_state* mrb, Heap* heap) {
  heap->exhausted = true;
  if (mrb && mrb->c && mrb->c->ci) {
    Location here = CallerLocation(mrb);
    if (!here.empty()) heap->refused_at = std::move(here);
  }
}
}  // namespace

void* HeapAllocate(mrb_state* mrb, void* ptr, size_t size, void* ud) {
  auto* heap = static_cast<Heap*>(ud);
  void* block = ptr ? static_cast<char*>(ptr) - kHeader : nullptr;
  size_t old_size = block ? SizeOf(block) : 0;
  if (size == 0) {
    if (block) {
      heap->in_use -= static_cast<int64_t>(old_size);
      std::free(block);
    }
    return nullptr;
  }
  int64_t grown = heap->in_use - static_cast<int64_t>(old_size) + static_cast<int64_t>(size);
  if (grown > heap->limit) {
    Refuse(mrb, heap);
    return nullptr;  // mruby runs a full GC, retries, then raises NoMemoryError
  }
  void* fresh = std::realloc(block, size + kHeader);
  if (!fresh) {
    Refuse(mrb, heap);
    return nullptr;
  }
  *static_cast<size_t*>(fresh) = size;
  heap->in_use = grown;
  if (grown > heap->peak) heap->peak = grown;
  return static_cast<char*>(fresh) + kHeader;
}

}  // namespace jetsam::vm
