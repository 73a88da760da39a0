#include "vm/prefault.h"

#include <link.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace jetsam::vm {
namespace {

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14
#endif

constexpr uintptr_t kPage = 4096;
// What the kernel maps below the stack's initial top at exec (setup_arg_pages: 128 KiB past the
// arguments), less what the argument pointers and the frames up to PrefaultAtStart may take.
constexpr uintptr_t kReservedStack = 96u << 10;
// What a command-line process's heap grows by while its child evaluates (PrefaultResultHeap):
// about what decoding a small project's result and compiling its roles take.
constexpr size_t kResultHeap = 256u << 10;
// The largest heap shared at fork that is mapped (copied) in full: a command-line process's.
constexpr size_t kSharedHeapLimit = 1u << 20;

uintptr_t AlignDown(uintptr_t a) { return a & ~(kPage - 1); }
uintptr_t AlignUp(uintptr_t a) { return (a + kPage - 1) & ~(kPage - 1); }

void PopulateWrite(uintptr_t begin, uintptr_t end) {
  if (begin < end) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
}

struct Range {
  uintptr_t begin = 0, end = 0;
};

// The executable's writable data and bss, less what the loader made read-only after relocating
// it (PT_GNU_RELRO): populating a read-only page for writing fails.
Range WritableData() {
  Range range;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) {
        auto* r = static_cast<Range*>(out);
        uintptr_t relro_end = 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[i];
          const uintptr_t at = info->dlpi_addr + ph.p_vaddr;
          if (ph.p_type == PT_LOAD && (ph.p_flags & PF_W) && r->end == 0) *r = {at, at + ph.p_memsz};
          if (ph.p_type == PT_GNU_RELRO) relro_end = AlignDown(at + ph.p_memsz);
        }
        if (r->end != 0 && relro_end > r->begin) r->begin = relro_end;
        r->begin = AlignDown(r->begin);
        r->end = AlignUp(r->end);
        return 1;  // the executable comes first; shared libraries, if any, keep faulting
      },
      &range);
  return range;
}

uintptr_t StackHere() { return AlignDown(reinterpret_cast<uintptr_t>(__builtin_frame_address(0))); }

uintptr_t stack_low = 0;  // the lowest stack address known to be mapped (PrefaultAtStart)

}  // namespace

void PrefaultAtStart() {
  const Range data = WritableData();
  PopulateWrite(data.begin, data.end);
  const uintptr_t here = StackHere();
  stack_low = here - kReservedStack;
  PopulateWrite(stack_low, here);
}

void PrefaultAfterFork(size_t stack_bytes) {
  const Range data = WritableData();
  PopulateWrite(data.begin, data.end);
  if (stack_low == 0) return;  // not PrefaultAtStart's executable (a test): its stack is unknown
  const uintptr_t here = StackHere();
  uintptr_t low = here > stack_bytes ? here - stack_bytes : 0;
  if (low < stack_low) low = stack_low;
  PopulateWrite(low, here + 2 * kPage);  // and the frames it returns to
}

void PrefaultHeap(size_t ahead) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  // The block malloc gives for `ahead` bytes (from the free top, grown if need be, or a free
  // chunk): the next requests get it again once it is freed.
  char* const block = ahead > 0 ? static_cast<char*>(std::malloc(ahead)) : nullptr;
  const struct mallinfo2 heap = mallinfo2();
  const uintptr_t end = reinterpret_cast<uintptr_t>(sbrk(0));
  const uintptr_t start = AlignDown(end - heap.arena);
  if (heap.arena > 0 && end - start <= kSharedHeapLimit) {
    PopulateWrite(start, end);
  } else if (block) {  // a big heap: the block only
    const uintptr_t at = reinterpret_cast<uintptr_t>(block);
    PopulateWrite(AlignUp(at), AlignDown(at + ahead));
  }
  std::free(block);
#else
  (void)ahead;
#endif
}

void PrefaultResultHeap() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  static bool prepared = false;
  if (prepared || mallinfo2().arena > kSharedHeapLimit) return;
  prepared = true;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, INT32_MAX);
  PrefaultHeap(kResultHeap);
#endif
}

}  // namespace jetsam::vm
