// The isolation's bookkeeping: results arrive whole and no child is left behind.
#include "vm/isolate.h"

#include "vm/child_io.h"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mman.h>
#include <signal.h>
#include <sys/wait.h>
#include <cerrno>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace jetsam::vm {
namespace {

// The children of this process, with their state ("Z": exited, not reaped).
std::vector<std::pair<pid_t, std::string>> Children() {
  std::vector<std::pair<pid_t, std::string>> children;
  const std::string me = std::to_string(getpid());
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
    size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    std::string state, ppid;
    rest >> state >> ppid;
    if (ppid == me) children.emplace_back(std::stoi(entry.path().filename().string()), state);
  }
  return children;
}

// Blocks until every child has exited, reaping none of them (WNOWAIT): no sleeping and hoping.
void AwaitChildrenExit() {
  for (const auto& [pid, state] : Children()) {
    siginfo_t info;
    while (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
  }
}

int Zombies() {
  int count = 0;
  for (const auto& [pid, state] : Children()) count += state == "Z";
  return count;
}

TEST(Isolate, ResultsArriveWholeAndChildrenAreReaped) {
  Limits limits;
  limits.cpu_ms = 2000;
  for (int i = 0; i < 20; ++i) {
    std::string payload;
    Status s = RunIsolated(limits, [i] { return std::string(100000 + i, 'x'); }, &payload);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(payload.size(), static_cast<size_t>(100000 + i)) << "the end-of-result marker is not part of the payload";
  }
  AwaitChildrenExit();
  std::string payload;
  ASSERT_TRUE(RunIsolated(limits, [] { return std::string("ok"); }, &payload).ok());
  AwaitChildrenExit();
  EXPECT_LE(Zombies(), 1) << "each run reaps the children before it: only the most recent may await reaping";
  EXPECT_LE(Children().size(), 1u);
}

TEST(Isolate, TheChildHoldsNoneOfItsParentsDescriptors) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);  // not close-on-exec, and fork keeps those anyway
  Limits limits;
  std::string payload;
  const int inherited = fds[1];
  ASSERT_TRUE(RunIsolated(limits, [inherited] {
    return std::string(write(inherited, "x", 1) < 0 && errno == EBADF ? "closed" : "open");
  }, &payload).ok());
  EXPECT_EQ(payload, "closed");
  close(fds[0]);
  close(fds[1]);
}

TEST(Isolate, AChildIsMovedOffItsParentsCpuAndBack) {
  cpu_set_t mine;
  ASSERT_EQ(sched_getaffinity(0, sizeof mine, &mine), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    pause();
    _exit(0);
  }
  const bool moved = RunElsewhere(child);
  cpu_set_t its, again;
  const int read = sched_getaffinity(child, sizeof its, &its);
  RunAnywhere(child);
  const int read_again = sched_getaffinity(child, sizeof again, &again);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  ASSERT_EQ(read, 0);
  if (CPU_COUNT(&mine) < 2) {
    EXPECT_FALSE(moved) << "with one CPU allowed there is nowhere else";
    EXPECT_TRUE(CPU_EQUAL(&its, &mine));
    return;
  }
  ASSERT_TRUE(moved);
  EXPECT_EQ(CPU_COUNT(&its), CPU_COUNT(&mine) - 1) << "every CPU allowed but one: the parent's at the time";
  cpu_set_t both;
  CPU_AND(&both, &its, &mine);
  EXPECT_TRUE(CPU_EQUAL(&both, &its)) << "only CPUs the parent may use";
  ASSERT_EQ(read_again, 0);
  EXPECT_TRUE(CPU_EQUAL(&again, &mine)) << "RunAnywhere gives the child every CPU back";
}

TEST(Isolate, AResultThatComesLateStillArrives) {
  // The parent sleeps in slices, checking the child's CPU time between them: a child that
  // answers several slices later is read as well as one that answers at once.
  Limits limits;
  limits.cpu_ms = 5000;
  std::string payload;
  Status s = RunIsolated(limits, [] {
    timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
      clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 < 60);
    return std::string("late");
  }, &payload);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(payload, "late");
}

TEST(Isolate, AChildThatDiesWithoutAResultIsReported) {
  Limits limits;
  limits.cpu_ms = 2000;
  std::string payload;
  Status s = RunIsolated(limits, []() -> std::string { abort(); }, &payload);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_NE(s.message().find("crashed"), std::string::npos) << s.message();
}

TEST(Isolate, ATimeoutNamesTheFileTheChildReported) {
  Limits limits;
  limits.cpu_ms = 200;
  std::string payload;
  Status s = RunIsolated(limits, []() -> std::string {
    ReportProgress("config/jets/project.rb");
    ReportProgress("config/jets/deploy.rb");  // the last one counts
    for (;;) asm volatile("");
  }, &payload);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_NE(s.message().find("time limit"), std::string::npos) << s.message();
  EXPECT_EQ(s.where().file, "config/jets/deploy.rb");
}

// The slot is the child's, and the child may be hostile: a length past the page and bytes that
// are no text give a name of at most a page, the bytes as they were (shown through TextSafe, as
// any name a config chooses).
TEST(Isolate, AScribbledProgressSlotGivesAClampedName) {
  Limits limits;
  limits.cpu_ms = 2000;
  std::string payload;
  Status s = RunIsolated(limits, []() -> std::string {
    ProgressSlot* slot = ChildProgressSlot();
    if (!slot) _exit(3);
    for (size_t i = 0; i < sizeof slot->bytes; ++i) slot->bytes[i] = static_cast<char>(i * 37);  // NUL, ESC, ...
    slot->length = 0xffffffffu;
    abort();
  }, &payload);
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_NE(s.message().find("crashed"), std::string::npos) << s.message();
  ASSERT_EQ(s.where().file.size(), sizeof(ProgressSlot::bytes));
  for (size_t i : {size_t{0}, size_t{27}, sizeof(ProgressSlot::bytes) - 1}) {
    EXPECT_EQ(s.where().file[i], static_cast<char>(i * 37)) << i;
  }
}

// Whether `pid` is a live process (a zombie has ended: it only awaits its reaper).
bool Alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  size_t close = line.rfind(')');
  return close != std::string::npos && line.size() > close + 2 && line[close + 2] != 'Z' && line[close + 2] != 'X';
}

TEST(Isolate, TheChildDiesWithItsParent) {
  // The child reports its pid in shared memory: it holds none of its parent's descriptors.
  void* page = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(page, MAP_FAILED);
  auto* reported = static_cast<std::atomic<pid_t>*>(page);
  reported->store(0);
  pid_t parent = fork();
  ASSERT_GE(parent, 0);
  if (parent == 0) {
    Limits limits;
    limits.cpu_ms = 120000;  // the child would outlive any test on its own
    std::string payload;
    RunIsolated(limits, [&]() -> std::string {
      reported->store(getpid());
      for (;;) asm volatile("");  // an endless loop the compiler keeps
    }, &payload);
    _exit(0);
  }
  pid_t child = 0;
  for (int i = 0; i < 3000 && child == 0; ++i) {
    child = reported->load();
    if (child == 0) usleep(10000);
  }
  munmap(page, 4096);
  ASSERT_NE(child, 0) << "the child never started";
  ASSERT_TRUE(Alive(child));
  kill(parent, SIGKILL);
  waitpid(parent, nullptr, 0);
  // The kernel delivers the death signal as the parent exits; the child then takes a moment to
  // go: wait for that, well within the child's own limit.
  bool gone = false;
  for (int i = 0; i < 3000 && !gone; ++i) {
    gone = !Alive(child);
    if (!gone) usleep(10000);
  }
  EXPECT_TRUE(gone) << "the child " << child << " outlived its parent";
  if (!gone) kill(child, SIGKILL);
}

}  // namespace
}  // namespace jetsam::vm
