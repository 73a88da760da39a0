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

WorkerPool::WorkerPool(const CheckoutOptions& checkout, int workers, int max_queue, Metrics* metrics,
                       vm::WorkerHandler handler)
    : checkout_(checkout), handler_(std::move(handler)), size_(static_cast<size_t>(std::max(1, workers))),
      max_queue_(static_cast<size_t>(std::max(0, max_queue))), metrics_(metrics) {
  if (!handler_) {
    const CheckoutOptions c = checkout_;
    handler_ = [c](const std::string& request) { return HandleEncodedEvaluation(request, c); };
  }
}

Status WorkerPool::StartWorker(std::unique_ptr<vm::Worker>* out) {
  return vm::Worker::Start(checkout_.limits, handler_, out);
}

Status WorkerPool::Start() {
  workers_.resize(size_);
  contents_.assign(size_, 0);
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

bool WorkerPool::Submit(PoolJob job, Done done, std::shared_ptr<const std::atomic<bool>> abandoned) {
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
    // Each evaluation the answer needs, asked of this thread's worker.
    Status failure;  // the worker's, when it died or was stopped
    bool timed_out = false, abandoned = false;
    const Evaluator evaluate = [&](const Sources& sources, const EvalOptions& options, EvalResult* result) {
      const uint64_t content =
          &sources == task.job.job.revision ? task.job.revision_content : task.job.current_content;
      if (worker && worker->calls() > 0 && contents_[index] != content) worker.reset();  // another config's
      if (!worker || !worker->alive() || worker->calls() >= kJobsPerWorker) {
        worker.reset();
        if (Status s = StartWorker(&worker); !s.ok()) return s;
      }
      contents_[index] = content;
      const auto start = std::chrono::steady_clock::now();
      std::string bytes;
      Status s = worker->Call(EncodeEvaluation(sources, options.env, options.extra), &bytes, task.abandoned.get());
      metrics_->ObserveEvaluation(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      if (!s.ok()) {
        timed_out = worker->timed_out();
        abandoned = worker->abandoned();
        failure = s;
        metrics_->CountWorkerRestart();
        worker.reset();
        if (Status r = StartWorker(&worker); !r.ok()) worker.reset();  // retried at the next job
        // As Evaluate says of a child that died: nothing of it is Jets' settings.
        *result = EvalResult{};
        result->stopped = s;
        result->stopped_at = Phase::kProject;
        return s;
      }
      return DecodeEvaluation(bytes, checkout_, result);
    };
    reply = Answer(task.job.job, checkout_, evaluate);
    if (abandoned) {
      metrics_->CountAbandoned();
      reply = AbandonedReply();
    } else if (timed_out) {
      reply = ErrorReply(failure, /*timed_out=*/true);
    }
    task.done(std::move(reply));
  }
}

}  // namespace jetsam::serve
