#include "vm/standby.h"

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "vm/child_io.h"
#include "vm/isolate.h"

namespace jetsam::vm {
namespace {

constexpr size_t kLengthBytes = 8;

std::string LengthHeader(uint64_t n) {
  std::string header(kLengthBytes, '\0');
  for (size_t i = 0; i < kLengthBytes; ++i) header[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return header;
}

uint64_t HeaderLength(const std::string& buf) {
  uint64_t n = 0;
  for (size_t i = kLengthBytes; i-- > 0;) n = (n << 8) | static_cast<unsigned char>(buf[i]);
  return n;
}

// Waits for one input (a length, then that many bytes) on `fd`. False at the end of the stream
// first (the parent needed no evaluation after all).
bool ReceiveInput(int fd, std::string* input) {
  std::string buf;
  for (;;) {
    if (buf.size() >= kLengthBytes && buf.size() - kLengthBytes >= HeaderLength(buf)) break;
    pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, -1);
    if (r == 0 || (r < 0 && errno == EINTR)) continue;
    if (r < 0 || !ReadSome(fd, &buf)) return false;
  }
  *input = buf.substr(kLengthBytes, HeaderLength(buf));
  return true;
}

[[noreturn]] void RunStandbyChild(Standby::Prepare prepare, Standby::Work work, int sock, ProgressSlot* progress,
                                  pid_t parent) {
  if (prepare) prepare();
  EnterSandbox(nullptr, parent, progress, /*cpu_rlimit=*/true, {sock});  // limits: the parent's, later
  std::string input;
  if (!ReceiveInput(sock, &input)) _exit(0);
  SendResultAndExit(sock, work(input));
}

bool SendAll(int fd, const char* data, size_t size) {
  for (size_t done = 0; done < size;) {
    ssize_t n = send(fd, data + done, size - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::unique_ptr<Standby> Standby::Start(Prepare prepare, Work work) {
  ReapFinished();
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return nullptr;
  ProgressSlot* progress = MapProgressSlot();
  if (!progress) {
    close(sv[0]);
    close(sv[1]);
    return nullptr;
  }
  fflush(nullptr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    close(sv[0]);
    close(sv[1]);
    UnmapProgressSlot(progress);
    return nullptr;
  }
  if (pid == 0) {
    close(sv[0]);
    RunStandbyChild(prepare, work, sv[1], progress, parent);
  }
  close(sv[1]);
  KeepProgressSlotFromLaterForks(progress);
  std::unique_ptr<Standby> standby(new Standby());
  standby->pid_ = pid;
  standby->sock_ = sv[0];
  standby->progress_ = progress;
  standby->elsewhere_ = RunElsewhere(pid);
  return standby;
}

Standby::~Standby() {
  if (pid_ < 0) return;
  close(sock_);  // the child reads the end of its input and exits
  UnmapProgressSlot(progress_);
  ReapWhenDone(pid_);
}

Status Standby::Run(const Limits& limits, const std::string& input, std::string* payload, bool* sent) {
  *sent = false;
  if (pid_ < 0) return Status::Internal("the standby child was used already");
  const pid_t pid = pid_;
  pid_ = -1;  // used, whatever comes
  clockid_t cpu_clock;
  const int64_t before = clock_getcpuclockid(pid, &cpu_clock) == 0 ? ChildCpuMs(cpu_clock) : 0;
  const std::string header = LengthHeader(input.size());
  // Its limits before its input: the child runs nothing of the input unbounded.
  if (!LimitProcess(pid, limits, /*cpu_rlimit=*/true) || !SendAll(sock_, header.data(), header.size()) ||
      !SendAll(sock_, input.data(), input.size())) {
    kill(pid, SIGKILL);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    close(sock_);
    UnmapProgressSlot(progress_);
    return Status::Internal("the evaluation's child could not take its input");
  }
  *sent = true;
  return AwaitResult(limits, {pid, sock_, progress_, elsewhere_, std::max<int64_t>(before, 0)}, payload);
}

}  // namespace jetsam::vm
