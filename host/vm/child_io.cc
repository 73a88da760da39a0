#include "vm/child_io.h"

#include <errno.h>
#include <unistd.h>

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
  char chunk[16384];  // a pipe holds 64 KiB; a bigger buffer is only more fresh stack pages
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buf->append(chunk, static_cast<size_t>(n));
    return true;
  }
}

namespace {
constexpr size_t kMaxProgressBytes = 1u << 16;
}  // namespace

void TrimProgress(std::string* progress) {
  if (progress->size() > kMaxProgressBytes) progress->erase(0, progress->size() - kMaxProgressBytes / 2);
}

std::string LastProgress(const std::string& progress) {
  size_t end = progress.rfind('\n');
  if (end == std::string::npos) return {};
  size_t start = end == 0 ? std::string::npos : progress.rfind('\n', end - 1);
  start = start == std::string::npos ? 0 : start + 1;
  return progress.substr(start, end - start);
}

}  // namespace jetsam::vm
