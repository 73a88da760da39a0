#include "script/repl_child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "script/output.h"
#include "vm/isolate.h"

namespace jetsam::script {
namespace {

int64_t NowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t CpuMs(clockid_t clock) {
  timespec ts;
  if (clock_gettime(clock, &ts) != 0) return -1;
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool ReadExactly(int fd, size_t n, std::string* out) {
  out->resize(n);
  size_t done = 0;
  while (done < n) {
    ssize_t got = read(fd, out->data() + done, n - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<size_t>(got);
  }
  return true;
}

// A message: its length (8 bytes, little-endian), then its bytes.
std::string Framed(const std::string& body) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((static_cast<uint64_t>(body.size()) >> (8 * i)) & 0xff);
  return out + body;
}

uint64_t Length(const std::string& header) {
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(header[i]);
  return n;
}

[[noreturn]] void Serve(const Limits& limits, const ReplChild::Handler& handler, int in, int out, pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(1);
  signal(SIGINT, SIG_IGN);  // Ctrl-C is the parent's to judge: it stops an input by killing this child
  rlim_t as = static_cast<rlim_t>(limits.memory_bytes) * 3 + (1024ull << 20);
  rlimit address_space{as, as}, no_core{0, 0};
  setrlimit(RLIMIT_AS, &address_space);
  setrlimit(RLIMIT_CORE, &no_core);
  int devnull = open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) dup2(devnull, fd);
    close(devnull);
  }
  vm::InstallSyscallFilter();
  std::string header, request;
  const uint64_t max_request = static_cast<uint64_t>(limits.memory_bytes);
  while (ReadExactly(in, 8, &header) && Length(header) <= max_request && ReadExactly(in, Length(header), &request)) {
    if (!WriteAll(out, Framed(handler(request)))) break;
  }
  _exit(0);
}

}  // namespace

Status ReplChild::Start(const Limits& limits, Handler handler, std::unique_ptr<ReplChild>* out) {
  int down[2], up[2];
  if (pipe2(down, O_CLOEXEC) != 0) return Status::Internal(fmt::format("pipe: {}", strerror(errno)));
  if (pipe2(up, O_CLOEXEC) != 0) {
    close(down[0]);
    close(down[1]);
    return Status::Internal(fmt::format("pipe: {}", strerror(errno)));
  }
  fflush(nullptr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {down[0], down[1], up[0], up[1]}) close(fd);
    return Status::Internal(fmt::format("fork: {}", strerror(errno)));
  }
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    Serve(limits, handler, down[0], up[1], parent);
  }
  close(down[0]);
  close(up[1]);
  std::unique_ptr<ReplChild> child(new ReplChild());
  child->limits_ = limits;
  child->pid_ = pid;
  child->to_child_ = down[1];
  child->from_child_ = up[0];
  child->measured_ = clock_getcpuclockid(pid, &child->cpu_clock_) == 0;
  *out = std::move(child);
  return Status::Ok();
}

ReplChild::~ReplChild() { Kill(); }

void ReplChild::Kill() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
  for (int* fd : {&to_child_, &from_child_}) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
  }
}

Status ReplChild::Call(const std::string& request, std::string* response, const std::function<bool()>& interrupted) {
  response->clear();
  if (!alive()) return Status::Internal("the evaluating process is not running");
  // A request is a line or a few: far below a pipe's buffer, which the child drains at once.
  if (!WriteAll(to_child_, Framed(request))) {
    Kill();
    return Status::Internal("the evaluating process has gone");
  }
  const int64_t cpu_start = measured_ ? CpuMs(cpu_clock_) : -1;
  const int64_t deadline = NowMs() + (measured_ ? 2 * limits_.cpu_ms + 1000 : limits_.cpu_ms + 250);
  const size_t max_response = vm::MaxResultBytes(limits_);
  std::string buf;
  bool timed_out = false, stopped = false;
  for (;;) {
    if (interrupted && interrupted()) {
      stopped = true;
      break;
    }
    const int64_t now = NowMs();
    if (now >= deadline || (cpu_start >= 0 && CpuMs(cpu_clock_) - cpu_start >= limits_.cpu_ms)) {
      timed_out = true;
      break;
    }
    pollfd pfd{from_child_, POLLIN, 0};
    int r = poll(&pfd, 1, 20);  // short slices: the CPU clock and Ctrl-C are checked between them
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;
    if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR))) continue;
    char chunk[16384];
    ssize_t n = read(from_child_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buf.append(chunk, static_cast<size_t>(n));
    if (buf.size() >= 8 && Length(buf) > max_response) break;
    if (buf.size() >= 8 && buf.size() - 8 == Length(buf)) {
      *response = buf.substr(8);
      return Status::Ok();
    }
  }
  // The child is gone or goes now; what ended it says why.
  kill(pid_, SIGKILL);
  int wstatus = 0;
  while (waitpid(pid_, &wstatus, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  Kill();
  const double seconds = static_cast<double>(limits_.cpu_ms) / 1000.0;
  if (stopped) return Status::Limit("interrupted");
  if (timed_out) {
    return Status::Limit(fmt::format("the input did not finish within the time limit of {:g} s", seconds), {},
                         "look for an endless loop; raise the limit with --timeout SECONDS");
  }
  if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) != SIGKILL) {
    return Status::Limit(fmt::format("the evaluation crashed ({})", strsignal(WTERMSIG(wstatus))), {},
                         "this is almost always runaway recursion or a structure nested without end");
  }
  return Status::Internal("the evaluating process ended without an answer");
}

}  // namespace jetsam::script
