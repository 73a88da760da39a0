// Prefault: the pages a process writes next mapped by one call, not a fault each. Counted with
// getrusage's minor faults, in a child (each process counts its own).
#include "vm/prefault.h"

#include <gtest/gtest.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstdint>
#include <cstring>

namespace jetsam::vm {
namespace {

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

constexpr size_t kPages = 64;
char data_pages[kPages * 4096];  // in the executable's bss

long MinorFaults() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

bool KernelPopulates() {
  void* p = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  const bool ok = madvise(p, 4096, MADV_POPULATE_WRITE) == 0;
  munmap(p, 4096);
  return ok;
}

// Fills `bytes` of stack below this frame (not inlined, not elided).
[[gnu::noinline]] void UseStack(size_t bytes) {
  volatile char* frame = static_cast<volatile char*>(alloca(bytes));
  for (size_t i = 0; i < bytes; i += 4096) frame[i] = 1;
}

// In a child: the faults its writes to the data pages, then to 64 KiB of stack, take after
// `prepare`. Reported through the exit status (at most 255).
template <typename Prepare>
int FaultsInChild(Prepare prepare) {
  memset(data_pages, 1, sizeof data_pages);  // the parent's pages exist: the child's are shared
  UseStack(96 << 10);
  pid_t pid = fork();
  if (pid == 0) {
    prepare();
    const long before = MinorFaults();
    for (size_t i = 0; i < sizeof data_pages; i += 4096) data_pages[i] = 2;
    UseStack(64 << 10);
    const long faults = MinorFaults() - before;
    _exit(faults > 255 ? 255 : static_cast<int>(faults));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(Prefault, AForkedChildWritesItsDataAndStackWithoutAFaultEach) {
  if (!KernelPopulates()) GTEST_SKIP() << "no MADV_POPULATE_WRITE (Linux before 5.14)";
  UseStack(128 << 10);  // mapped, as the kernel maps it below a new program's first frame
  PrefaultAtStart();      // as the executable's start does; here it only finds the stack
  const int without = FaultsInChild([] {});
  const int with = FaultsInChild([] { PrefaultAfterFork(kForkStack); });
  // Without: a fault for each data page at least (shared after the fork) and the stack's.
  EXPECT_GE(without, static_cast<int>(kPages)) << "the control run should fault page by page";
  // With: a handful (getrusage's own frame, a page the calls did not reach), not one a page.
  EXPECT_LE(with, 4) << "without " << without;
}

// In a child whose malloc works as a sandboxed child's does (EnterSandbox: the heap never
// shrinks, big blocks come from it): the faults that writing a fresh 256 KiB block takes after
// `prepare`.
template <typename Prepare>
int HeapFaultsInChild(Prepare prepare) {
  pid_t pid = fork();
  if (pid == 0) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, INT32_MAX);
    prepare();
    const long before = MinorFaults();
    char* block = static_cast<char*>(std::malloc(256 << 10));
    for (size_t i = 0; i < (256u << 10); i += 4096) block[i] = 1;
    const long faults = MinorFaults() - before;
    _exit(faults > 255 ? 255 : static_cast<int>(faults));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(Prefault, TheHeapsNextBlockIsMappedAhead) {
  if (!KernelPopulates()) GTEST_SKIP() << "no MADV_POPULATE_WRITE (Linux before 5.14)";
  const int without = HeapFaultsInChild([] {});
  const int with = HeapFaultsInChild([] { PrefaultHeap(256 << 10); });
  EXPECT_GE(without, 32) << "the control run should fault page by page";
  EXPECT_LE(with, 4) << "without " << without;
}

}  // namespace
}  // namespace jetsam::vm
