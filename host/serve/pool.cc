#include "serve/pool.h"

#include <chrono>

namespace jetsam::serve {
namespace {

// The reply to a request whose client hung up: nobody reads it, and nothing caches it (499, as
// web servers log a request the client closed).
Reply AbandonedReply() {
  Reply r = ErrorReply(Status::Limit("the request was abandoned: its client went away before the answer"));
  r.status = 499;
  return r;
}

// Jobs a worker answers before it is replaced: whatever a long life leaks stays bounded.
constexpr uint64_t kJobsPerWorker = 20000;

}  // namespace

WorkerPool::WorkerPool(const CheckoutOptions& checkout, int workers, int max_queue, Metrics* metrics)
    : checkout_(checkout), size_(static_cast<size_t>(std::max(1, workers))),
      max_queue_(static_cast<size_t>(std::max(0, max_queue))), metrics_(metrics) {}

Status WorkerPool::StartWorker(std::unique_ptr<vm::Worker>* out) {
  const CheckoutOptions checkout = checkout_;
  return vm::Worker::Start(
      checkout.limits, [checkout](const std::string& job) { return HandleEncodedJob(job, checkout); }, out);
}

Status WorkerPool::Start() {
  workers_.resize(size_);
  for (auto& w : workers_)
    if (Status s = StartWorker(&w); !s.ok()) return s;
  for (size_t i = 0; i < size_; ++i) threads_.emplace_back([this, i] { Loop(i); });
  return Status::Ok();
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkerPool::Submit(std::string job, Done done, std::shared_ptr<const std::atomic<bool>> abandoned) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || queue_.size() >= max_queue_ + size_) return false;
    queue_.push_back({std::move(job), std::move(done), std::move(abandoned)});
    metrics_->SetQueueDepth(static_cast<int64_t>(queue_.size()));
  }
  cv_.notify_one();
  return true;
}

void WorkerPool::Loop(size_t index) {
  auto& worker = workers_[index];
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to answer
      task = std::move(queue_.front());
      queue_.pop_front();
      metrics_->SetQueueDepth(static_cast<int64_t>(queue_.size()));
    }
    Reply reply;
    if (task.abandoned && task.abandoned->load()) {  // its client left while it waited
      metrics_->CountAbandoned();
      task.done(AbandonedReply());
      continue;
    }
    if (!worker || !worker->alive() || worker->calls() >= kJobsPerWorker) {
      worker.reset();
      if (Status s = StartWorker(&worker); !s.ok()) {
        task.done(ErrorReply(s));
        continue;
      }
    }
    const auto start = std::chrono::steady_clock::now();
    std::string bytes;
    Status s = worker->Call(task.job, &bytes, task.abandoned.get());
    metrics_->ObserveEvaluation(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!s.ok()) {
      reply = worker->abandoned() ? AbandonedReply() : ErrorReply(s, worker->timed_out());
      if (worker->abandoned()) metrics_->CountAbandoned();
      metrics_->CountWorkerRestart();
      worker.reset();
      if (Status r = StartWorker(&worker); !r.ok()) worker.reset();  // retried at the next job
    } else if (!DecodeReply(bytes, &reply)) {
      reply = ErrorReply(Status::Internal("a worker sent a malformed reply"));
    }
    task.done(std::move(reply));
  }
}

}  // namespace jetsam::serve
