// An evaluation whose child was forked before the checkout was read (PrestartEvaluation) gives
// what a child forked with the work in hand gives, errors and partial phases included; the
// request that carries the work reads back as it was written.
#include <gtest/gtest.h>

#include "eval/codec.h"
#include "eval/plan.h"
#include "jetsam/evaluate.h"
#include "vm/isolate.h"

namespace jetsam {
namespace {

Sources Checkout(const std::string& deploy) {
  Sources s;
  s.root = "shop";
  s.files["config/jets/project.rb"] = "Jets.project.configure do\n  config.name = \"shop\"\n  puts \"hi\"\nend\n";
  s.files["config/jets/env/.env"] = "FOO=bar\nSECRET=SSM:/shop/secret\n";
  s.files["config/jets/bootstrap.rb"] =
      "Jets.bootstrap.configure do\n  config.codebuild.iam.policy = [\"s3\", ENV[\"FOO\"]]\nend\n";
  s.files["config/jets/deploy.rb"] = deploy;
  s.checkout.root = "/work/shop";
  s.checkout.files["config/settings.yml"] = CheckoutFile{"a: 1\n", ""};
  s.checkout.dirs.insert("config");
  return s;
}

EvalOptions Isolated() {
  EvalOptions o;
  o.isolate = true;
  o.limits.cpu_ms = 400;
  o.environment = std::map<std::string, std::string>{{"HOME", "/home/u"}};
  o.facts.region = "us-west-2";
  o.facts.account = "111122223333";
  return o;
}

std::string Outcome(const Sources& sources, const EvalOptions& o, bool prestart) {
  if (prestart) EXPECT_TRUE(PrestartEvaluation(o.limits));
  EXPECT_EQ(vm::HasPrestarted(o.limits), prestart);
  EvalResult r;
  Status s = Evaluate(sources, o, &r);
  EXPECT_FALSE(vm::HasPrestarted(o.limits));  // used, not left waiting
  return eval::EncodeOutcome(s, r, 64u << 20);
}

TEST(PrestartEvaluation, GivesWhatAChildForkedWithItsWorkGives) {
  const std::string deploys[] = {
      "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"sqs\"]\nend\n",
      "Jets.deploy.configure do\n  config.lambda.function.timeout = 7\n  raise \"boom\"\nend\n",  // an error
      "Jets.deploy.configure do\n  config.lambda.iam.policy = [File.read(\"config/settings.yml\")]\nend\n",
      "loop { }\n",  // the time limit, in deploy.rb: the earlier phases are still given
  };
  for (const auto& deploy : deploys) {
    const Sources sources = Checkout(deploy);
    EXPECT_EQ(Outcome(sources, Isolated(), true), Outcome(sources, Isolated(), false)) << deploy;
  }
}

TEST(EvalRequest, ReadsBackAsWritten) {
  const Sources sources = Checkout("Jets.deploy.configure do\nend\n");
  eval::Plan plan;
  plan.phases[0] = {"config/jets/project.rb"};
  plan.phases[2] = {"config/jets/deploy.rb", "config/jets/deploy/prod.rb"};
  plan.after[1].push_back({"variant.rb:3", "config.x = 1", Phase::kBootstrap});
  plan.dotenv = false;
  eval::HostFacts host;
  host.env = "prod";
  host.extra = "2";
  host.region = "eu-west-1";
  host.info_project_name = "";  // present and empty is not absent
  host.lookups = {{"ssm", {{"/a", "b"}}}};
  host.environment = {{"A", "1"}, {"EMPTY", ""}};
  host.allow_require = {"nokogiri"};
  const std::string bytes = eval::EncodeEvalRequest(sources, plan, host, Phase::kBootstrap);
  eval::EvalRequest back;
  ASSERT_TRUE(eval::DecodeEvalRequest(bytes, &back));
  EXPECT_EQ(back.sources.files, sources.files);
  EXPECT_EQ(back.sources.root, sources.root);
  EXPECT_EQ(back.sources.checkout.Encode(), sources.checkout.Encode());
  EXPECT_EQ(back.host.checkout, &back.sources.checkout);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(back.plan.phases[i], plan.phases[i]);
  ASSERT_EQ(back.plan.after[1].size(), 1u);
  EXPECT_EQ(back.plan.after[1][0].text, "config.x = 1");
  EXPECT_EQ(back.plan.after[1][0].phase, Phase::kBootstrap);
  EXPECT_FALSE(back.plan.dotenv);
  EXPECT_EQ(back.host.env, "prod");
  EXPECT_EQ(back.host.extra, "2");
  EXPECT_EQ(back.host.region, host.region);
  EXPECT_FALSE(back.host.account.has_value());
  EXPECT_EQ(back.host.info_project_name, std::optional<std::string>(""));
  EXPECT_EQ(back.host.lookups, host.lookups);
  EXPECT_EQ(back.host.environment, host.environment);
  EXPECT_EQ(back.host.allow_require, host.allow_require);
  EXPECT_EQ(back.last, Phase::kBootstrap);
  // Cut short or with a byte more, it is refused.
  eval::EvalRequest short_one, long_one;
  EXPECT_FALSE(eval::DecodeEvalRequest(bytes.substr(0, bytes.size() - 1), &short_one));
  EXPECT_FALSE(eval::DecodeEvalRequest(bytes + "x", &long_one));
}

}  // namespace
}  // namespace jetsam
