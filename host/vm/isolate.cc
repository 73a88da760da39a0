#include "vm/isolate.h"

#include "vm/child_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace jetsam::vm {
namespace {

// Ends a whole result: without it the child died while writing and its exit status tells how.
constexpr char kDone[8] = {'\0', 'J', 'S', 'M', 'D', 'O', 'N', 'E'};

// Children whose result arrived whole: reaped without waiting, at the next RunIsolated or exit.
std::vector<pid_t>& Unreaped() {
  static std::vector<pid_t> pids;
  return pids;
}

}  // namespace

void ReapWhenDone(pid_t pid) { Unreaped().push_back(pid); }

void ReapFinished() {
  auto& pids = Unreaped();
  std::erase_if(pids, [](pid_t pid) {
    int st;
    return waitpid(pid, &st, WNOHANG) != 0;
  });
}

namespace {

// The child's progress slot (none outside a sandboxed child).
ProgressSlot* progress_slot = nullptr;

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14
#endif

// What the child's heap grows by before the evaluation, mapped at once: about what evaluating a
// small project takes (samples/demo: some 150 KiB, its VM mapped from the executable with Jets'
// defaults built in). Past it, the heap grows and faults as usual.
constexpr size_t kChildHeap = 160u << 10;
// What a command-line process's heap grows by while its child evaluates (PrepareResultHeap):
// about what decoding a small project's result and compiling its roles take.
constexpr size_t kResultHeap = 256u << 10;
// The room a result starts with: a small project's, and a read's (ReadSome) at least.
constexpr size_t kResultRoom = 128u << 10;
// The largest heap shared at fork that is mapped (copied) in full: a command-line process's.
// A bigger one (a long-running parent) keeps copy-on-write page by page, for the pages written.
constexpr size_t kSharedHeapLimit = 1u << 20;

// Maps the malloc heap's pages with one madvise, after growing its top to `ahead` free bytes.
// After fork, the first write to each heap page is a fault, for a page shared with the other
// process (copy-on-write) as for a fresh one; where a fault is dear (some virtual machines), one
// call costs less than a fault per page. Meant for one malloc arena (one thread): with more,
// mallinfo2 counts them all and the range starts too low, so madvise stops at the first hole,
// as it fails on kernels before 5.14; the pages then fault as before.
void PopulateHeap(size_t ahead) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  const uintptr_t page = 4096;
  struct mallinfo2 heap = mallinfo2();
  const uintptr_t shared_end = reinterpret_cast<uintptr_t>(sbrk(0)) & ~(page - 1);
  if (heap.keepcost < ahead) {
    void* volatile grow = std::malloc(ahead);  // volatile: the pair is not elided
    std::free(grow);
    heap = mallinfo2();
  }
  const uintptr_t end = reinterpret_cast<uintptr_t>(sbrk(0));
  uintptr_t start = (end - heap.arena) & ~(page - 1);
  if (shared_end > start && shared_end - start > kSharedHeapLimit) start = shared_end;  // the growth only
  if (heap.arena > 0 && start < end) madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_WRITE);
#else
  (void)ahead;
#endif
}

// In a command-line process (a heap still small), while its first child evaluates: maps the heap
// that decoding the result and compiling it will grow into, which would otherwise fault page by
// page after the child is done. Such a process is short-lived: its heap need not shrink, and the
// result's blocks come from it rather than from fresh mmaps.
void PrepareResultHeap() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  static bool prepared = false;
  if (prepared || mallinfo2().arena > kSharedHeapLimit) return;
  prepared = true;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, INT32_MAX);
  PopulateHeap(kResultHeap);
#endif
}


}  // namespace

bool RunElsewhere(pid_t child) {
  const int here = sched_getcpu();
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (here < 0 || here >= CPU_SETSIZE || sched_getaffinity(0, sizeof allowed, &allowed) != 0) return false;
  if (!CPU_ISSET(here, &allowed) || CPU_COUNT(&allowed) < 2) return false;
  CPU_CLR(here, &allowed);
  return sched_setaffinity(child, sizeof allowed, &allowed) == 0;
}

void RunAnywhere(pid_t child) {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) sched_setaffinity(child, sizeof allowed, &allowed);
}

bool LimitProcess(pid_t pid, const Limits& limits, bool cpu_rlimit) {
  bool ok = true;
  if (cpu_rlimit) {  // a long-lived worker is bounded per request by its parent instead
    rlimit cpu{static_cast<rlim_t>((limits.cpu_ms + 999) / 1000 + 1), static_cast<rlim_t>((limits.cpu_ms + 999) / 1000 + 2)};
    ok = prlimit(pid, RLIMIT_CPU, &cpu, nullptr) == 0;
  }
  // The VM's own allocator enforces memory_bytes precisely; this backstop also covers the host
  // side of the child (copying values out).
  rlim_t as = static_cast<rlim_t>(limits.memory_bytes) * 3 + (1024ull << 20);
  rlimit address_space{as, as};
  return prlimit(pid, RLIMIT_AS, &address_space, nullptr) == 0 && ok;
}

void CloseInheritedFds(std::vector<int> keep) {
  std::sort(keep.begin(), keep.end());
  // close_range (Linux 5.9) between the kept ones; before it, the descriptors /proc lists.
  bool closed = true;
  unsigned low = 3;
  for (int fd : keep) {
    if (fd < static_cast<int>(low)) continue;
    if (static_cast<unsigned>(fd) > low) closed = closed && syscall(SYS_close_range, low, fd - 1, 0) == 0;
    low = static_cast<unsigned>(fd) + 1;
  }
  closed = closed && syscall(SYS_close_range, low, ~0u, 0) == 0;
  if (closed) return;
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return;
  std::vector<int> open_fds;
  while (dirent* e = readdir(dir)) {
    int fd = std::atoi(e->d_name);
    if (fd >= 3 && fd != dirfd(dir) && !std::binary_search(keep.begin(), keep.end(), fd)) open_fds.push_back(fd);
  }
  closedir(dir);
  for (int fd : open_fds) close(fd);
}

void EnterSandbox(const Limits* limits, pid_t parent, ProgressSlot* progress, bool cpu_rlimit,
                  std::vector<int> keep_fds) {
  // Die with the parent, which alone watches the time limit. The parent may already have died
  // before the request was made: then the child has been handed to another process.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(1);
  progress_slot = progress;
  if (limits) LimitProcess(0, *limits, cpu_rlimit);
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  PopulateHeap(0);  // first: mallopt writes to the free blocks
#ifdef __GLIBC__
  // This process is short-lived: its heap never shrinks, and big blocks (a few hundred settings)
  // come from it too rather than from fresh mmaps, so that kChildHeap can serve them.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, INT32_MAX);
#endif
  PopulateHeap(kChildHeap);
  // The config's output reaches the parent only through the result, capped and marked. What
  // mruby itself writes to fd 1 or 2 (the code generator's "FILE:LINE: too complex expression",
  // with a file name the config chooses, as often as the config likes) is dropped: the same
  // error also comes back as a Ruby exception.
  int devnull = open("/dev/null", O_RDWR);
  if (devnull >= 0) {
    dup2(devnull, STDIN_FILENO);
    dup2(devnull, STDOUT_FILENO);
    dup2(devnull, STDERR_FILENO);
    close(devnull);
  }
  // What the parent had open (a server's listening socket and its clients' connections, another
  // worker's socket, a descriptor the caller passed) is no business of the config's: even past an
  // escape from the VM, the filter would still let it write to them.
  CloseInheritedFds(std::move(keep_fds));
  if (!InstallSyscallFilter()) {
    // Without the filter we still run: the Ruby world has no File/IO/Socket to begin with.
  }
}

namespace {

[[noreturn]] void RunChild(const Limits& limits, const std::function<std::string()>& work, int out,
                           ProgressSlot* progress, pid_t parent, std::vector<int> keep_fds) {
  keep_fds.push_back(out);
  EnterSandbox(&limits, parent, progress, /*cpu_rlimit=*/true, std::move(keep_fds));
  SendResultAndExit(out, work());
}

}  // namespace

ProgressSlot* ChildProgressSlot() { return progress_slot; }

void ReportProgress(const std::string& file) {
  if (progress_slot) WriteProgress(progress_slot, file);
}

Status DescribeChildEnd(const Limits& limits, bool timed_out, int wstatus, const std::string& file) {
  Location where = file.empty() ? Location{} : Location{file, 0};
  double seconds = static_cast<double>(limits.cpu_ms) / 1000.0;
  if (timed_out || (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGXCPU)) {
    return Status::Limit(fmt::format("the config did not finish within the time limit of {:g} s", seconds), where,
                         "look for an endless loop; raise the limit with --timeout SECONDS if the config is merely slow");
  }
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    if (sig == SIGSYS) {
      return Status::Limit("the config attempted a forbidden system call and was stopped", where,
                           "config files cannot open files, run programs or use the network");
    }
    return Status::Limit(fmt::format("the evaluation crashed ({})", strsignal(sig)), where,
                         "this is almost always runaway recursion or a structure nested without end");
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return Status::Internal("the evaluation process ended without a result");
  }
  return Status::Ok();
}

void SendResultAndExit(int out, std::string result) {
  result.append(kDone, sizeof kDone);
  WriteAll(out, result);
  // Close before exiting: the kernel frees the child's memory before it closes descriptors, and
  // the parent need not wait for that once the result is whole.
  close(out);
  // exit_group without atexit handlers or stdio flushing.
  _exit(0);
}

Status RunIsolated(const Limits& limits, const std::function<std::string()>& work, std::string* payload,
                   std::vector<int> keep_fds) {
  ReapFinished();
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return Status::Internal(fmt::format("pipe: {}", strerror(errno)));
  ProgressSlot* progress = MapProgressSlot();
  if (!progress) {
    close(fds[0]);
    close(fds[1]);
    return Status::Internal(fmt::format("mmap: {}", strerror(errno)));
  }
  fflush(nullptr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {fds[0], fds[1]}) close(fd);
    UnmapProgressSlot(progress);
    return Status::Internal(fmt::format("fork: {}", strerror(errno)));
  }
  if (pid == 0) {
    close(fds[0]);
    RunChild(limits, work, fds[1], progress, parent, std::move(keep_fds));
  }
  bool elsewhere = RunElsewhere(pid);
  close(fds[1]);
  KeepProgressSlotFromLaterForks(progress);
  return AwaitResult(limits, {pid, fds[0], progress, elsewhere, 0}, payload);
}

Status AwaitResult(const Limits& limits, AwaitedChild child, std::string* payload) {
  const pid_t pid = child.pid;
  ProgressSlot* progress = child.progress;
  PopulateHeap(0);  // while the child works: the pages this process shares with it, and the top
  PrepareResultHeap();
  // It waits asleep (a process polling without sleeping keeps one CPU, and where system calls
  // are dear, as page faults are, it slows the other's work more than a wake-up costs): the
  // child may run on this CPU too now.
  if (child.elsewhere) RunAnywhere(pid);
  // The bound is the child's CPU time, read from its CPU clock (less what it used before its
  // input came); the wall-time deadline only catches a child that cannot be measured or is
  // starved on a loaded machine without end.
  clockid_t cpu_clock;
  bool measured = clock_getcpuclockid(pid, &cpu_clock) == 0;
  const int64_t start = NowMs();
  const int64_t deadline = start + (measured ? 2 * limits.cpu_ms + 1000 : limits.cpu_ms + 250);
  const size_t max_payload = MaxResultBytes(limits) + sizeof kDone;
  bool timed_out = false, too_large = false;
  bool result_open = true;
  payload->clear();
  payload->reserve(kResultRoom);  // now, while the child works: from the heap mapped above
  while (result_open) {
    int64_t now = NowMs();
    if (now >= deadline || (measured && ChildCpuMs(cpu_clock) - child.cpu_ms_before >= limits.cpu_ms)) {
      timed_out = true;
      break;
    }
    pollfd pfd = {child.fd, POLLIN, 0};
    // Short slices: the CPU clock is checked between them.
    int slice = static_cast<int>(std::min<int64_t>(deadline - now, measured ? 20 : deadline - now));
    int r = poll(&pfd, 1, std::max(slice, 1));
    if (r == 0) continue;
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;
    if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) result_open = ReadSome(child.fd, payload);
    if (payload->size() > max_payload) {
      too_large = true;
      break;
    }
  }
  close(child.fd);
  if (timed_out || too_large) kill(pid, SIGKILL);
  if (too_large) {
    payload->clear();
    payload->shrink_to_fit();
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    UnmapProgressSlot(progress);
    return Status::Limit(fmt::format("the evaluation's result is larger than {} MiB", MaxResultBytes(limits) >> 20), {},
                         "a quarter of --memory-limit; raise it if the config really sets that much");
  }
  int wstatus = 0;
  bool whole = !timed_out && payload->size() >= sizeof kDone &&
               payload->compare(payload->size() - sizeof kDone, sizeof kDone, kDone, sizeof kDone) == 0;
  if (whole) {
    payload->resize(payload->size() - sizeof kDone);
    if (waitpid(pid, &wstatus, WNOHANG) == 0) Unreaped().push_back(pid);  // still tearing down
    UnmapProgressSlot(progress);
    return Status::Ok();
  }
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  const std::string file = ReadProgress(progress);  // the child is gone: the slot is still
  UnmapProgressSlot(progress);
  Status ended = DescribeChildEnd(limits, timed_out, wstatus, file);
  if (!ended.ok()) return ended;
  if (payload->empty()) return Status::Internal("the evaluation process ended without a result");
  return Status::Ok();
}

}  // namespace jetsam::vm
