// In-process cost of the hot path on samples/demo: evaluate (no child process), compile, emit.
//   build/compile_bench --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
// "Cold" variants build the Ruby VM for each evaluation, as a one-shot process does; the others
// start from the copy of the VM the process prepared (a warm start, as diff or a server do).
#include <benchmark/benchmark.h>

#include "demo_project.h"
#include "jetsam/compile.h"
#include "jetsam/emit.h"
#include "eval/runtime.h"
#include "jetsam/evaluate.h"
#include "vm/vm.h"

namespace {

using bench::DemoOptions;

const jetsam::Sources& Demo() { return bench::DemoSources(); }

void BM_Evaluate(benchmark::State& state) {
  auto options = DemoOptions();
  for (auto _ : state) {
    jetsam::EvalResult result;
    if (!jetsam::Evaluate(Demo(), options, &result).ok()) state.SkipWithError("evaluate failed");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_Evaluate)->Unit(benchmark::kMicrosecond);

void EvaluateCompileEmit(benchmark::State& state) {
  auto options = DemoOptions();
  for (auto _ : state) {
    jetsam::EvalResult result;
    if (!jetsam::Evaluate(Demo(), options, &result).ok()) state.SkipWithError("evaluate failed");
    jetsam::Compiled compiled;
    if (!jetsam::Compile(result, {}, &compiled).ok()) state.SkipWithError("compile failed");
    std::string out = jetsam::EmitCfn(compiled);
    benchmark::DoNotOptimize(out);
  }
}

void BM_EvaluateCompileEmit(benchmark::State& state) { EvaluateCompileEmit(state); }
BENCHMARK(BM_EvaluateCompileEmit)->Unit(benchmark::kMicrosecond);

void BM_EvaluateCompileEmitCold(benchmark::State& state) {
  // Holds the prepared VM (the evaluations' own): each evaluation builds its VM.
  jetsam::vm::Vm holder(64ll << 20, jetsam::vm::Vm::Start::kWarm, &jetsam::eval::ConfigWorld());
  if (!holder.warm()) state.SkipWithError("the prepared VM is not held: the evaluations would start warm");
  EvaluateCompileEmit(state);
}
BENCHMARK(BM_EvaluateCompileEmitCold)->Unit(benchmark::kMicrosecond);

void BM_EvaluateIsolated(benchmark::State& state) {
  auto options = DemoOptions();
  options.isolate = true;
  for (auto _ : state) {
    jetsam::EvalResult result;
    if (!jetsam::Evaluate(Demo(), options, &result).ok()) state.SkipWithError("evaluate failed");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_EvaluateIsolated)->Unit(benchmark::kMicrosecond);

// The child starts from the VM this process prepared before forking.
void BM_EvaluateIsolatedPrepared(benchmark::State& state) {
  auto options = DemoOptions();
  options.isolate = true;
  if (!jetsam::PrepareEvaluations()) state.SkipWithError("could not prepare the VM");
  for (auto _ : state) {
    jetsam::EvalResult result;
    if (!jetsam::Evaluate(Demo(), options, &result).ok()) state.SkipWithError("evaluate failed");
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_EvaluateIsolatedPrepared)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
