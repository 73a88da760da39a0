// What a parent and its sandboxed child (vm/isolate.h, vm/worker.h) use to talk: whole writes,
// reads that append, clocks, and the progress slot (the name of the file being evaluated).
#pragma once
#include <time.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace jetsam::vm {

int64_t NowMs();  // monotonic

// The CPU time of the process behind `clock` in ms, or -1 when it cannot be read.
int64_t ChildCpuMs(clockid_t clock);
// Writes all of `data` (retrying short writes); false when the other end is gone.
bool WriteAll(int fd, const char* data, size_t size);
inline bool WriteAll(int fd, const std::string& data) { return WriteAll(fd, data.data(), data.size()); }
// Appends what is readable on `fd` to `buf`; false at end of file or on an error.
bool ReadSome(int fd, std::string* buf);

// The config file a sandboxed child is evaluating, in one page shared with its parent (mapped
// before the fork): the child writes it without a system call, and the parent reads it only
// once the child is dead (killed or reaped), to name the file in a timeout or a crash. The child
// may be hostile: the parent believes nothing in it beyond "some bytes to show", clamped to the
// page (a length past it reads as the whole page), and reading it never costs more than a page.
struct ProgressSlot {
  uint32_t length;
  char bytes[4096 - sizeof(uint32_t)];
};
static_assert(sizeof(ProgressSlot) == 4096);

// A fresh (empty) slot, shared with the children forked after this call; nullptr on failure.
ProgressSlot* MapProgressSlot();
// In the parent, right after the fork: the slot is not shared with children forked later (by
// another thread, for another evaluation), which could otherwise write a name into it.
void KeepProgressSlotFromLaterForks(ProgressSlot* slot);
void UnmapProgressSlot(ProgressSlot* slot);
// In the child: the file now being evaluated (cut at the slot's size).
void WriteProgress(ProgressSlot* slot, const std::string& file);
// In the parent, the child dead: the name it wrote last, at most a page of bytes as they are.
std::string ReadProgress(const ProgressSlot* slot);

}  // namespace jetsam::vm
