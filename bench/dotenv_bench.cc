// The dotenv parser, which every evaluation of a checkout with config/jets/env/ files runs: a
// typical file, a large one, and the hostile shapes a backtracking matcher is quadratic on.
//   cmake --build <build> --target dotenv_bench && <build>/dotenv_bench
#include <benchmark/benchmark.h>

#include <string>

#include "eval/dotenv.h"

namespace {

using jetsam::eval::DotenvVar;
using jetsam::eval::ParseDotenv;

// A .env like `jets init` writes for Rails, with a few real settings.
const std::string kTypical =
    "# Docs: https://docs.rubyonjets.com/docs/env/files/\n"
    "RAILS_ENV=production\n"
    "RAILS_LOG_TO_STDOUT=1\n"
    "SECRET_KEY_BASE=SSM\n"
    "export ASSETS_BUCKET=shop-assets\n"
    "REPORTS_BUCKET=\"${ASSETS_BUCKET}-reports\"   # interpolated\n"
    "QUEUE_PREFIX='shop-${NOT_EXPANDED}'\n"
    "DATABASE_URL=SSM  # => SSM:/shop/dev/DATABASE_URL\n";

void Parse(benchmark::State& state, const std::string& text) {
  const std::map<std::string, std::string> env = {{"HOME", "/home/demo"}, {"PATH", "/usr/bin"}};
  for (auto _ : state) {
    std::vector<DotenvVar> vars;
    benchmark::DoNotOptimize(ParseDotenv(text, ".env", env, &vars));
    benchmark::DoNotOptimize(vars);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_Typical(benchmark::State& state) { Parse(state, kTypical); }
BENCHMARK(BM_Typical);

void BM_TenThousandLines(benchmark::State& state) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "KEY_" + std::to_string(i) + "=\"value ${KEY_" + std::to_string(i / 2) + "}\"\n";
  Parse(state, text);
}
BENCHMARK(BM_TenThousandLines)->Unit(benchmark::kMillisecond);

// Every line opens a quote that escaped quotes keep open: each start could scan to the end.
void BM_UnterminatedQuotes(benchmark::State& state) {
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "A=\"\\\"\\\"\n";
  Parse(state, text);
}
BENCHMARK(BM_UnterminatedQuotes)->Unit(benchmark::kMillisecond);

// Blank lines before a line that is no assignment: each line start could rescan them all.
void BM_BlankLinesThenGarbage(benchmark::State& state) {
  std::string text(200000, '\n');
  text += "lol$wut\n";
  Parse(state, text);
}
BENCHMARK(BM_BlankLinesThenGarbage)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
