// The server's counters, exposed at GET /metrics in Prometheus' text format (version 0.0.4).
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace jetsam::serve {

class Metrics {
 public:
  void CountRequest(const std::string& endpoint, int status);
  void CountCache(bool hit) { (hit ? cache_hits_ : cache_misses_)++; }
  void ObserveEvaluation(double seconds);
  void CountWorkerRestart() { workers_restarted_++; }
  void CountAbandoned() { abandoned_++; }
  void SetQueueDepth(int64_t depth) { queue_depth_ = depth; }
  std::string Text() const;

  // The histogram's upper bounds, in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,  0.5,   1.0,  2.5};

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::array<uint64_t, kBuckets.size()> buckets_{};
  uint64_t evaluations_ = 0;
  double evaluation_seconds_ = 0;
  std::atomic<uint64_t> cache_hits_{0}, cache_misses_{0}, workers_restarted_{0}, abandoned_{0};
  std::atomic<int64_t> queue_depth_{0};
};

}  // namespace jetsam::serve
