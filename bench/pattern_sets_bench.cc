// The question behind an exact `can` (host/analyze/pattern_sets.h: is there an ARN in all of
// these, in one of each group, in none of those?) on its own, uncached: the shapes `can` asks
// about samples/demo's roles, and one built to reach the state budget.
//   cmake --build <build> --target pattern_sets_bench && <build>/pattern_sets_bench
#include <benchmark/benchmark.h>

#include <string>

#include "analyze/pattern_sets.h"

namespace {

using jetsam::analyze::Exists;
using jetsam::analyze::FindArn;
using jetsam::analyze::PatternQuery;

void Run(benchmark::State& state, const PatternQuery& q, Exists expected) {
  for (auto _ : state) {
    std::string witness;
    if (FindArn(q, &witness) != expected) state.SkipWithError("unexpected answer");
    benchmark::DoNotOptimize(witness);
  }
}

// Does a Deny on one table take back everything an Allow on the project's tables reaches? No.
void BM_DenyLeavesSome(benchmark::State& state) {
  PatternQuery q;
  q.all_of = {"arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-*"};
  q.none_of = {"arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-orders",
               "arn:aws:dynamodb:*:*:table/*/stream/*"};
  Run(state, q, Exists::kYes);
}
BENCHMARK(BM_DenyLeavesSome)->Unit(benchmark::kMicrosecond);

// Do three Allows together cover a bucket's objects? Yes: no ARN escapes them.
void BM_AllowsCoverThePattern(benchmark::State& state) {
  PatternQuery q;
  q.all_of = {"arn:aws:s3:::demo-dev-s3bucket-1x2y3z4w5v6u/*"};
  q.none_of = {"arn:aws:s3:::demo-dev-*/uploads/*", "arn:aws:s3:::demo-dev-*/*", "arn:aws:s3:::*/public/*"};
  Run(state, q, Exists::kNo);
}
BENCHMARK(BM_AllowsCoverThePattern)->Unit(benchmark::kMicrosecond);

// A NotResource against one group of Allows, with the type's format: an ARN of the type is left.
void BM_NotResourceWithType(benchmark::State& state) {
  PatternQuery q;
  q.one_of = {{"arn:aws:sqs:us-west-2:111122223333:demo-dev-*", "arn:aws:sqs:*:*:shared-*"}};
  q.none_of = {"arn:aws:sqs:us-west-2:111122223333:demo-dev-jobs"};
  q.of_type = {{"arn:${Partition}:sqs:${Region}:${Account}:${QueueName}", {0, 0, 0, 0}}};
  Run(state, q, Exists::kYes);
}
BENCHMARK(BM_NotResourceWithType)->Unit(benchmark::kMicrosecond);

// Patterns built to blow the product up ('*'s against '?' runs): the walk stops at its budget of
// 50,000 states, undecided. What one such question costs at most.
void BM_AdversarialReachesTheBudget(benchmark::State& state) {
  PatternQuery q;
  q.all_of = {"*a*a*a*a*a*a*a*a*"};
  const std::string letters = "bcdefghij";
  for (size_t i = 0; i < letters.size(); ++i) {
    q.none_of.push_back("*" + std::string(1, letters[i]) + std::string(12 - i, '?') + letters[i] + "*");
  }
  Run(state, q, Exists::kUndecided);
}
BENCHMARK(BM_AdversarialReachesTheBudget)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
