#include "vm/child_io.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace jetsam::vm {

int64_t NowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t ChildCpuMs(clockid_t clock) {
  timespec ts;
  if (clock_gettime(clock, &ts) != 0) return -1;
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool WriteAll(int fd, const char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool ReadSome(int fd, std::string* buf) {
  // Straight into the string, a pipe's worth at most (64 KiB): a buffer on the stack between
  // them cost its fresh pages' faults on each side of a fork, and a copy.
  constexpr size_t kChunk = 64u << 10;
  const size_t have = buf->size();
  buf->resize(have + kChunk);
  for (;;) {
    ssize_t n = read(fd, buf->data() + have, kChunk);
    if (n < 0 && errno == EINTR) continue;
    buf->resize(have + static_cast<size_t>(std::max<ssize_t>(n, 0)));
    return n > 0;
  }
}

ProgressSlot* MapProgressSlot() {
  void* p = mmap(nullptr, sizeof(ProgressSlot), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? nullptr : static_cast<ProgressSlot*>(p);  // zero-filled: empty
}

void KeepProgressSlotFromLaterForks(ProgressSlot* slot) {
  if (slot) madvise(slot, sizeof(ProgressSlot), MADV_DONTFORK);
}

void UnmapProgressSlot(ProgressSlot* slot) {
  if (slot) munmap(slot, sizeof(ProgressSlot));
}

void WriteProgress(ProgressSlot* slot, const std::string& file) {
  const size_t n = std::min(file.size(), sizeof slot->bytes);
  std::memcpy(slot->bytes, file.data(), n);
  slot->length = static_cast<uint32_t>(n);
}

std::string ReadProgress(const ProgressSlot* slot) {
  if (!slot) return {};
  // One read of the length: the clamp and the copy use the same value.
  const uint32_t length = *static_cast<const volatile uint32_t*>(&slot->length);
  return std::string(slot->bytes, std::min<size_t>(length, sizeof slot->bytes));
}

}  // namespace jetsam::vm
