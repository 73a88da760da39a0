// A child forked ahead of its work (PrestartIsolated): it is set up and sandboxed before its
// request arrives, answers it as RunIsolated's child would, and is bounded the same way.
#include "vm/isolate.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace jetsam::vm {
namespace {

Limits Short() {
  Limits limits;
  limits.cpu_ms = 500;
  return limits;
}

TEST(Prestart, TheChildAnswersItsRequestAfterItsPreparation) {
  static bool prepared = false;  // set in the child only: its answer tells
  ASSERT_TRUE(PrestartIsolated(
                  Short(), [] { prepared = true; },
                  [](const std::string& request) { return (prepared ? "prepared:" : "not prepared:") + request; })
                  .ok());
  EXPECT_TRUE(HasPrestarted(Short()));
  EXPECT_FALSE(prepared);
  std::string payload;
  // Larger than a socket's buffer: sent while the child reads.
  const std::string request(1 << 20, 'x');
  ASSERT_TRUE(RunPrestarted(request, &payload).ok());
  EXPECT_EQ(payload, "prepared:" + request);
  EXPECT_FALSE(HasPrestarted(Short()));
}

TEST(Prestart, OnlyTheSameLimitsUseIt) {
  ASSERT_TRUE(PrestartIsolated(Short(), nullptr, [](const std::string& r) { return r; }).ok());
  Limits other = Short();
  other.memory_bytes *= 2;
  EXPECT_FALSE(HasPrestarted(other));
  EXPECT_TRUE(HasPrestarted(Short()));
  DropPrestarted();
  EXPECT_FALSE(HasPrestarted(Short()));
  std::string payload;
  EXPECT_FALSE(RunPrestarted("x", &payload).ok());
}

TEST(Prestart, TheChildIsSandboxedBeforeItsRequest) {
  // A system call the filter refuses, from the handler: the socket call fails (EPERM).
  ASSERT_TRUE(PrestartIsolated(Short(), nullptr, [](const std::string&) {
                int fd = socket(AF_INET, SOCK_STREAM, 0);
                return std::string(fd < 0 && errno == EPERM ? "refused" : "allowed");
              }).ok());
  std::string payload;
  ASSERT_TRUE(RunPrestarted("go", &payload).ok());
  EXPECT_EQ(payload, "refused");
}

TEST(Prestart, AnEndlessHandlerMeetsTheTimeLimitNamingItsFile) {
  ASSERT_TRUE(PrestartIsolated(Short(), nullptr, [](const std::string&) {
                ReportProgress("config/jets/deploy.rb");
                for (volatile unsigned long i = 0;; ++i) {
                }
                return std::string();
              }).ok());
  std::string payload;
  Status s = RunPrestarted("go", &payload);
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_NE(s.message().find("time limit"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.where().file, "config/jets/deploy.rb");
}

TEST(Prestart, ADroppedChildExits) {
  ASSERT_TRUE(PrestartIsolated(Short(), nullptr, [](const std::string& r) { return r; }).ok());
  DropPrestarted();
  // It reads end of file and exits: waiting for every child of this process ends (a child that
  // waited on for its request would hang this test).
  int exited = 0;
  for (;;) {
    int status = 0;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0 && errno == EINTR) continue;
    if (pid < 0) break;
    exited += WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  EXPECT_EQ(errno, ECHILD);
  EXPECT_GE(exited, 1);
}

}  // namespace
}  // namespace jetsam::vm
