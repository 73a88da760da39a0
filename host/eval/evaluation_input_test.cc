// An evaluation's input crosses to a standby child as bytes: everything comes back as it was.
#include "eval/evaluation_input.h"

#include <gtest/gtest.h>

namespace jetsam::eval {
namespace {

struct Fixture {
  Limits limits;
  Sources sources;
  Plan plan;
  HostFacts host;
  Fixture() {
    limits.cpu_ms = 1234;
    limits.memory_bytes = 5ll << 40;  // more digits than a field's length may have
    sources.root = "/work/app";
    sources.files["config/jets/project.rb"] = "Jets.project.configure do\n  config.name = \"demo\"\nend\n";
    sources.files["config/jets/deploy.rb"] = std::string("binary \0 and 12:colons", 22);
    sources.checkout.root = "/work/app";
    sources.checkout.files["config/settings.yml"] = CheckoutFile{"a: 1\n", ""};
    sources.checkout.files["config/secret.yml"] = CheckoutFile{"", "a symlink out of the checkout"};
    sources.checkout.dirs = {"config", "config/jets"};
    plan.phases[0] = {"config/jets/project.rb"};
    plan.phases[2] = {"config/jets/deploy.rb", "config/jets/deploy/dev.rb"};
    plan.after[2].push_back({"variant.rb", "config.lambda.function.timeout = 9", Phase::kDeploy});
    plan.dotenv = false;
    host.env = "prod";
    host.extra = "";
    host.region = "eu-west-1";
    host.s3_bucket = "";  // set, and empty: not the same as unset
    host.lookups = nlohmann::json{{"ssm", {{"/demo/key", "v"}}}, {"n", 1.5}};
    host.environment = {{"JETS_ENV", "prod"}, {"EMPTY", ""}};
    host.allow_require = {"aws-sdk-ssm"};
  }
  std::string Encode(Phase last = Phase::kBootstrap) const { return EncodeInput(limits, sources, plan, host, last); }
};

TEST(EvaluationInput, ComesBackAsItWas) {
  Fixture f;
  EvaluationInput in;
  ASSERT_TRUE(DecodeInput(f.Encode(), &in));
  EXPECT_EQ(in.limits.cpu_ms, 1234);
  EXPECT_EQ(in.limits.memory_bytes, 5ll << 40);
  EXPECT_EQ(in.last, Phase::kBootstrap);
  EXPECT_EQ(in.sources.root, f.sources.root);
  EXPECT_EQ(in.sources.files, f.sources.files);
  EXPECT_EQ(in.sources.checkout.Encode(), f.sources.checkout.Encode());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(in.plan.phases[i], f.plan.phases[i]);
    ASSERT_EQ(in.plan.after[i].size(), f.plan.after[i].size());
  }
  EXPECT_EQ(in.plan.after[2][0].name, "variant.rb");
  EXPECT_EQ(in.plan.after[2][0].text, "config.lambda.function.timeout = 9");
  EXPECT_EQ(in.plan.after[2][0].phase, Phase::kDeploy);
  EXPECT_FALSE(in.plan.dotenv);
  EXPECT_EQ(in.host.env, "prod");
  EXPECT_EQ(in.host.region, std::optional<std::string>("eu-west-1"));
  EXPECT_FALSE(in.host.account.has_value());
  EXPECT_EQ(in.host.s3_bucket, std::optional<std::string>(""));
  EXPECT_FALSE(in.host.info_project_name.has_value());
  EXPECT_EQ(in.host.lookups, f.host.lookups);
  EXPECT_EQ(in.host.environment, f.host.environment);
  EXPECT_EQ(in.host.allow_require, f.host.allow_require);
  EXPECT_EQ(in.host.checkout, &in.sources.checkout);
}

TEST(EvaluationInput, AnythingElseIsRefused) {
  Fixture f;
  const std::string bytes = f.Encode();
  for (size_t cut : {size_t{0}, size_t{1}, bytes.size() / 2, bytes.size() - 1}) {
    EvaluationInput in;
    EXPECT_FALSE(DecodeInput(bytes.substr(0, cut), &in)) << cut;
  }
  EvaluationInput extra;
  EXPECT_FALSE(DecodeInput(bytes + "0:", &extra));
  EvaluationInput phase;
  std::string bad_phase = bytes;
  bad_phase.replace(bad_phase.find("1:1"), 3, "1:7");  // cpu 4:1234, memory, then the phase "1:1"
  EXPECT_FALSE(DecodeInput(bad_phase, &phase));
}

}  // namespace
}  // namespace jetsam::eval
