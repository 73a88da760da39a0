// Reading a file that a checkout or a CI job supplies: never more than a fixed number of bytes,
// whatever it is (a config file, /dev/zero, a symlink into /proc).
#pragma once
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace jetsam::eval {

enum class BoundedRead { kOk, kCannotRead, kTooLarge };

// Reads all of `path` into `out` when it holds at most `max` bytes.
inline BoundedRead ReadBounded(const std::string& path, size_t max, std::string* out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return BoundedRead::kCannotRead;
  out->clear();
  char buf[65536];
  BoundedRead result = BoundedRead::kOk;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result = BoundedRead::kCannotRead;
      break;
    }
    if (n == 0) break;
    if (out->size() + static_cast<size_t>(n) > max) {
      result = BoundedRead::kTooLarge;
      break;
    }
    out->append(buf, static_cast<size_t>(n));
  }
  close(fd);
  if (result != BoundedRead::kOk) out->clear();
  return result;
}

}  // namespace jetsam::eval
