#include "vm/heap.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include <mruby.h>

#include "vm/arena.h"
#include "vm/exception.h"
#include "vm/mruby_shim.h"

namespace jetsam::vm {

// A block too big for the arena: linked into its heap's list. 32 bytes keep the payload
// 16-byte aligned; the size is the last field, where every layout keeps it.
struct Heap::LargeBlock {
  LargeBlock* prev;
  LargeBlock* next;
  uint64_t unused;
  uint64_t size;
};

namespace {

// Every payload is preceded by its requested size (the 8 bytes just before it). A malloc'd
// block has a header of the arena's size (kBlockHeader, vm/arena.h).
uint64_t& SizeField(void* payload) { return *reinterpret_cast<uint64_t*>(static_cast<char*>(payload) - 8); }

void Refuse(mrb_state* mrb, Heap* heap, const void* block, size_t size) {
  heap->exhausted = true;
  heap->refusing = true;
  heap->refused_block = block;
  heap->refused_size = size;
  if (shim::InCall(mrb)) {
    VmContext* ctx = ContextOf(mrb);
    Location here = CallerLocation(mrb, ctx ? &ctx->code : nullptr);
    if (!here.empty()) heap->refused_at = std::move(here);
  }
}

Heap::LargeBlock* LargeOf(void* payload) { return reinterpret_cast<Heap::LargeBlock*>(payload) - 1; }

void Link(Heap* heap, Heap::LargeBlock* block) {
  block->prev = nullptr;
  block->next = heap->large;
  if (heap->large) heap->large->prev = block;
  heap->large = block;
}

void Unlink(Heap* heap, Heap::LargeBlock* block) {
  if (block->prev) block->prev->next = block->next; else heap->large = block->next;
  if (block->next) block->next->prev = block->prev;
}

void* AllocateLarge(Heap* heap, size_t size) {
  auto* block = static_cast<Heap::LargeBlock*>(std::malloc(sizeof(Heap::LargeBlock) + size));
  if (!block) return nullptr;
  Link(heap, block);
  return block + 1;
}

void Release(Heap* heap, void* payload) {
  if (!heap->arena) {
    std::free(static_cast<char*>(payload) - kBlockHeader);
  } else if (heap->arena->Contains(payload)) {
    heap->arena->Free(payload);
  } else {
    Unlink(heap, LargeOf(payload));
    std::free(LargeOf(payload));
  }
}

// The arena-backed heap's realloc: in place when the block's size class still fits.
void* ReallocateInArena(Heap* heap, void* ptr, size_t old_size, size_t size) {
  Arena* arena = heap->arena;
  if (ptr && arena->Contains(ptr) && size <= arena->BlockSize(ptr)) return ptr;
  if (ptr && !arena->Contains(ptr) && size > Arena::kMaxBlock) {
    Heap::LargeBlock* block = LargeOf(ptr);
    Unlink(heap, block);
    auto* moved = static_cast<Heap::LargeBlock*>(std::realloc(block, sizeof(Heap::LargeBlock) + size));
    Link(heap, moved ? moved : block);
    return moved ? moved + 1 : nullptr;
  }
  void* fresh = size <= Arena::kMaxBlock ? arena->Allocate(size) : nullptr;
  if (!fresh) fresh = AllocateLarge(heap, size);  // too big, or the arena is full
  if (fresh && ptr) {
    std::memcpy(fresh, ptr, std::min<size_t>(old_size, size));
    Release(heap, ptr);
  }
  return fresh;
}

}  // namespace

void SetLimit(Heap* heap, int64_t limit) {
  heap->limit = limit;
  heap->exhausted = false;
  heap->refused_at = {};
  heap->refusing = false;
  heap->collect_at = limit / 2;
}

void* HeapAllocate(mrb_state* mrb, void* ptr, size_t size, void* ud) {
  auto* heap = static_cast<Heap*>(ud);
  size_t old_size = ptr ? SizeField(ptr) : 0;
  if (size == 0) {
    if (ptr) {
      heap->in_use -= static_cast<int64_t>(old_size);
      Release(heap, ptr);
      // Garbage was collected: the next nudge comes an eighth of the limit above what is left.
      int64_t step = heap->limit / 8;
      if (heap->in_use + step < heap->collect_at) heap->collect_at = std::max(heap->limit / 2, heap->in_use + step);
    }
    return nullptr;
  }
  // mruby 3.1 answers a refused request by collecting all garbage and asking again at once. That
  // collection can free the very object the request is for (mrb_env_unshare's environment is
  // unreachable while its variables are copied off the stack; fixed in mruby after 3.1), and a
  // granted retry then writes into a freed object, which corrupts the VM's heap. So the retry
  // is refused too: the request raises NoMemoryError, and the memory the collection freed serves
  // the requests that follow. (The collections the VM needs come earlier: see collect_at.)
  const bool retry = heap->refusing && ptr == heap->refused_block && size == heap->refused_size;
  heap->refusing = false;
  if (retry) {
    if (ptr) shim::GrowthRefused(mrb, ptr, old_size);
    return nullptr;
  }
  int64_t grown = heap->in_use - static_cast<int64_t>(old_size) + static_cast<int64_t>(size);
  if (grown > heap->limit) {
    if (ptr) shim::GrowthRefused(mrb, ptr, old_size);
    Refuse(mrb, heap, ptr, size);
    return nullptr;
  }
  void* fresh;
  if (heap->arena) {
    fresh = ReallocateInArena(heap, ptr, old_size, size);
  } else {
    void* block = std::realloc(ptr ? static_cast<char*>(ptr) - kBlockHeader : nullptr, size + kBlockHeader);
    fresh = block ? static_cast<char*>(block) + kBlockHeader : nullptr;
  }
  if (!fresh) {
    if (ptr) shim::GrowthRefused(mrb, ptr, old_size);
    Refuse(mrb, heap, ptr, size);
    return nullptr;
  }
  SizeField(fresh) = size;
  heap->in_use = grown;
  if (grown > heap->peak) heap->peak = grown;
  // mruby collects by counting objects, not bytes: a few big Strings can fill the heap with
  // garbage before it would. Past collect_at, it collects at its next object allocation.
  if (grown > heap->collect_at && mrb) {
    shim::CollectSoon(mrb);
    heap->collect_at = grown + heap->limit / 8;
  }
  return fresh;
}

void FreeLargeBlocks(Heap* heap) {
  while (heap->large) {
    Heap::LargeBlock* next = heap->large->next;
    std::free(heap->large);
    heap->large = next;
  }
}

}  // namespace jetsam::vm
