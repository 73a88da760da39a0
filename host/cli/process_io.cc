#include "cli/process_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace jetsam::cli {
namespace {

int OutputFailed(int error) {
  std::fprintf(stderr, "jetsam: cannot write the output: %s\n", std::strerror(error ? error : EIO));
  return 1;
}

}  // namespace

void OccupyClosedStandardFds() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    // open returns the lowest free descriptor: this one, as the lower ones are open.
    int taken = open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
    if (taken >= 0 && taken != fd) close(taken);
  }
}

int RunWithCheckedOutput(const std::function<int()>& command) {
  int status;
  try {
    status = command();
  } catch (const std::system_error& e) {
    // fmt::print throws when a write fails: the output's, or stderr's (then nothing can be said).
    if (std::ferror(stdout)) return OutputFailed(e.code().value());
    if (std::ferror(stderr)) return 1;
    throw;
  }
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) return OutputFailed(errno);
  return status;
}

}  // namespace jetsam::cli
