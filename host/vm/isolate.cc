#include "vm/isolate.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

namespace jetsam::vm {
namespace {

int64_t NowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

[[noreturn]] void RunChild(const Limits& limits, const std::function<std::string()>& work, int out) {
  rlimit cpu{static_cast<rlim_t>((limits.cpu_ms + 999) / 1000 + 1), static_cast<rlim_t>((limits.cpu_ms + 999) / 1000 + 2)};
  setrlimit(RLIMIT_CPU, &cpu);
  // The VM's own allocator enforces memory_bytes precisely; this backstop also covers the host
  // side of the child (copying values out).
  rlim_t as = static_cast<rlim_t>(limits.memory_bytes) * 3 + (1024ull << 20);
  rlimit address_space{as, as};
  setrlimit(RLIMIT_AS, &address_space);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  int devnull = open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    dup2(devnull, STDIN_FILENO);
    dup2(devnull, STDOUT_FILENO);
    close(devnull);
  }
  if (!InstallSyscallFilter()) {
    // Without the filter we still run: the Ruby world has no File/IO/Socket to begin with.
  }
  std::string result = work();
  WriteAll(out, result);
  // exit_group without atexit handlers or stdio flushing.
  _exit(0);
}

}  // namespace

Status RunIsolated(const Limits& limits, const std::function<std::string()>& work, std::string* payload) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return Status::Internal(fmt::format("pipe: {}", strerror(errno)));
  fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return Status::Internal(fmt::format("fork: {}", strerror(errno)));
  }
  if (pid == 0) {
    close(fds[0]);
    RunChild(limits, work, fds[1]);
  }
  close(fds[1]);
  const int64_t deadline = NowMs() + limits.cpu_ms + 250;
  bool timed_out = false;
  payload->clear();
  char buf[65536];
  for (;;) {
    int64_t left = deadline - NowMs();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd pfd{fds[0], POLLIN, 0};
    int r = poll(&pfd, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      timed_out = true;
      break;
    }
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    payload->append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  double seconds = static_cast<double>(limits.cpu_ms) / 1000.0;
  if (timed_out || (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGXCPU)) {
    return Status::Limit(fmt::format("the config did not finish within the time limit of {:g} s", seconds), {},
                         "look for an endless loop; raise the limit with --timeout SECONDS if the config is merely slow");
  }
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    if (sig == SIGSYS) {
      return Status::Limit("the config attempted a forbidden system call and was stopped", {},
                           "config files cannot open files, run programs or use the network");
    }
    return Status::Limit(fmt::format("the evaluation crashed ({})", strsignal(sig)), {},
                         "this is almost always runaway recursion or a structure nested without end");
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || payload->empty()) {
    return Status::Internal("the evaluation process ended without a result");
  }
  return Status::Ok();
}

}  // namespace jetsam::vm
