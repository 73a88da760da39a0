// PollingWindow: polling without sleeping, only briefly and only while the CPU is this process's.
#include "vm/child_io.h"

#include <gtest/gtest.h>
#include <time.h>
#include <unistd.h>

namespace jetsam::vm {
namespace {

void BusyFor(int64_t ms) {
  const int64_t end = NowMs() + ms + 1;
  while (NowMs() < end) {
  }
}

TEST(PollingWindow, IsOpenAtItsStart) {
  PollingWindow w(10);
  EXPECT_TRUE(w.Open());
}

TEST(PollingWindow, ClosesAtTheEndOfItsWindow) {
  PollingWindow w(2);
  BusyFor(3);
  EXPECT_FALSE(w.Open());
  EXPECT_FALSE(w.Open());  // for good
}

TEST(PollingWindow, ClosesOnceTheProcessWasNotRunning) {
  PollingWindow w(60000);
  usleep(2000);  // wall time passes, this thread's CPU time does not: as if another ran here
  EXPECT_FALSE(w.Open());
}

}  // namespace
}  // namespace jetsam::vm
