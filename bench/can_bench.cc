// can's hot path on samples/demo, in process: one question against a prepared role (what each
// line of `can --batch` costs), the preparation itself (managed policies inflated and parsed),
// and a batch of 10,000 mixed questions.
//   cmake --build <build> --target can_bench && <build>/can_bench
#include <benchmark/benchmark.h>

#include "demo_project.h"
#include "jetsam/analyze.h"
#include "jetsam/compile.h"
#include "jetsam/emit.h"
#include "jetsam/evaluate.h"

namespace {

const jetsam::Compiled& Demo() {
  static jetsam::Compiled compiled = [] {
    jetsam::EvalResult result;
    if (!jetsam::Evaluate(bench::DemoSources(), bench::DemoOptions(), &result).ok()) std::abort();
    jetsam::Compiled c;
    if (!jetsam::Compile(result, {}, &c).ok()) std::abort();
    return c;
  }();
  return compiled;
}

// A mix of questions like those of bench/can_batch.sh.
std::vector<jetsam::CanRequest> Questions() {
  const char* actions[][2] = {
      {"dynamodb:PutItem", "arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-orders"},
      {"dynamodb:DeleteTable", "arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-orders"},
      {"s3:GetObject", "arn:aws:s3:::demo-dev-s3bucket-1x2y3z4w5v6u/uploads/a.png"},
      {"s3:PutObject", "arn:aws:s3:::other-bucket/x"},
      {"s3:ListBucket", "arn:aws:s3:::*"},
      {"sqs:SendMessage", "arn:aws:sqs:us-west-2:111122223333:demo-dev-jobs"},
      {"ses:SendEmail", "*"},
      {"logs:PutLogEvents", ""},
      {"iam:PassRole", "arn:aws:iam::111122223333:role/deployer"},
      {"xray:PutTraceSegments", ""},
  };
  std::vector<jetsam::CanRequest> out;
  for (const auto& a : actions) {
    jetsam::CanRequest r;
    r.action = a[0];
    r.resource = a[1];
    r.context.Add("aws:SourceIp", "203.0.113.7");
    out.push_back(r);
  }
  return out;
}

void BM_PrepareRole(benchmark::State& state) {
  const jetsam::Role* role = jetsam::FindRole(Demo(), "lambda");
  for (auto _ : state) {
    jetsam::CanEvaluator e(*role);
    benchmark::DoNotOptimize(e);
  }
}
BENCHMARK(BM_PrepareRole)->Unit(benchmark::kMicrosecond);

void BM_AskAndEmit(benchmark::State& state) {
  const jetsam::CanEvaluator e(*jetsam::FindRole(Demo(), "lambda"));
  const auto questions = Questions();
  std::size_t i = 0;
  for (auto _ : state) {
    jetsam::CanAnswer a;
    if (!e.Ask(questions[i++ % questions.size()], &a).ok()) state.SkipWithError("ask failed");
    benchmark::DoNotOptimize(jetsam::EmitCanJsonLine(a, i));
  }
}
BENCHMARK(BM_AskAndEmit)->Unit(benchmark::kMicrosecond);

void BM_TenThousandQuestions(benchmark::State& state) {
  const auto questions = Questions();
  for (auto _ : state) {
    const jetsam::CanEvaluator e(*jetsam::FindRole(Demo(), "lambda"));
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < 10000; ++i) {
      jetsam::CanAnswer a;
      if (!e.Ask(questions[i % questions.size()], &a).ok()) state.SkipWithError("ask failed");
      bytes += jetsam::EmitCanJsonLine(a, i + 1).size();
    }
    benchmark::DoNotOptimize(bytes);
  }
}
BENCHMARK(BM_TenThousandQuestions)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
