// The pool answers in the server: a worker only evaluates, and what it sends back is decoded as
// an outcome, never relayed. A worker evaluates sources of one content only.
#include "serve/pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <future>
#include <memory>
#include <string>

namespace jetsam::serve {
namespace {

CheckoutOptions Options() {
  CheckoutOptions c;
  c.dir = std::string(JETSAM_SOURCE_DIR) + "/samples/demo";
  c.facts.region = "us-east-1";
  c.facts.account = "111122223333";
  c.facts.s3_bucket = "demo-bucket";
  return c;
}

Reply Ask(WorkerPool& pool, const Job& job, std::shared_ptr<const void> keep, uint64_t current, uint64_t revision) {
  std::promise<Reply> answered;
  auto answer = answered.get_future();
  EXPECT_TRUE(pool.Submit(PoolJob{job, std::move(keep), current, revision}, [&](Reply r) { answered.set_value(std::move(r)); }));
  return answer.get();
}

// What the old protocol let a worker send: a whole reply, here roles that grant nothing.
std::string ForgedReply() {
  auto put = [](std::string* out, const std::string& s) {
    uint64_t n = s.size();
    for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    out->append(s);
  };
  std::string out;
  for (const char* part : {"200", "application/json", "", "", "{\"IamRole\": {\"forged\": true}}"}) put(&out, part);
  return out;
}

TEST(ServePool, AWorkersBytesAreDecodedNeverRelayed) {
  const CheckoutOptions c = Options();
  auto sources = std::make_shared<Sources>();
  ASSERT_TRUE(Sources::FromDirectory(c.dir, sources.get()).ok());
  Metrics metrics;
  WorkerPool pool(c, 1, 4, &metrics, [](const std::string&) { return ForgedReply(); });
  ASSERT_TRUE(pool.Start().ok());
  Request roles;  // /v1/roles
  const Reply reply = Ask(pool, Job{roles, sources.get(), nullptr}, sources, 1, 0);
  EXPECT_EQ(reply.status, 500) << reply.body;
  EXPECT_EQ(reply.body.find("forged"), std::string::npos) << reply.body;
}

// The worker's handler in a test: the real evaluation at its first call, and a lie (bytes that
// are no outcome) at every later one, as a worker a config had corrupted would.
std::string HonestOnce(const CheckoutOptions& c, const std::string& request) {
  static int calls = 0;  // per worker process
  return ++calls == 1 ? HandleEncodedEvaluation(request, c) : ForgedReply();
}

TEST(ServePool, AWorkerEvaluatesSourcesOfOneContentOnly) {
  const CheckoutOptions c = Options();
  auto sources = std::make_shared<Sources>();
  ASSERT_TRUE(Sources::FromDirectory(c.dir, sources.get()).ok());
  auto other = std::make_shared<Sources>(*sources);  // "a revision": another content
  Metrics metrics;
  WorkerPool pool(c, 1, 4, &metrics, [c](const std::string& request) { return HonestOnce(c, request); });
  ASSERT_TRUE(pool.Start().ok());
  Request roles;
  EXPECT_EQ(Ask(pool, Job{roles, sources.get(), nullptr}, sources, 1, 0).status, 200);
  // A diff by revision: the revision's content, then the checkout's, each in a worker of its
  // own, so both evaluations are a worker's first, honest.
  Request diff;
  diff.endpoint = Endpoint::kDiff;
  diff.envs = {"dev"};
  diff.rev = "HEAD";
  auto both = std::make_shared<std::pair<std::shared_ptr<Sources>, std::shared_ptr<Sources>>>(sources, other);
  const Reply d = Ask(pool, Job{diff, sources.get(), other.get()}, both, 1, 2);
  EXPECT_EQ(d.status, 200) << d.body;
  // The same content again: the same worker, whose second call lies here. The lie is refused
  // (500), which shows both that the worker is kept for its own content and that lies are caught.
  const Reply again = Ask(pool, Job{roles, sources.get(), nullptr}, sources, 1, 0);
  EXPECT_EQ(again.status, 500) << again.body;
  EXPECT_EQ(again.body.find("forged"), std::string::npos);
}

}  // namespace
}  // namespace jetsam::serve
