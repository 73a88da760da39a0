// The isolation's bookkeeping: results arrive whole and no child is left behind.
#include "vm/isolate.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace jetsam::vm {
namespace {

// Children of this process that have exited but were not reaped.
int Zombies() {
  int count = 0;
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
    if (state == "Z" && ppid == me) ++count;
  }
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
  usleep(50000);  // let the last child finish exiting
  std::string payload;
  ASSERT_TRUE(RunIsolated(limits, [] { return std::string("ok"); }, &payload).ok());
  EXPECT_LE(Zombies(), 1) << "only the most recent child may still await reaping";
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
