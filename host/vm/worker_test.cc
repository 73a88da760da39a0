#include "vm/worker.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <gtest/gtest.h>

#include "vm/child_io.h"
#include "vm/isolate.h"

namespace jetsam::vm {
namespace {

Limits Small() {
  Limits l;
  l.cpu_ms = 300;
  l.memory_bytes = 64 << 20;
  return l;
}

// A request that never ends: the worker's time limit is what stops it.
[[noreturn]] void Spin() {
  volatile uint64_t i = 0;
  for (;;) i = i + 1;  // a statement: no volatile assignment's value used (-Wvolatile)
}

// Starts a worker with `handler`, asks it "x" (answered), then "spin": how that call ended.
Status SpinAfterAnAnswer(WorkerHandler handler, std::unique_ptr<Worker>* w) {
  EXPECT_TRUE(Worker::Start(Small(), std::move(handler), w).ok());
  std::string out;
  EXPECT_TRUE((*w)->Call("x", &out).ok());
  return (*w)->Call("spin", &out);
}

TEST(Worker, AnswersManyRequestsInOneSandboxedProcess) {
  std::unique_ptr<Worker> w;
  ASSERT_TRUE(Worker::Start(Small(), [](const std::string& r) { return "echo:" + r + ":" + std::to_string(getpid()); }, &w).ok());
  std::string first, second;
  ASSERT_TRUE(w->Call("a", &first).ok());
  ASSERT_TRUE(w->Call(std::string(200000, 'b'), &second).ok());  // larger than a socket buffer
  EXPECT_EQ(first.substr(0, 7), "echo:a:");
  EXPECT_EQ(second.size(), 5 + 200000 + 1 + first.size() - 7);
  // The same process answered both, and it is not this one.
  EXPECT_EQ(first.substr(7), second.substr(second.rfind(':') + 1));
  EXPECT_NE(first.substr(7), std::to_string(getpid()));
  EXPECT_EQ(w->calls(), 2u);
}

// What the parent holds open (a server's listening socket, its clients' connections) is closed
// in the worker: a config that escaped the VM could otherwise still write to them.
TEST(Worker, HoldsNoneOfItsParentsDescriptors) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);  // not close-on-exec, and fork keeps those anyway
  std::unique_ptr<Worker> w;
  const int inherited = fds[1];
  ASSERT_TRUE(Worker::Start(Small(), [inherited](const std::string&) {
    return std::string(write(inherited, "x", 1) < 0 && errno == EBADF ? "closed" : "open");
  }, &w).ok());
  std::string out;
  ASSERT_TRUE(w->Call("", &out).ok());
  EXPECT_EQ(out, "closed");
  close(fds[0]);
  close(fds[1]);
}

TEST(Worker, CannotOpenFiles) {
  std::unique_ptr<Worker> w;
  ASSERT_TRUE(Worker::Start(Small(), [](const std::string&) {
    FILE* f = fopen("/etc/hostname", "r");
    return std::string(f ? "opened" : "refused");
  }, &w).ok());
  std::string out;
  ASSERT_TRUE(w->Call("", &out).ok());
  EXPECT_EQ(out, "refused");
}

TEST(Worker, EndlessRequestIsKilledAtTheCpuLimitNamingTheFile) {
  std::unique_ptr<Worker> w;
  Status s = SpinAfterAnAnswer([](const std::string& r) {
    if (r == "spin") {
      ReportProgress("config/jets/deploy.rb");
      Spin();
    }
    return std::string("ok");
  }, &w);
  std::string out;
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_TRUE(w->timed_out());
  EXPECT_EQ(s.where().file, "config/jets/deploy.rb");
  EXPECT_FALSE(w->alive());
  EXPECT_EQ(w->Call("x", &out).code(), Status::Code::kInternal);
}

// A file reported during an earlier call that went well is not the one a later call failed in.
TEST(Worker, AFailedCallDoesNotNameAnEarlierCallsFile) {
  std::unique_ptr<Worker> w;
  Status s = SpinAfterAnAnswer([](const std::string& r) {
    if (r == "spin") Spin();
    ReportProgress("config/jets/project.rb");
    return std::string("ok");
  }, &w);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_TRUE(w->timed_out());
  EXPECT_EQ(s.where().file, "");
}

// A hostile worker's slot: the name is clamped to the page.
TEST(Worker, AScribbledProgressSlotGivesAClampedName) {
  std::unique_ptr<Worker> w;
  ASSERT_TRUE(Worker::Start(Small(), [](const std::string&) -> std::string {
    ProgressSlot* slot = ChildProgressSlot();
    if (!slot) return "no slot";
    std::memset(slot->bytes, '\x1b', sizeof slot->bytes);
    slot->length = 1u << 31;
    Spin();
  }, &w).ok());
  std::string out;
  Status s = w->Call("x", &out);
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString() << out;
  EXPECT_EQ(s.where().file, std::string(sizeof(ProgressSlot::bytes), '\x1b'));
}

TEST(Worker, CrashIsReportedAndTheWorkerIsGone) {
  std::unique_ptr<Worker> w;
  ASSERT_TRUE(Worker::Start(Small(), [](const std::string&) -> std::string {
    volatile int* nowhere = nullptr;
    *nowhere = 1;  // (raise() would be refused: the filter allows no kill)
    return "";
  }, &w).ok());
  std::string out;
  Status s = w->Call("x", &out);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_FALSE(w->timed_out());
  EXPECT_NE(s.message().find("crashed"), std::string::npos) << s.message();
  EXPECT_FALSE(w->alive());
}

TEST(Worker, OversizedResponseIsRefused) {
  Limits l = Small();
  l.memory_bytes = 8 << 20;  // responses up to 2 MiB
  std::unique_ptr<Worker> w;
  ASSERT_TRUE(Worker::Start(l, [](const std::string&) { return std::string(3 << 20, 'x'); }, &w).ok());
  std::string out;
  EXPECT_EQ(w->Call("x", &out).code(), Status::Code::kLimit);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace jetsam::vm
