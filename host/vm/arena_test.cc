#include "vm/arena.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "vm/heap.h"

#include <sys/mman.h>
#include <unistd.h>

namespace jetsam::vm {
namespace {

TEST(Arena, BlocksAreAlignedAndBigEnough) {
  auto arena = Arena::Create(1 << 20);
  ASSERT_NE(arena, nullptr);
  for (size_t size : {1u, 15u, 16u, 17u, 1000u, 1024u, 1025u, 5000u, 70000u, 131072u}) {
    void* p = arena->Allocate(size);
    ASSERT_NE(p, nullptr) << size;
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u) << size;
    EXPECT_GE(arena->BlockSize(p), size);
    EXPECT_LE(arena->BlockSize(p), size < 1024 ? size + 16 : size + size / 4) << size;
    EXPECT_TRUE(arena->Contains(p));
    std::memset(p, 0xab, size);  // the whole block is usable
  }
  EXPECT_EQ(arena->Allocate(Arena::kMaxBlock + 1), nullptr);
}

TEST(Arena, FreedBlocksAreReusedByTheirSizeClass) {
  auto arena = Arena::Create(1 << 20);
  void* a = arena->Allocate(100);
  void* b = arena->Allocate(3000);
  size_t used = arena->used();
  arena->Free(a);
  arena->Free(b);
  EXPECT_EQ(arena->Allocate(3000), b);
  EXPECT_EQ(arena->Allocate(97), a);  // same 16-byte class as 100
  EXPECT_EQ(arena->used(), used);
}

TEST(Arena, AFullRegionRefuses) {
  auto arena = Arena::Create(64 * 1024);
  int blocks = 0;
  while (arena->Allocate(4000)) ++blocks;
  EXPECT_GT(blocks, 10);
  EXPECT_LE(arena->used(), arena->capacity());
}

TEST(Arena, RestorePutsBackContentsAndAllocator) {
  auto arena = Arena::Create(1 << 20);
  char* kept = static_cast<char*>(arena->Allocate(32));
  std::strcpy(kept, "pristine");
  void* spare = arena->Allocate(64);
  arena->Free(spare);
  auto image = arena->Save();

  std::strcpy(kept, "dirty");
  EXPECT_EQ(arena->Allocate(64), spare);  // the free list is consumed...
  std::set<void*> later;
  for (int i = 0; i < 100; ++i) later.insert(arena->Allocate(500));

  arena->Restore(*image);
  EXPECT_STREQ(kept, "pristine");
  EXPECT_EQ(arena->used(), image->size);
  EXPECT_EQ(arena->Allocate(64), spare);  // ...and back after the restore
  EXPECT_EQ(later.count(arena->Allocate(500)), 1u);  // bump allocation starts where it was
}

TEST(Arena, RestoreGivesBackWhatABigEvaluationDirtied) {
  auto arena = Arena::Create(64 << 20);
  auto image = arena->Save();
  std::vector<char*> blocks;
  for (int i = 0; i < 200; ++i) {  // ~25 MiB, well past what a restore keeps committed
    blocks.push_back(static_cast<char*>(arena->Allocate(Arena::kMaxBlock)));
    std::memset(blocks.back(), 0x5a, Arena::kMaxBlock);
  }
  arena->Restore(*image);
  EXPECT_EQ(arena->used(), 0u);
  EXPECT_EQ(blocks.back()[0], 0);  // given back to the kernel: zero when touched again
  char* again = static_cast<char*>(arena->Allocate(Arena::kMaxBlock));
  EXPECT_EQ(again, blocks.front());
  std::memset(again, 1, Arena::kMaxBlock);
}

// Random allocations, frees and reallocations through the VM's allocator: no two live blocks
// overlap, contents survive every move, and the count of bytes in use is exact.
TEST(ArenaHeap, RandomWorkloadKeepsBlocksApartAndIntact) {
  auto arena = Arena::Create(2 << 20);  // small: part of the workload spills to malloc
  Heap heap;
  heap.arena = arena.get();
  heap.limit = 1ll << 30;
  std::mt19937 rng(20261123);
  std::map<char*, std::pair<size_t, char>> live;  // block => size, fill byte
  auto check = [&](char* p) {
    auto [size, fill] = live.at(p);
    for (size_t i = 0; i < size; i += 97) ASSERT_EQ(p[i], fill);
    ASSERT_EQ(p[size - 1], fill);
  };
  auto size_of = [&] {
    int kind = rng() % 10;
    return kind < 7 ? 1 + rng() % 256 : kind < 9 ? 1 + rng() % 20000 : 1 + rng() % 400000;
  };
  int64_t expected = 0;
  for (int step = 0; step < 20000; ++step) {
    int op = rng() % 3;
    if (op == 0 || live.empty()) {
      size_t size = size_of();
      char fill = static_cast<char>(rng());
      auto* p = static_cast<char*>(HeapAllocate(nullptr, nullptr, size, &heap));
      ASSERT_NE(p, nullptr);
      std::memset(p, fill, size);
      live[p] = {size, fill};
      expected += static_cast<int64_t>(size);
    } else {
      auto it = std::next(live.begin(), static_cast<long>(rng() % live.size()));
      char* p = it->first;
      check(p);
      auto [size, fill] = it->second;
      live.erase(it);
      expected -= static_cast<int64_t>(size);
      if (op == 1) {
        HeapAllocate(nullptr, p, 0, &heap);
      } else {
        size_t grown = size_of();
        auto* q = static_cast<char*>(HeapAllocate(nullptr, p, grown, &heap));
        ASSERT_NE(q, nullptr);
        size_t kept = std::min(size, grown);
        ASSERT_EQ(q[0], fill);
        ASSERT_EQ(q[kept - 1], fill);
        std::memset(q, fill, grown);
        live[q] = {grown, fill};
        expected += static_cast<int64_t>(grown);
      }
    }
    ASSERT_EQ(heap.in_use, expected);
  }
  char* end = nullptr;  // the map is ordered by address: each block ends before the next starts
  for (auto& [p, info] : live) {
    EXPECT_TRUE(end == nullptr || end <= p);
    end = p + info.first;
    check(p);
  }
  FreeLargeBlocks(&heap);
}

// The VM's allocator over an arena: small blocks inside it, big ones (and any once it is full)
// outside, all counted against the limit and all freed when the VM is discarded.
TEST(ArenaHeap, BigBlocksSpillAndAreFreedWithTheVm) {
  auto arena = Arena::Create(256 * 1024);
  Heap heap;
  heap.arena = arena.get();
  heap.limit = 64 << 20;
  void* small = HeapAllocate(nullptr, nullptr, 100, &heap);
  EXPECT_TRUE(arena->Contains(small));
  void* big = HeapAllocate(nullptr, nullptr, 1 << 20, &heap);
  ASSERT_NE(big, nullptr);
  EXPECT_FALSE(arena->Contains(big));
  EXPECT_EQ(heap.in_use, 100 + (1 << 20));
  std::vector<void*> fill;  // more than the arena holds: the rest spills
  for (int i = 0; i < 100; ++i) fill.push_back(HeapAllocate(nullptr, nullptr, 4000, &heap));
  EXPECT_TRUE(arena->Contains(fill.front()));
  EXPECT_FALSE(arena->Contains(fill.back()));
  EXPECT_NE(heap.large, nullptr);
  FreeLargeBlocks(&heap);  // what the warm start does when the VM is put back
  EXPECT_EQ(heap.large, nullptr);
}

TEST(ArenaHeap, ReallocKeepsContentsAcrossArenaAndMalloc) {
  auto arena = Arena::Create(1 << 20);
  Heap heap;
  heap.arena = arena.get();
  heap.limit = 64 << 20;
  char* p = static_cast<char*>(HeapAllocate(nullptr, nullptr, 20, &heap));
  std::strcpy(p, "keep me");
  char* same = static_cast<char*>(HeapAllocate(nullptr, p, 30, &heap));  // fits its 32-byte class
  EXPECT_EQ(same, p);
  char* grown = static_cast<char*>(HeapAllocate(nullptr, p, 300000, &heap));  // to malloc
  ASSERT_NE(grown, nullptr);
  EXPECT_FALSE(arena->Contains(grown));
  EXPECT_STREQ(grown, "keep me");
  char* regrown = static_cast<char*>(HeapAllocate(nullptr, grown, 600000, &heap));  // malloc to malloc
  EXPECT_STREQ(regrown, "keep me");
  char* shrunk = static_cast<char*>(HeapAllocate(nullptr, regrown, 40, &heap));  // back into the arena
  EXPECT_TRUE(arena->Contains(shrunk));
  EXPECT_STREQ(shrunk, "keep me");
  EXPECT_EQ(heap.large, nullptr);
  EXPECT_EQ(heap.in_use, 40);
  HeapAllocate(nullptr, shrunk, 0, &heap);
  EXPECT_EQ(heap.in_use, 0);
}

TEST(ArenaHeap, TheLimitStillBinds) {
  auto arena = Arena::Create(1 << 20);
  Heap heap;
  heap.arena = arena.get();
  heap.limit = 10000;
  EXPECT_NE(HeapAllocate(nullptr, nullptr, 6000, &heap), nullptr);
  EXPECT_EQ(HeapAllocate(nullptr, nullptr, 6000, &heap), nullptr);
  EXPECT_TRUE(heap.exhausted);
}

// An arena over memory the caller maps (the embedded VM, vm/image.h): a private mapping of a
// file, which Reset puts back to the file's bytes, and to the allocator's state given.
TEST(Arena, ResetGivesBackWhatTheFileHolds) {
  const size_t size = 64 * 1024;
  char path[] = "/tmp/jetsam-arena-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  unlink(path);
  std::vector<char> bytes(size, 'f');
  ASSERT_EQ(write(fd, bytes.data(), size), static_cast<ssize_t>(size));
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  close(fd);
  ASSERT_NE(p, MAP_FAILED);
  char* base = static_cast<char*>(p);
  {
    auto arena = Arena::Over(base, size, nullptr);
    void* first = arena->Allocate(100);
    const Arena::State pristine = arena->state();
    void* big = arena->Allocate(40000);
    std::memset(big, 'x', 40000);  // dirties pages, moves the top
    std::memset(first, 'y', 100);
    arena->Reset(pristine);
    EXPECT_EQ(arena->state().top, pristine.top);
    for (size_t i = 0; i < size; i += 512) ASSERT_EQ(base[i], 'f') << i;  // the file's bytes again
    EXPECT_EQ(arena->Allocate(40000), big);  // the allocator is where it was, too
  }
  EXPECT_EQ(base[0], 'f');  // the arena did not unmap what it does not own
  munmap(p, size);
}

}  // namespace
}  // namespace jetsam::vm
