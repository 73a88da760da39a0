// A standby child: forked before its input, bounded by the limits its parent gives it later.
#include "vm/standby.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "vm/isolate.h"

namespace jetsam::vm {
namespace {

bool prepared = false;  // in the child: set by Prepare, before the sandbox

void Prepare() { prepared = true; }

std::string Echo(const std::string& input) {
  return std::string(prepared ? "prepared " : "unprepared ") + std::string(input.rbegin(), input.rend());
}

std::string Allocate(const std::string&) {
  // Far below what this machine could map, far above the address-space bound of a 16 MiB limit.
  void* volatile block = std::malloc(size_t{3} << 30);
  return block ? "allocated" : "refused";
}

std::string Spin(const std::string&) {
  for (;;) asm volatile("");  // an endless loop the compiler keeps
}

std::string OpenFile(const std::string&) {
  int fd = open("/etc/hostname", O_RDONLY);
  return fd >= 0 ? "opened" : errno == EPERM ? "refused" : "failed";
}

int inherited_fd = -1;  // a descriptor the parent holds when it forks

std::string WriteInherited(const std::string&) {
  return write(inherited_fd, "x", 1) < 0 && errno == EBADF ? "closed" : "open";
}

Limits SmallLimits() {
  Limits limits;
  limits.cpu_ms = 2000;
  limits.memory_bytes = 16ll << 20;
  return limits;
}

TEST(Standby, RunsItsWorkOnTheInputGivenLater) {
  auto standby = Standby::Start(Prepare, Echo);
  ASSERT_TRUE(standby);
  std::string payload;
  bool sent = false;
  // A large input: more than a socket holds, so the child reads while the parent writes.
  std::string input(3 << 20, 'a');
  input += "bc";
  Status s = standby->Run(SmallLimits(), input, &payload, &sent);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(sent);
  EXPECT_EQ(payload, "prepared cb" + std::string(3 << 20, 'a'));
  EXPECT_FALSE(prepared);  // Prepare ran in the child only
}

TEST(Standby, AnInputThatComesLateStillArrives) {
  auto standby = Standby::Start(nullptr, Echo);
  ASSERT_TRUE(standby);
  usleep(40 * 1000);  // the child is asleep, waiting for its input
  std::string payload;
  bool sent = false;
  ASSERT_TRUE(standby->Run(SmallLimits(), "xy", &payload, &sent).ok());
  EXPECT_EQ(payload, "unprepared yx");
}

TEST(Standby, TheLimitsItIsGivenBindIt) {
  auto standby = Standby::Start(nullptr, Allocate);
  ASSERT_TRUE(standby);
  std::string payload;
  bool sent = false;
  ASSERT_TRUE(standby->Run(SmallLimits(), "", &payload, &sent).ok());
  EXPECT_EQ(payload, "refused");  // the address-space rlimit its parent set (3 x 16 MiB + 1 GiB)
}

TEST(Standby, ItIsStoppedAtItsTimeLimit) {
  auto standby = Standby::Start(nullptr, Spin);
  ASSERT_TRUE(standby);
  Limits limits = SmallLimits();
  limits.cpu_ms = 300;
  std::string payload;
  bool sent = false;
  Status s = standby->Run(limits, "", &payload, &sent);
  EXPECT_TRUE(sent);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_NE(s.message().find("time limit"), std::string::npos) << s.message();
}

TEST(Standby, ItRunsInTheSandbox) {
  auto standby = Standby::Start(nullptr, OpenFile);
  ASSERT_TRUE(standby);
  std::string payload;
  bool sent = false;
  ASSERT_TRUE(standby->Run(SmallLimits(), "", &payload, &sent).ok());
  EXPECT_EQ(payload, "refused");  // by the syscall filter (EPERM), though Prepare could open files
}

TEST(Standby, ItHoldsNoneOfItsParentsDescriptors) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  inherited_fd = fds[1];
  auto standby = Standby::Start(nullptr, WriteInherited);
  ASSERT_TRUE(standby);
  std::string payload;
  bool sent = false;
  ASSERT_TRUE(standby->Run(SmallLimits(), "", &payload, &sent).ok());
  EXPECT_EQ(payload, "closed");
  close(fds[0]);
  close(fds[1]);
}

TEST(Standby, ItRunsOnce) {
  auto standby = Standby::Start(nullptr, Echo);
  ASSERT_TRUE(standby);
  std::string payload;
  bool sent = false;
  ASSERT_TRUE(standby->Run(SmallLimits(), "a", &payload, &sent).ok());
  Status again = standby->Run(SmallLimits(), "b", &payload, &sent);
  EXPECT_FALSE(again.ok());
  EXPECT_FALSE(sent);
}

TEST(Standby, UnusedItExitsByItself) {
  auto standby = Standby::Start(nullptr, Echo);
  ASSERT_TRUE(standby);
  const pid_t pid = standby->pid();
  standby.reset();
  // Blocks until the child exits (it reads the end of its input): a child that stayed would hang
  // here until the test's timeout.
  siginfo_t info{};
  int r;
  while ((r = waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT)) < 0 && errno == EINTR) {
  }
  ASSERT_EQ(r, 0);
  EXPECT_EQ(info.si_code, CLD_EXITED);
  EXPECT_EQ(info.si_status, 0);
  ReapFinished();
  EXPECT_EQ(waitpid(pid, nullptr, WNOHANG), -1);  // reaped already
}

}  // namespace
}  // namespace jetsam::vm
