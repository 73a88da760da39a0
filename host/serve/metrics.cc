#include "serve/metrics.h"

#include <fmt/format.h>

namespace jetsam::serve {

void Metrics::CountRequest(const std::string& endpoint, int status) {
  std::lock_guard<std::mutex> lock(mu_);
  requests_[{endpoint, status}]++;
}

void Metrics::ObserveEvaluation(double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  evaluations_++;
  evaluation_seconds_ += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) buckets_[i]++;
}

std::string Metrics::Text() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  out += "# HELP jetsam_requests_total HTTP requests answered, by endpoint and status.\n";
  out += "# TYPE jetsam_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out += fmt::format("jetsam_requests_total{{endpoint=\"{}\",status=\"{}\"}} {}\n", key.first, key.second, n);
  out += "# HELP jetsam_cache_hits_total Requests answered from the result cache.\n";
  out += "# TYPE jetsam_cache_hits_total counter\n";
  out += fmt::format("jetsam_cache_hits_total {}\n", cache_hits_.load());
  out += "# HELP jetsam_cache_misses_total Requests that needed an evaluation.\n";
  out += "# TYPE jetsam_cache_misses_total counter\n";
  out += fmt::format("jetsam_cache_misses_total {}\n", cache_misses_.load());
  out += "# HELP jetsam_evaluation_seconds Time a worker took to answer (evaluate, compile, analyze, emit).\n";
  out += "# TYPE jetsam_evaluation_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i)
    out += fmt::format("jetsam_evaluation_seconds_bucket{{le=\"{:g}\"}} {}\n", kBuckets[i], buckets_[i]);
  out += fmt::format("jetsam_evaluation_seconds_bucket{{le=\"+Inf\"}} {}\n", evaluations_);
  out += fmt::format("jetsam_evaluation_seconds_sum {:.6f}\n", evaluation_seconds_);
  out += fmt::format("jetsam_evaluation_seconds_count {}\n", evaluations_);
  out += "# HELP jetsam_evaluations_total Evaluations run by workers.\n";
  out += "# TYPE jetsam_evaluations_total counter\n";
  out += fmt::format("jetsam_evaluations_total {}\n", evaluations_);
  out += "# HELP jetsam_workers_restarted_total Workers killed (time limit, crash) and replaced.\n";
  out += "# TYPE jetsam_workers_restarted_total counter\n";
  out += fmt::format("jetsam_workers_restarted_total {}\n", workers_restarted_.load());
  out += "# HELP jetsam_requests_abandoned_total Evaluations stopped or never started because their client hung up.\n";
  out += "# TYPE jetsam_requests_abandoned_total counter\n";
  out += fmt::format("jetsam_requests_abandoned_total {}\n", abandoned_.load());
  out += "# HELP jetsam_queue_depth Requests waiting for a worker.\n";
  out += "# TYPE jetsam_queue_depth gauge\n";
  out += fmt::format("jetsam_queue_depth {}\n", queue_depth_.load());
  return out;
}

}  // namespace jetsam::serve
