// Variants that resume from a checkpoint (EvalOptions::checkpoints, host/eval/checkpoint.h) give
// exactly what a whole evaluation gives: the same settings, origins, notices, files, output and
// errors, byte for byte as the evaluation's child would send them.
#include <gtest/gtest.h>

#include "eval/checkpoint.h"
#include "eval/codec.h"
#include "eval/runtime.h"
#include "jetsam/evaluate.h"
#include "test_options.h"
#include "vm/vm.h"

namespace jetsam {
namespace {

Sources Checkout() {
  Sources s;
  s.files["config/jets/project.rb"] =
      "Jets.project.configure do\n"
      "  config.name = \"shop\"\n"
      "  puts \"project #{ENV['HOME']}\"\n"
      "end\n";
  // An SSM reference nothing answers: a notice of the bootstrap phase, added when it ends.
  s.files["config/jets/env/.env"] = "FOO=bar\nSECRET=SSM:/shop/secret\n";
  s.files["config/jets/bootstrap.rb"] =
      "Jets.bootstrap.configure do\n"
      "  config.codebuild.iam.policy = [\"s3\", ENV[\"FOO\"]]\n"
      "  config.codebuild.iam.default_policy -= %w[waf]\n"
      "  puts \"bootstrap\"\n"
      "end\n";
  s.files["config/jets/deploy.rb"] =
      "Jets.deploy.configure do\n"
      "  config.lambda.iam.policy = [\"dynamodb\"]\n"
      "  config.lambda.function.memory_size = 512\n"
      "end\n";
  s.files["config/jets/deploy/prod.rb"] = "Jets.deploy.configure do\n  config.lambda.function.timeout = 60\nend\n";
  return s;
}

EvalOptions Options(const std::string& env = "dev") { return fixtures::OfflineOptions(env); }

struct Extra {
  Phase phase;
  std::string text;
};

EvalOptions WithCode(EvalOptions o, const std::vector<Extra>& extras) {
  for (size_t i = 0; i < extras.size(); ++i) {
    const char* object = PhaseName(extras[i].phase);
    o.after.push_back({"variant.rb:" + std::to_string(i + 1),
                       std::string("Jets.") + object + ".configure do\n" + extras[i].text + "\nend\n", extras[i].phase});
  }
  return o;
}

// The evaluation as bytes: status and result, as an isolated evaluation's child sends them.
std::string Outcome(const Sources& sources, const EvalOptions& o) {
  EvalResult r;
  Status s = Evaluate(sources, o, &r);
  return eval::EncodeOutcome(s, r, 64u << 20);
}

const std::vector<std::vector<Extra>> kVariants = {
    {{Phase::kDeploy, "  config.lambda.function.timeout = 7"}},
    {{Phase::kDeploy, "  config.lambda.iam.policy << \"sqs\"\n  puts config.lambda.function.memory_size"}},
    {{Phase::kBootstrap, "  config.codebuild.iam.policy << \"sqs\""}},
    {{Phase::kProject, "  config.name = \"other\""}, {Phase::kDeploy, "  config.lambda.iam.policy << \"sns\""}},
    {{Phase::kDeploy, "  raise \"boom\""}},                      // an error after the checkpoint
    {{Phase::kBootstrap, "  config.codebuild.iam.no_such_thing"}},  // an unknown setting read
    {{Phase::kDeploy, "  config.lambda.function.timeout = 9"}},
};

TEST(Checkpoints, VariantsResumedGiveWhatWholeEvaluationsGive) {
  const Sources sources = Checkout();
  auto store = NewEvalCheckpoints(64u << 20);
  // Twice through the variants: the first pass leaves a checkpoint per phase, the second resumes
  // from them, each variant after a different one (an error included).
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < kVariants.size(); ++i) {
      EvalOptions whole = WithCode(Options(), kVariants[i]);
      EvalOptions resumed = whole;
      resumed.checkpoints = store;
      EXPECT_EQ(Outcome(sources, resumed), Outcome(sources, whole)) << "variant " << i << ", pass " << pass;
    }
  }
  // One checkpoint per phase that variants add code to first; every evaluation but those three
  // resumed.
  EXPECT_EQ(store->size(), 3u);
  EXPECT_EQ(store->resumed(), 2 * kVariants.size() - 3);
}

TEST(Checkpoints, OnlyTheSameInputsShareOne) {
  const Sources sources = Checkout();
  auto store = NewEvalCheckpoints(64u << 20);
  const std::vector<Extra> code = {{Phase::kDeploy, "  config.lambda.function.timeout = 7"}};
  EvalOptions dev = WithCode(Options("dev"), code), prod = WithCode(Options("prod"), code);
  dev.checkpoints = prod.checkpoints = store;
  const std::string dev_outcome = Outcome(sources, dev);
  EXPECT_EQ(Outcome(sources, prod), Outcome(sources, WithCode(Options("prod"), code)));
  EXPECT_EQ(store->size(), 2u);  // the env differs: a checkpoint each, neither resumed
  EXPECT_EQ(store->resumed(), 0u);
  EvalOptions other_facts = dev;
  other_facts.facts.account = "444455556666";
  EXPECT_EQ(Outcome(sources, other_facts), Outcome(sources, WithCode([] {
                                                        EvalOptions o = Options("dev");
                                                        o.facts.account = "444455556666";
                                                        return o;
                                                      }(), code)));
  EXPECT_EQ(store->resumed(), 0u);
  // Code added to an earlier phase is part of what the deploy phase's state depends on.
  EvalOptions earlier = WithCode(Options("dev"), {{Phase::kBootstrap, "  config.codebuild.iam.policy << \"sqs\""},
                                                  {Phase::kDeploy, "  config.lambda.function.timeout = 7"}});
  earlier.checkpoints = store;
  EXPECT_NE(Outcome(sources, earlier), dev_outcome);
  EXPECT_EQ(Outcome(sources, dev), dev_outcome);
  EXPECT_EQ(store->resumed(), 1u);
}

TEST(Checkpoints, AVariantWhoseVmIsTakenRunsFromTheStart) {
  const Sources sources = Checkout();
  auto store = NewEvalCheckpoints(64u << 20);
  EvalOptions o = WithCode(Options(), kVariants[0]);
  o.checkpoints = store;
  const std::string whole = Outcome(sources, WithCode(Options(), kVariants[0]));
  EXPECT_EQ(Outcome(sources, o), whole);  // leaves the checkpoint
  ASSERT_EQ(store->size(), 1u);
  {
    // The prepared VM is held (a nested evaluation): the variant gets a VM of its own, which
    // no checkpoint fits, and runs every file.
    vm::Vm held(64ll << 20, vm::Vm::Start::kWarm, &eval::ConfigWorld());
    ASSERT_TRUE(held.warm());
    EXPECT_EQ(Outcome(sources, o), whole);
    EXPECT_EQ(store->resumed(), 0u);
  }
  EXPECT_EQ(Outcome(sources, o), whole);
  EXPECT_EQ(store->resumed(), 1u);
}

TEST(Checkpoints, TheStoreKeepsToItsBound) {
  const Sources sources = Checkout();
  auto tiny = NewEvalCheckpoints(4096);  // smaller than any VM's copy
  EvalOptions o = WithCode(Options(), kVariants[0]);
  o.checkpoints = tiny;
  const std::string once = Outcome(sources, o);
  EXPECT_EQ(Outcome(sources, o), once);
  EXPECT_EQ(tiny->size(), 0u);
  EXPECT_EQ(tiny->resumed(), 0u);
}

}  // namespace
}  // namespace jetsam
