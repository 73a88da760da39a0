// The server's answerers: one thread per pre-forked worker process, taking jobs from a bounded
// queue. The thread answers (serve/answer.h), asking its worker for each evaluation. A worker that
// runs out of time or crashes is killed, its job answered 504 or 422, and a new one started; one
// recycled after many jobs keeps memory flat over a long life. A worker evaluates sources of one
// content only (a request's files, or a revision's): before sources of other content it is
// replaced, so that a config that corrupted it cannot misstate another config's settings.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jetsam/serve.h"
#include "serve/answer.h"
#include "serve/metrics.h"
#include "vm/worker.h"

namespace jetsam::serve {

// A job for the pool, with what keeps its sources alive until it is answered, and the contents'
// fingerprints (Snapshot::hash for the checkout's files, the revision's own).
struct PoolJob {
  Job job;
  std::shared_ptr<const void> keep;
  uint64_t current_content = 0, revision_content = 0;
};

class WorkerPool {
 public:
  using Done = std::function<void(Reply)>;
  // `handler`: the workers' (tests play a worker that lies); by default HandleEncodedEvaluation.
  WorkerPool(const CheckoutOptions& checkout, int workers, int max_queue, Metrics* metrics,
             vm::WorkerHandler handler = nullptr);
  ~WorkerPool();  // finishes the queued jobs, then stops the workers
  // Starts the workers (each a fork of this process: prepare what they share first).
  Status Start();
  // Queues `job`; `done` runs on a pool thread with the reply. False when the queue is full (the
  // caller answers 503). When `abandoned` turns true (the client hung up), the job is not started,
  // or its worker is stopped and replaced; `done` still runs.
  bool Submit(PoolJob job, Done done, std::shared_ptr<const std::atomic<bool>> abandoned = nullptr);

 private:
  struct Task {
    PoolJob job;
    Done done;
    std::shared_ptr<const std::atomic<bool>> abandoned;
  };
  void Loop(size_t index);
  Status StartWorker(std::unique_ptr<vm::Worker>* out);
  CheckoutOptions checkout_;
  vm::WorkerHandler handler_;
  size_t size_, max_queue_;
  Metrics* metrics_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::vector<std::unique_ptr<vm::Worker>> workers_;
  std::vector<uint64_t> contents_;  // what each worker has evaluated (PoolJob's fingerprints)
};

}  // namespace jetsam::serve
