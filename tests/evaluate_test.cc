// Evaluation semantics: Jets' load order, both configure styles, OrderedOptions, list defaults
// and their operators, origins per setting and per item, helpers and facts.
#include "jetsam/evaluate.h"

#include <gtest/gtest.h>

#include "eval/codec.h"
#include "eval/runtime.h"
#include "test_options.h"
#include "vm/vm.h"

namespace jetsam {
namespace {

struct Project {
  Sources sources;
  Project& File(const std::string& path, const std::string& text) {
    sources.files[path] = text;
    return *this;
  }
};

Project Named(const std::string& name = "shop_api") {
  Project p;
  p.File("config/jets/project.rb", "Jets.project.configure do\n  config.name = \"" + name + "\"\nend\n");
  return p;
}

EvalOptions Offline(const std::string& env = "") { return fixtures::OfflineOptions(env); }

EvalResult MustEvaluate(const Project& p, const EvalOptions& o = Offline()) {
  EvalResult r;
  Status s = Evaluate(p.sources, o, &r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r;
}

std::vector<std::string> Strings(const Value& v) {
  std::vector<std::string> out;
  for (const auto& i : v.items()) out.push_back(i.ToS());
  return out;
}

TEST(Evaluate, BothConfigureStylesAddUp) {
  auto p = Named().File("config/jets/bootstrap.rb",
                        "Jets.bootstrap.configure do\n"
                        "  config.codebuild.iam.policy = [\"s3\"]\n"
                        "end\n"
                        "Jets.bootstrap.configure do |c|\n"
                        "  c.codebuild.iam.policy << \"ec2\"\n"
                        "end\n");
  EvalResult r = MustEvaluate(p);
  const Setting* s = r.settings.bootstrap.Find("codebuild.iam.policy");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(Strings(s->value), (std::vector<std::string>{"s3", "ec2"}));
  EXPECT_EQ(s->where, (Location{"config/jets/bootstrap.rb", 5}));
  ASSERT_EQ(s->history.size(), 2u);
  EXPECT_EQ(s->history[0].op, "set");
  EXPECT_EQ(s->history[1].op, "append");
  EXPECT_EQ(s->ItemOrigin(0), (Location{"config/jets/bootstrap.rb", 2}));
  EXPECT_EQ(s->ItemOrigin(1), (Location{"config/jets/bootstrap.rb", 5}));
}

TEST(Evaluate, ListDefaultsTakePushPlusAndMinus) {
  auto p = Named().File("config/jets/bootstrap.rb",
                        "Jets.bootstrap.configure do\n"
                        "  config.codebuild.iam.default_policy -= %w[waf wafv2]\n"
                        "  config.codebuild.iam.default_policy += [\"kms\"]\n"
                        "  config.codebuild.iam.default_policy.push(\"ssm\")\n"
                        "end\n");
  EvalResult r = MustEvaluate(p);
  const Setting* s = r.settings.bootstrap.Find("codebuild.iam.default_policy");
  ASSERT_NE(s, nullptr);
  auto items = Strings(s->value);
  EXPECT_EQ(std::count(items.begin(), items.end(), "waf"), 0);
  EXPECT_EQ(items[items.size() - 2], "kms");
  EXPECT_EQ(items.back(), "ssm");
  EXPECT_TRUE(s->ItemOrigin(0).empty()) << "apigateway is a Jets default";
  EXPECT_EQ(s->ItemOrigin(items.size() - 2), (Location{"config/jets/bootstrap.rb", 3}));
  EXPECT_EQ(s->ItemOrigin(items.size() - 1), (Location{"config/jets/bootstrap.rb", 4}));
}

TEST(Evaluate, UntouchedDefaultsHaveNoOrigin) {
  EvalResult r = MustEvaluate(Named());
  const Setting* s = r.settings.bootstrap.Find("codebuild.iam.default_managed_policy");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->is_default());
  EXPECT_TRUE(s->where.empty());
  EXPECT_EQ(Strings(s->value), (std::vector<std::string>{"AmazonSSMReadOnlyAccess", "AWSCertificateManagerReadOnly"}));
}

TEST(Evaluate, FilesRunInJetsOrderWithTheEnvOverlayLast) {
  auto p = Named()
               .File("config/jets/deploy.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"]\nend\n")
               .File("config/jets/deploy/prod.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"dynamodb\"]\nend\n")
               .File("config/jets/deploy/dev.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy << \"sqs\"\nend\n");
  EvalResult prod = MustEvaluate(p, Offline("prod"));
  EXPECT_EQ(Strings(prod.settings.deploy.Get("lambda.iam.policy")), (std::vector<std::string>{"dynamodb"}));
  EXPECT_EQ(prod.files, (std::vector<std::string>{"config/jets/project.rb", "config/jets/deploy.rb", "config/jets/deploy/prod.rb"}));
  EvalResult dev = MustEvaluate(p, Offline("dev"));
  EXPECT_EQ(Strings(dev.settings.deploy.Get("lambda.iam.policy")), (std::vector<std::string>{"s3", "sqs"}));
  EXPECT_EQ(dev.settings.deploy.Find("lambda.iam.policy")->ItemOrigin(1), (Location{"config/jets/deploy/dev.rb", 2}));
}

TEST(Evaluate, PlainRubyAroundAndInsideBlocks) {
  auto p = Named().File("config/jets/deploy.rb",
                        "TABLES = %w[orders users]\n"
                        "def table_arn(name)\n"
                        "  \"arn:aws:dynamodb:#{Jets.aws.region}:#{Jets.aws.account}:table/#{Jets.project.namespace}-#{name}\"\n"
                        "end\n"
                        "Jets.deploy.configure do\n"
                        "  config.lambda.iam.policy = TABLES.map { |t| {Action: [\"dynamodb:*\"], Effect: \"Allow\", Resource: table_arn(t)} }\n"
                        "  config.job.enable = true if Jets.env.prod? || Jets.env == \"dev\"\n"
                        "  config.lambda.function.timeout = ENV.fetch(\"TIMEOUT\", \"30\").to_i * 2\n"
                        "end\n");
  EvalResult r = MustEvaluate(p);
  const Value& policy = r.settings.deploy.Get("lambda.iam.policy");
  ASSERT_EQ(policy.items().size(), 2u);
  EXPECT_EQ(policy.items()[1].Find("Resource")->text(), "arn:aws:dynamodb:us-west-2:111122223333:table/shop-api-dev-users");
  EXPECT_TRUE(r.settings.deploy.Get("job.enable").truthy());
  EXPECT_EQ(r.settings.deploy.Get("lambda.function.timeout").integer(), 60);
  EXPECT_EQ(r.facts.namespace_, "shop-api-dev");
}

TEST(Evaluate, UnresolvedLookupsArePlaceholdersWithNotices) {
  auto p = Named().File("config/jets/deploy.rb",
                        "Jets.deploy.configure do\n"
                        "  config.lambda.function.vpc_config = {subnet_ids: subnet_ids(\"private-a\")}\n"
                        "end\n");
  EvalOptions o = Offline();
  o.facts.account.reset();
  EvalResult r = MustEvaluate(p, o);
  const Value* subnets = r.settings.deploy.Get("lambda.function.vpc_config").Find("subnet_ids");
  ASSERT_NE(subnets, nullptr);
  EXPECT_EQ(subnets->items()[0].text(), "<subnet_ids:private-a>");
  EXPECT_EQ(r.facts.account, "<aws.account>");
  int lookups = 0;
  for (const auto& n : r.notices) {
    if (n.code != "unresolved-lookup") continue;
    ++lookups;
    if (n.message.find("subnet_ids") != std::string::npos) {
      EXPECT_EQ(n.where, (Location{"config/jets/deploy.rb", 2}));
    }
  }
  EXPECT_EQ(lookups, 2);  // aws.account (Jets' default lambda policy) and the subnet
}

TEST(Evaluate, FactsAnswerLookups) {
  auto p = Named().File("config/jets/deploy.rb",
                        "Jets.deploy.configure do\n"
                        "  config.lambda.function.vpc_config = {subnet_ids: subnet_ids(\"private-a\")}\n"
                        "end\n");
  EvalOptions o = Offline();
  o.facts.lookups = {{"subnet_ids", {{"private-a", "subnet-123"}}}};
  EvalResult r = MustEvaluate(p, o);
  EXPECT_EQ(r.settings.deploy.Get("lambda.function.vpc_config").Find("subnet_ids")->items()[0].text(), "subnet-123");
}

TEST(Evaluate, SsmEnvFollowsTheProjectConvention) {
  auto p = Named().File("config/jets/deploy.rb", "Jets.deploy.configure do\n  config.lambda.function.timeout = ssm_env\nend\n");
  EXPECT_EQ(MustEvaluate(p, Offline("prod")).settings.deploy.Get("lambda.function.timeout").text(), "prod");
  EXPECT_EQ(MustEvaluate(p, Offline("staging")).settings.deploy.Get("lambda.function.timeout").text(), "dev");
}

TEST(Evaluate, ProjectNameFromInfoYmlWhenUnset) {
  Project p;
  p.File("config/jets/info.yml", "project_name: from_info\naws_account: \"999988887777\"\n");
  EvalOptions o = Offline();
  o.facts.account.reset();
  EvalResult r = MustEvaluate(p, o);
  EXPECT_EQ(r.facts.name, "from_info");
  EXPECT_EQ(r.facts.namespace_, "from-info-dev");
  EXPECT_EQ(r.facts.account, "999988887777");
}

TEST(Evaluate, MissingProjectNameIsAnError) {
  Project p;
  p.File("config/jets/bootstrap.rb", "Jets.bootstrap.configure do\nend\n");
  EvalResult r;
  Status s = Evaluate(p.sources, Offline(), &r);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_NE(s.message().find("project name not set"), std::string::npos) << s.ToString();
}

TEST(Evaluate, ExtraJoinsTheNamespace) {
  EvalOptions o = Offline();
  o.extra = "2";
  EXPECT_EQ(MustEvaluate(Named("shop_api"), o).facts.namespace_, "shop-api-dev-2");
}

TEST(Evaluate, WhatTheConfigPrintsIsCaptured) {
  auto p = Named().File("config/jets/deploy.rb", "puts \"env=#{Jets.env}\"\np [1, :a]\nprint \"x\"\n");
  EXPECT_EQ(MustEvaluate(p).output, "env=dev\n[1, :a]\nx");
}

TEST(Evaluate, IsolatedAndInProcessAgree) {
  auto p = Named().File("config/jets/deploy.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy << :sqs\nend\n");
  EvalOptions iso = Offline();
  iso.isolate = true;
  EvalResult a = MustEvaluate(p), b = MustEvaluate(p, iso);
  EXPECT_EQ(a.settings.deploy.Get("lambda.iam.policy"), b.settings.deploy.Get("lambda.iam.policy"));
  EXPECT_TRUE(b.settings.deploy.Get("lambda.iam.policy").items()[0].is_symbol());
  EXPECT_EQ(a.settings.deploy.Find("lambda.iam.policy")->where, b.settings.deploy.Find("lambda.iam.policy")->where);
  EXPECT_EQ(a.facts.namespace_, b.facts.namespace_);
}

// mruby 3.1's send/__send__ passes the wrong arguments to method_missing; settings objects
// route send themselves, so `send(:key=, value)` sets what it says, at its line.
TEST(Evaluate, SendSetsAndReadsSettings) {
  auto p = Project()
               .File("config/jets/project.rb", "Jets.project.configure do\n  config.send(:name=, \"sent\")\nend\n")
               .File("config/jets/deploy.rb",
                     "Jets.deploy.configure do\n"
                     "  config.lambda.function.send(:timeout=, 6)\n"
                     "  config.lambda.send(:function).public_send(\"memory_size=\", 512)\n"
                     "  config.job.queues.send(:urgent).lambda.send(:timeout=, 5)\n"
                     "  config.lambda.function.send(:key?, :timeout) or raise 'key? not reached'\n"
                     "end\n");
  EvalResult r = MustEvaluate(p);
  EXPECT_EQ(r.settings.project.Get("name").ToS(), "sent");
  EXPECT_EQ(r.settings.deploy.Get("lambda.function.timeout").ToS(), "6");
  EXPECT_EQ(r.settings.deploy.Find("lambda.function.timeout")->where, (Location{"config/jets/deploy.rb", 2}));
  EXPECT_EQ(r.settings.deploy.Get("lambda.function.memory_size").ToS(), "512");
  EXPECT_EQ(r.settings.deploy.Get("job.queues.urgent.lambda.timeout").ToS(), "5");
}

// In process, each evaluation starts from a copy of the VM this process prepared (a warm
// start): it must give exactly what a freshly built VM gives, and nothing of one evaluation may
// reach the next.
TEST(Evaluate, AWarmStartGivesWhatAColdStartGives) {
  for (const char* dir : {"samples/demo", "tests/fixtures/overlay-prod", "tests/fixtures/helpers-offline"}) {
    Sources sources;
    ASSERT_TRUE(Sources::FromDirectory(JETSAM_SOURCE_DIR "/" + std::string(dir), &sources).ok()) << dir;
    EvalOptions o = Offline("prod");
    EvalResult warm, cold;
    Status ws = Evaluate(sources, o, &warm);
    {
      vm::Vm holder(64ll << 20, vm::Vm::Start::kWarm, &eval::ConfigWorld());  // holds the prepared VM: the next starts cold
      ASSERT_TRUE(holder.warm());
      Status cs = Evaluate(sources, o, &cold);
      EXPECT_EQ(eval::EncodeOutcome(ws, warm, size_t{1} << 30), eval::EncodeOutcome(cs, cold, size_t{1} << 30)) << dir;
    }
  }
}

TEST(Evaluate, NothingOfOneEvaluationReachesTheNext) {
  auto dirty = Named("first").File("config/jets/bootstrap.rb",
                                   "$leak = 1\nLEAK = 2\n"
                                   "class String; def upcase; 'forged'; end; end\n"
                                   "module Jetsam; class Options; def __get(k); 'forged'; end; end; end\n");
  EvalResult first;
  Evaluate(dirty.sources, Offline(), &first);  // its forged Options may well break it: no matter
  auto clean = Project().File("config/jets/project.rb",
                              "Jets.project.configure do\n"
                              "  config.name = \"second#{$leak}#{Object.const_defined?(:LEAK)}\".upcase\n"
                              "end\n");
  EvalResult r = MustEvaluate(clean);
  EXPECT_EQ(r.settings.project.Get("name").ToS(), "SECONDFALSE");
}

}  // namespace
}  // namespace jetsam
