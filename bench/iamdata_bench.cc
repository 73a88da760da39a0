// The IAM data: what the first Catalog::Get() costs (the tables are read in place: a format
// check), what a managed policy's document costs (inflated on demand), and typical queries.
//   cmake --build <build> --target iamdata_bench && <build>/iamdata_bench
#include <benchmark/benchmark.h>

#include "jetsam/iamdata.h"

namespace {

using jetsam::iam::Catalog;

// A fresh, private catalog each iteration: the cost a command pays on its first query.
void BM_FirstLoad(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(jetsam::iam::internal::LoadUncached(false));
}
BENCHMARK(BM_FirstLoad)->Unit(benchmark::kMillisecond);

// The same plus a first managed policy (its document inflated with the dictionary, and parsed).
void BM_FirstLoadWithPolicies(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(jetsam::iam::internal::LoadUncached(true));
}
BENCHMARK(BM_FirstLoadWithPolicies)->Unit(benchmark::kMillisecond);

// What a command that never needs the data pays: a flag check (and DataVersions for --version).
void BM_NotLoaded(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(Catalog::Loaded());
    benchmark::DoNotOptimize(jetsam::iam::DataVersions());
  }
}
BENCHMARK(BM_NotLoaded);

void BM_ExpandS3All(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state) benchmark::DoNotOptimize(c.Expand("s3:*"));
  state.counters["actions"] = static_cast<double>(c.Expand("s3:*").size());
}
BENCHMARK(BM_ExpandS3All)->Unit(benchmark::kMicrosecond);

void BM_ExpandNamesAllGet(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state) benchmark::DoNotOptimize(c.ExpandNames("*:Get*"));
}
BENCHMARK(BM_ExpandNamesAllGet)->Unit(benchmark::kMicrosecond);

void BM_FindAction(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state) benchmark::DoNotOptimize(c.HasAction("dynamodb:GetItem"));
}
BENCHMARK(BM_FindAction);

void BM_SuggestAction(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state) benchmark::DoNotOptimize(c.SuggestAction("dyanmodb:GetItme"));
}
BENCHMARK(BM_SuggestAction)->Unit(benchmark::kMicrosecond);

// Exact classification of a concrete ARN: every resource type of its service tried.
void BM_MatchResourceTypes(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state) benchmark::DoNotOptimize(c.MatchResourceTypes("arn:aws:s3:::demo-bucket/uploads/a.png"));
}
BENCHMARK(BM_MatchResourceTypes)->Unit(benchmark::kMicrosecond);

void BM_ArnFitsResourceType(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state)
    benchmark::DoNotOptimize(c.ArnFitsResourceType("arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-orders",
                                                   "dynamodb", "table"));
}
BENCHMARK(BM_ArnFitsResourceType);

// An action with its details (the description read back from its phrase code, the lists).
void BM_FindActionInfo(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state) benchmark::DoNotOptimize(c.FindAction("ec2:RunInstances"));
}
BENCHMARK(BM_FindActionInfo)->Unit(benchmark::kMicrosecond);

void BM_FindManagedPolicy(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state) benchmark::DoNotOptimize(c.FindManagedPolicy("service-role/AWS_ConfigRole"));
}
BENCHMARK(BM_FindManagedPolicy)->Unit(benchmark::kMicrosecond);

void BM_SuggestManagedPolicy(benchmark::State& state) {
  const Catalog& c = Catalog::Get();
  for (auto _ : state) benchmark::DoNotOptimize(c.SuggestManagedPolicy("AmazonS3ReadOnlyAccesss3"));
}
BENCHMARK(BM_SuggestManagedPolicy)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
