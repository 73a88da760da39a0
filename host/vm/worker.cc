#include "vm/worker.h"

#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "vm/child_io.h"
#include "vm/isolate.h"

namespace jetsam::vm {
namespace {

// A message is its length (8 bytes, little-endian) and its bytes, both ways.
std::string Frame(const std::string& body) {
  std::string out(8, '\0');
  uint64_t n = body.size();
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  out += body;
  return out;
}

uint64_t FrameLength(const std::string& buf) {
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(buf[i]);
  return n;
}

// Reads exactly `n` bytes (blocking); false at end of file.
bool ReadExactly(int fd, size_t n, std::string* out) {
  out->clear();
  while (out->size() < n) {
    ssize_t got;
    char chunk[16384];
    size_t want = std::min(sizeof chunk, n - out->size());
    do got = read(fd, chunk, want);
    while (got < 0 && errno == EINTR);
    if (got <= 0) return false;
    out->append(chunk, static_cast<size_t>(got));
  }
  return true;
}

[[noreturn]] void Serve(const Limits& limits, const WorkerHandler& handler, int sock, ProgressSlot* progress,
                        pid_t parent, std::vector<int> keep_fds) {
  // Ctrl-C reaches the whole process group: the parent finishes its requests and then stops its
  // workers. A handler inherited from the parent (it may write to the parent's descriptors) goes.
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  signal(SIGPIPE, SIG_DFL);
  // Below its parent: a config that spins until its time limit competes less with the server's
  // own threads, which answer everything that needs no evaluation.
  setpriority(PRIO_PROCESS, 0, 5);
  keep_fds.push_back(sock);
  EnterSandbox(&limits, parent, progress, /*cpu_rlimit=*/false, std::move(keep_fds));
  std::string header, request;
  for (;;) {
    if (!ReadExactly(sock, 8, &header)) break;
    if (!ReadExactly(sock, FrameLength(header), &request)) break;
    std::string response = handler(request);
    request.clear();
    request.shrink_to_fit();
    if (!WriteAll(sock, Frame(response))) break;
#ifdef __GLIBC__
    // The sandbox's heap never shrinks by itself (EnterSandbox): after a request that took much
    // (a config near the memory limit), give the pages back, so a long-lived worker stays small.
    if (mallinfo2().arena > (64u << 20)) malloc_trim(0);
#endif
  }
  _exit(0);
}

}  // namespace

Status Worker::Start(const Limits& limits, WorkerHandler handler, std::unique_ptr<Worker>* out,
                     std::vector<int> keep_fds) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return Status::Internal(fmt::format("socketpair: {}", strerror(errno)));
  ProgressSlot* progress = MapProgressSlot();
  if (!progress) {
    close(sv[0]);
    close(sv[1]);
    return Status::Internal(fmt::format("mmap: {}", strerror(errno)));
  }
  fflush(nullptr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {sv[0], sv[1]}) close(fd);
    UnmapProgressSlot(progress);
    return Status::Internal(fmt::format("fork: {}", strerror(errno)));
  }
  if (pid == 0) {
    close(sv[0]);
    Serve(limits, handler, sv[1], progress, parent, std::move(keep_fds));
  }
  close(sv[1]);
  KeepProgressSlotFromLaterForks(progress);
  std::unique_ptr<Worker> w(new Worker());
  w->limits_ = limits;
  w->pid_ = pid;
  w->sock_ = sv[0];
  w->progress_ = progress;
  w->measured_ = clock_getcpuclockid(pid, &w->cpu_clock_) == 0;
  *out = std::move(w);
  return Status::Ok();
}

Worker::~Worker() { Kill(); }

int64_t Worker::cpu_ms() const { return alive() && measured_ ? ChildCpuMs(cpu_clock_) : -1; }

void Worker::Kill() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
  if (sock_ >= 0) close(sock_);
  sock_ = -1;
  UnmapProgressSlot(progress_);
  progress_ = nullptr;
}

Status Worker::Call(const std::string& request, std::string* response, const std::atomic<bool>* abandoned) {
  response->clear();
  if (!alive()) return Status::Internal("the worker is not running");
  ++calls_;
  timed_out_ = false;
  abandoned_ = false;
  progress_->length = 0;  // not the last call's file (the child is waiting for this request)
  const int64_t cpu_start = measured_ ? ChildCpuMs(cpu_clock_) : -1;
  const int64_t start = NowMs();
  const int64_t deadline = start + (measured_ ? 2 * limits_.cpu_ms + 1000 : limits_.cpu_ms + 250);
  const std::string frame = Frame(request);
  size_t sent = 0;
  const uint64_t max_response = MaxResultBytes(limits_);
  bool timed_out = false, too_large = false, gone = false;
  std::string buf;
  for (;;) {
    const int64_t now = NowMs();
    if (now >= deadline || (cpu_start >= 0 && ChildCpuMs(cpu_clock_) - cpu_start >= limits_.cpu_ms)) {
      timed_out = true;
      break;
    }
    if (abandoned && abandoned->load()) {
      gone = true;
      break;
    }
    short sock_events = POLLIN | (sent < frame.size() ? POLLOUT : 0);
    pollfd pfd = {sock_, sock_events, 0};
    // Short slices: the CPU clock and `abandoned` are checked between them.
    int slice = static_cast<int>(std::min<int64_t>(deadline - now, measured_ || abandoned ? 20 : deadline - now));
    int r = poll(&pfd, 1, std::max(slice, 1));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      break;
    }
    if ((pfd.revents & POLLOUT) && sent < frame.size()) {
      ssize_t n = send(sock_, frame.data() + sent, frame.size() - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n > 0) sent += static_cast<size_t>(n);
      else if (n < 0 && errno != EAGAIN && errno != EINTR) {
        break;
      }
    }
    if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
      char chunk[65536];
      ssize_t n = recv(sock_, chunk, sizeof chunk, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        break;
      }
      if (n > 0) buf.append(chunk, static_cast<size_t>(n));
      if (buf.size() >= 8) {
        const uint64_t want = FrameLength(buf);
        if (want > max_response) {
          too_large = true;
          break;
        }
        if (buf.size() - 8 >= want) {
          if (buf.size() - 8 > want) {  // more than one answer: not our protocol
            break;
          }
          *response = buf.substr(8);
          return Status::Ok();
        }
      }
    }
  }
  // The call failed (out of time, too large, or a broken channel: the child died or misbehaved):
  // the worker goes, and how it ended says why. A child that died by itself keeps its own signal.
  kill(pid_, SIGKILL);
  int wstatus = 0;
  while (waitpid(pid_, &wstatus, 0) < 0 && errno == EINTR) {
  }
  const std::string file = ReadProgress(progress_);  // the child is gone: the slot is still
  pid_ = -1;
  Kill();
  timed_out_ = timed_out;
  abandoned_ = gone;
  if (gone) return Status::Limit("the request was abandoned: nobody waits for its answer");
  if (too_large) {
    return Status::Limit(fmt::format("the evaluation's result is larger than {} MiB", max_response >> 20), {},
                         "a quarter of --memory-limit; raise it if the config really sets that much");
  }
  Status ended = DescribeChildEnd(limits_, timed_out, wstatus, file);
  if (!ended.ok()) return ended;
  return Status::Internal("the worker process ended without a result");
}

}  // namespace jetsam::vm
