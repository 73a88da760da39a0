// A memory region with its own allocator, whose whole state can be saved and put back.
//
// Why: building an mruby VM (core classes, gems, jetsam's mrblib) costs as much as the rest of an
// evaluation (bench/compile_bench.cc: BM_EvaluateCompileEmitCold against the warm one). If every block of the VM lives in one region, the finished VM can
// be kept as an image of that region and copied back before each evaluation: the pointers stay
// valid because the region never moves. See vm/warm_start.h.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

namespace jetsam::vm {

// Each block is preceded by 16 bytes: the arena's size class (8 bytes) and 8 bytes left to the
// caller (vm/heap.cc keeps the requested size there). The payload stays 16-byte aligned.
// vm/heap.cc gives a malloc'd block a header of the same size, so that both kinds look alike.
constexpr size_t kBlockHeader = 16;

class Arena {
 public:
  // Blocks up to this size come from the region; larger ones are the caller's business.
  static constexpr size_t kMaxBlock = 128 * 1024;

  // Reserves `capacity` bytes of address space (pages are committed as they are touched).
  // nullptr when the kernel refuses the mapping.
  static std::unique_ptr<Arena> Create(size_t capacity);

  // The allocator's state: where the unused part starts, and the free blocks of each class.
  struct State {
    char* top;                     // next unused byte
    void* free_lists[64 + 7 * 4];  // a freed block's first word links to the next of its class
  };
  // An arena over memory the caller owns and keeps (vm/image.h: a region of the executable),
  // in `state`, or empty when `state` is null.
  static std::unique_ptr<Arena> Over(char* base, size_t capacity, const State* state);
  const State& state() const { return state_; }
  // Maps the region's pages in [from, to) now, with one call: where a page fault is dear,
  // cheaper than a fault for each page the VM touches. `write`: writable (for a private mapping
  // of a file, each page copied); else readable (the file's pages, shared). Best effort (Linux
  // 5.14).
  void Populate(size_t from, size_t to, bool write);
  // Drops every page written since the memory was mapped, so that it reads as the mapping's
  // own bytes again (for a private mapping of a file, the file's), and takes `state`.
  void Reset(const State& state);
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // A block of at least `size` bytes (1..kMaxBlock), 16-byte aligned; nullptr when the region
  // is full. Free returns it to its size class.
  void* Allocate(size_t size);
  void Free(void* block);
  // The usable size of a block from Allocate (its size class).
  size_t BlockSize(const void* block) const;
  bool Contains(const void* p) const {
    return static_cast<const char*>(p) >= base_ && static_cast<const char*>(p) < base_ + capacity_;
  }

  // Bytes of the region handed out so far (the high-water mark).
  size_t used() const { return static_cast<size_t>(state_.top - base_); }
  size_t capacity() const { return capacity_; }

  // The region's contents and the allocator's state, as they are now.
  struct Image;
  std::unique_ptr<Image> Save() const;
  // Puts the region and the allocator back as they were at Save (an Image of this arena).
  void Restore(const Image& image);

  static constexpr int kClasses = 64 + 7 * 4;  // 16-byte steps to 1 KiB, then 4 per doubling

 private:
  Arena(char* base, size_t capacity, bool owned);

  char* base_;
  size_t capacity_;
  bool owned_;  // mapped by Create, unmapped with the arena
  State state_;
};

struct Arena::Image {
  Arena::State state;
  std::unique_ptr<char[]> bytes;
  size_t size = 0;
};

}  // namespace jetsam::vm
