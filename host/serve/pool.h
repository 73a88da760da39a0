// The server's evaluators: one thread per pre-forked worker process, taking jobs from a bounded
// queue. A worker that runs out of time or crashes is killed, its job answered 504 or 422, and a
// new one started; one recycled after many jobs keeps memory flat over a long life.
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

class WorkerPool {
 public:
  using Done = std::function<void(Reply)>;
  WorkerPool(const CheckoutOptions& checkout, int workers, int max_queue, Metrics* metrics);
  ~WorkerPool();  // finishes the queued jobs, then stops the workers
  // Starts the workers (each a fork of this process: prepare what they share first).
  Status Start();
  // Queues `job` (EncodeJob's bytes); `done` runs on a pool thread with the reply. False when
  // the queue is full (the caller answers 503). When `abandoned` turns true (the client hung up),
  // the job is not started, or its worker is stopped and replaced; `done` still runs.
  bool Submit(std::string job, Done done, std::shared_ptr<const std::atomic<bool>> abandoned = nullptr);

 private:
  struct Task {
    std::string job;
    Done done;
    std::shared_ptr<const std::atomic<bool>> abandoned;
  };
  void Loop(size_t index);
  Status StartWorker(std::unique_ptr<vm::Worker>* out);
  CheckoutOptions checkout_;
  size_t size_, max_queue_;
  Metrics* metrics_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::vector<std::unique_ptr<vm::Worker>> workers_;
};

}  // namespace jetsam::serve
