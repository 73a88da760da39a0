// The policy checks lint and compile add: the grammar of a document (what every compile runs),
// ARN-to-resource-type matching, and a whole lint over the IAM corpus' policies as one role.
//   cmake --build <build> --target lint_bench && <build>/lint_bench
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "analyze/arn_fit.h"
#include "jetsam/analyze.h"
#include "jetsam/grammar.h"

namespace {

using jetsam::Json;

// A document like a Jets app's: a few statements, one with a Condition and a policy variable.
Json Document(bool with_condition) {
  Json doc = Json::parse(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Orders", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
     "Resource": "arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-orders"},
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::demo-uploads/${aws:userid}/*"},
    {"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": "arn:aws:sqs:us-west-2:111122223333:demo-jobs"}]})");
  if (with_condition)
    doc["Statement"][0]["Condition"] = Json::parse(R"({"StringEquals": {"aws:RequestedRegion": "us-west-2"},
        "ForAnyValue:StringLike": {"dynamodb:LeadingKeys": ["${aws:userid}"]}, "Bool": {"aws:SecureTransport": "true"}})");
  return doc;
}

// What compile pays on a config without conditions: structure only, no catalog.
void BM_GrammarStructure(benchmark::State& state) {
  Json doc = Document(false);
  doc["Statement"][1]["Resource"] = "arn:aws:s3:::demo-uploads/*";
  for (auto _ : state) benchmark::DoNotOptimize(jetsam::CheckPolicyDocument(doc));
}
BENCHMARK(BM_GrammarStructure)->Unit(benchmark::kMicrosecond);

// With conditions and variables: keys and values checked against the catalog (loaded once).
void BM_GrammarConditions(benchmark::State& state) {
  const Json doc = Document(true);
  benchmark::DoNotOptimize(jetsam::CheckPolicyDocument(doc));
  for (auto _ : state) benchmark::DoNotOptimize(jetsam::CheckPolicyDocument(doc));
}
BENCHMARK(BM_GrammarConditions)->Unit(benchmark::kMicrosecond);

// Which S3 types an ARN pattern names, and whether an action fits it.
void BM_ArnFit(benchmark::State& state) {
  const auto& cat = jetsam::iam::Catalog::Get();
  jetsam::analyze::ResourceTypeFit fit(cat);
  const auto get_object = *cat.FindAction("s3:GetObject");
  for (auto _ : state) {
    benchmark::DoNotOptimize(fit.TypesOf("arn:aws:s3:::demo-uploads/x7"));
    benchmark::DoNotOptimize(fit.ActionFits(get_object, "arn:aws:s3:::demo-uploads"));
  }
}
BENCHMARK(BM_ArnFit)->Unit(benchmark::kMicrosecond);

// Lint over every statement of tests/iam_corpus/ as one role's policy (about 100 statements).
void BM_LintCorpusRole(benchmark::State& state) {
  jetsam::Policy p;
  p.name = "Corpus";
  p.setting = "lambda.iam.policy";
  for (const char* file : {"grammar", "conditions", "arns", "risk"}) {
    std::ifstream in(std::string(JETSAM_SOURCE_DIR "/tests/iam_corpus/") + file + ".json");
    std::stringstream text;
    text << in.rdbuf();
    int line = 0;
    for (const auto& c : Json::parse(text.str())) {
      const Json& st = c["policy"]["Statement"];
      for (const auto& s : st.is_array() ? st : Json::array({st})) {
        jetsam::Statement statement;
        statement.json = s;
        statement.setting = p.setting;
        statement.origin = {std::string("corpus/") + file, ++line};
        p.statements.push_back(std::move(statement));
      }
    }
  }
  jetsam::Role role;
  role.kind = jetsam::RoleKind::kLambda;
  role.logical_id = "IamRole";
  role.policies.push_back(p);
  jetsam::Compiled compiled;
  compiled.roles.push_back(role);
  jetsam::EvalResult eval;
  for (auto _ : state) benchmark::DoNotOptimize(jetsam::Lint(eval, compiled));
  state.counters["statements"] = static_cast<double>(p.statements.size());
}
BENCHMARK(BM_LintCorpusRole)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
