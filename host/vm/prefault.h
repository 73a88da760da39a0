// A process's own writable pages mapped with a few system calls instead of a page fault each.
// Where a fault is dear (some virtual machines: over ten microseconds each, against about one on
// bare metal) a cold run spends more time faulting in its data, stack and heap than working; one
// madvise(MADV_POPULATE_WRITE) maps a page for a small part of that. After a fork every writable
// page is copy-on-write, in both processes: the first write to each is a fault again. Where the
// kernel lacks the call (before 5.14) it fails and the pages fault as before.
#pragma once
#include <cstddef>

namespace jetsam::vm {

// At the start of the executable (before its static constructors): maps the writable part of
// its data and bss (past what the loader made read-only after relocation), and the stack the
// kernel reserved below the caller's frame; remembers that stack's low end for PrefaultAfterFork.
void PrefaultAtStart();

// In either process, just after a fork: the same data, and up to `stack_bytes` of stack below
// the caller (within what PrefaultAtStart found mapped), copied in one call each.
void PrefaultAfterFork(size_t stack_bytes);
// What a process maps of its stack so: about what evaluating a small project, or reading it, uses.
constexpr size_t kForkStack = 128u << 10;

// Maps the malloc heap's pages, and the block the next request for `ahead` bytes gets: all of the
// heap when it is at most 1 MiB, only that block in a bigger one (a long-running process's: the
// rest stays copy-on-write page by page, for the pages written). Meant for one malloc arena (one thread): with more, the range starts too
// low, madvise stops at the first hole, and the pages fault as before.
void PrefaultHeap(size_t ahead);

// In a command-line process (a heap still small), while its first child evaluates: maps the heap
// that decoding the result and compiling it will grow into. Such a process is short-lived: from
// then on its heap never shrinks, and big blocks come from it rather than from fresh mmaps.
void PrefaultResultHeap();

}  // namespace jetsam::vm
