#include "vm/arena.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22  // Linux 5.14
#endif

namespace jetsam::vm {
namespace {

// Pages beyond the image that an evaluation dirtied are given back past this much.
constexpr size_t kKeepDirty = 8u << 20;

size_t ClassSize(int c) {
  if (c < 64) return static_cast<size_t>(c + 1) * 16;
  int d = (c - 64) / 4, k = (c - 64) % 4;
  size_t base = size_t{1024} << d;
  return base * (5 + k) / 4;
}

int ClassOf(size_t size) {
  if (size <= 16) return 0;
  if (size <= 1024) return static_cast<int>((size + 15) / 16) - 1;
  int d = 0;
  while ((size_t{2048} << d) < size) ++d;  // 1024 << d < size <= 2048 << d
  size_t base = size_t{1024} << d, step = base / 4;
  int k = static_cast<int>((size - base + step - 1) / step) - 1;
  return 64 + d * 4 + k;
}

uint64_t& ClassField(void* payload) { return *reinterpret_cast<uint64_t*>(static_cast<char*>(payload) - kBlockHeader); }

}  // namespace

std::unique_ptr<Arena> Arena::Create(size_t capacity) {
  capacity = (capacity + 4095) & ~size_t{4095};
  void* base = mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) return nullptr;
  return std::unique_ptr<Arena>(new Arena(static_cast<char*>(base), capacity, true));
}

std::unique_ptr<Arena> Arena::Over(char* base, size_t capacity, const State* state) {
  auto arena = std::unique_ptr<Arena>(new Arena(base, capacity, false));
  if (state) arena->state_ = *state;
  return arena;
}

Arena::Arena(char* base, size_t capacity, bool owned) : base_(base), capacity_(capacity), owned_(owned) {
  static_assert(sizeof State::free_lists / sizeof(void*) == kClasses);
  state_.top = base_;
  for (auto& head : state_.free_lists) head = nullptr;
}

Arena::~Arena() {
  if (owned_) munmap(base_, capacity_);
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14
#endif

void Arena::Populate(size_t from, size_t to, bool write) {
  from &= ~size_t{4095};
  to = std::min((to + 4095) & ~size_t{4095}, capacity_);
  if (from < to) madvise(base_ + from, to - from, write ? MADV_POPULATE_WRITE : MADV_POPULATE_READ);
}

void Arena::Reset(const State& state) {
  size_t dirty = (used() + 4095) & ~size_t{4095};
  madvise(base_, dirty, MADV_DONTNEED);
  state_ = state;
}

void* Arena::Allocate(size_t size) {
  if (size > kMaxBlock) return nullptr;
  int c = ClassOf(size);
  if (void* block = state_.free_lists[c]) {
    state_.free_lists[c] = *static_cast<void**>(block);
    return block;
  }
  size_t need = kBlockHeader + ClassSize(c);
  if (static_cast<size_t>(base_ + capacity_ - state_.top) < need) return nullptr;
  void* block = state_.top + kBlockHeader;
  state_.top += need;
  ClassField(block) = static_cast<uint64_t>(c);
  return block;
}

void Arena::Free(void* block) {
  int c = static_cast<int>(ClassField(block));
  *static_cast<void**>(block) = state_.free_lists[c];
  state_.free_lists[c] = block;
}

size_t Arena::BlockSize(const void* block) const {
  return ClassSize(static_cast<int>(ClassField(const_cast<void*>(block))));
}

std::unique_ptr<Arena::Image> Arena::Save() const {
  auto image = std::make_unique<Image>();
  image->state = state_;
  image->size = used();
  image->bytes = std::make_unique<char[]>(image->size);
  std::memcpy(image->bytes.get(), base_, image->size);
  return image;
}

void Arena::Restore(const Image& image) {
  size_t dirty = used();
  std::memcpy(base_, image.bytes.get(), image.size);
  state_ = image.state;
  // An evaluation that built a big heap leaves its pages committed; give back all but a few MiB.
  if (dirty > image.size + kKeepDirty) {
    size_t from = (image.size + kKeepDirty + 4095) & ~size_t{4095};
    madvise(base_ + from, dirty - from, MADV_DONTNEED);
  }
}

}  // namespace jetsam::vm
