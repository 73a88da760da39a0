// The isolation's bookkeeping: results arrive whole and no child is left behind.
#include "vm/isolate.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <cerrno>
#include <unistd.h>

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

TEST(Isolate, AChildThatDiesWithoutAResultIsReported) {
  Limits limits;
  limits.cpu_ms = 2000;
  std::string payload;
  Status s = RunIsolated(limits, []() -> std::string { abort(); }, &payload);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_NE(s.message().find("crashed"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace jetsam::vm
