// ActiveSupport::OrderedOptions in C++ (eval/options_native.cc) behaves as Jets' OrderedOptions:
// reads, `key?`, assignments of every kind of value, errors, and the difference between Jets'
// defaults (no origin) and a config file's own lines (origin and history).
#include <gtest/gtest.h>

#include "jetsam/evaluate.h"

namespace jetsam {
namespace {

bool Has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

Status EvalDeploy(const std::string& deploy_rb, EvalResult* r) {
  Sources s;
  s.files["config/jets/project.rb"] = "Jets.project.configure do\n  config.name = \"demo\"\nend\n";
  s.files["config/jets/deploy.rb"] = deploy_rb;
  EvalOptions o;
  o.isolate = false;
  o.environment = std::map<std::string, std::string>{};
  o.facts.region = "us-west-2";
  o.facts.account = "111122223333";
  o.facts.s3_bucket = "b";
  return Evaluate(s, o, r);
}

EvalResult MustRun(const std::string& deploy_rb) {
  EvalResult r;
  Status s = EvalDeploy(deploy_rb, &r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r;
}

// What `body` prints inside Jets.deploy.configure.
std::string Printed(const std::string& body) {
  return MustRun("Jets.deploy.configure do\n" + body + "\nend\n").output;
}

const Setting& Find(const EvalResult& r, const std::string& path) {
  static const Setting kNone;
  const Setting* s = r.settings.deploy.Find(path);
  EXPECT_NE(s, nullptr) << path;
  return s ? *s : kNone;
}

TEST(OptionsNative, ReadsKeysTheNodeHolds) {
  EXPECT_EQ(Printed("p config.lambda.function.timeout\np config.lambda.function.properties\n"
                    "p config.lambda.function.vpc_config"),
            "30\n{}\nnil\n");
}

TEST(OptionsNative, ReadingAnUnknownKeyGivesNil) {
  EXPECT_EQ(Printed("p config.lambda.function.nope\np config.lambda.nope"), "nil\nnil\n");
  // A read makes nothing.
  EvalResult r = MustRun("Jets.deploy.configure do\n  config.lambda.function.nope\nend\n");
  EXPECT_EQ(r.settings.deploy.Find("lambda.function.nope"), nullptr);
}

TEST(OptionsNative, BangIsTheValueOrAKeyErrorWhenBlank) {
  EXPECT_EQ(Printed("p config.lambda.function.timeout!\n"
                    "begin\n  config.lambda.function.vpc_config!\nrescue KeyError => e\n  p e.message\nend\n"
                    "begin\n  config.lambda.function.properties!\nrescue KeyError => e\n  p e.message\nend"),
            "30\n\":vpc_config is blank\"\n\":properties is blank\"\n");
}

TEST(OptionsNative, QuestionMarkIsTruthiness) {
  EXPECT_EQ(Printed("p config.lambda.function.timeout?\np config.lambda.function.vpc_config?\n"
                    "p config.lambda.controller.enable?\np config.job.enable?\np config.lambda.nope?"),
            "true\nfalse\ntrue\nfalse\nfalse\n");
}

// (Called directly: mruby 3.1's send/__send__ garble the arguments of a method it cannot find.)
TEST(OptionsNative, SetterReturnsTheValue) {
  EXPECT_EQ(Printed("f = config.lambda.function\np f.method_missing(:timeout=, 7)\np f.timeout\n"
                    "p f.method_missing(:memory_size=, [1])"),
            "7\n7\n[1]\n");
}

TEST(OptionsNative, KeysStayStringsReadableEveryWay) {
  EXPECT_EQ(Printed("f = config.lambda.function\n"
                    "p f[:timeout], f[\"memory_size\"], f.key?(:timeout), f.fetch(:reserved_concurrency)\n"
                    "p f.keys.first(2)\n"
                    "p config.lambda.dig(:function, :timeout)"),
            "30\n1536\ntrue\n5\n[:timeout, :memory_size]\n30\n");
}

TEST(OptionsNative, AConfigAssignmentRecordsItsOrigin) {
  EvalResult r = MustRun(
      "Jets.deploy.configure do\n"
      "  config.lambda.function.timeout = 60\n"
      "  config.lambda.function.properties = {MemorySize: 1}\n"
      "end\n");
  const Setting& timeout = Find(r, "lambda.function.timeout");
  EXPECT_EQ(timeout.value.ToS(), "60");
  EXPECT_EQ(timeout.where, (Location{"config/jets/deploy.rb", 2}));
  ASSERT_EQ(timeout.history.size(), 1u);
  EXPECT_EQ(timeout.history[0].op, "set");
  EXPECT_TRUE(timeout.known);
  const Setting& properties = Find(r, "lambda.function.properties");
  EXPECT_TRUE(properties.value.is_hash());
  EXPECT_EQ(properties.where, (Location{"config/jets/deploy.rb", 3}));
}

TEST(OptionsNative, JetsDefaultsHaveNoOrigin) {
  EvalResult r = MustRun("Jets.deploy.configure do\nend\n");
  for (const char* path : {"lambda.function.timeout", "lambda.function.properties", "lambda.iam.policy",
                           "job.queue_defaults.lambda.timeout", "ci.source"}) {
    const Setting& s = Find(r, path);
    EXPECT_TRUE(s.where.empty()) << path;
    EXPECT_TRUE(s.history.empty()) << path;
    EXPECT_TRUE(s.known) << path;
  }
}

TEST(OptionsNative, ANewKeyIsAnUnknownSetting) {
  EvalResult r = MustRun("Jets.deploy.configure do\n  config.lambda.function.timeot = 60\nend\n");
  const Setting& s = Find(r, "lambda.function.timeot");
  EXPECT_FALSE(s.known);
  EXPECT_EQ(s.where, (Location{"config/jets/deploy.rb", 2}));
  bool noticed = false;
  for (const auto& n : r.notices) noticed = noticed || (n.code == "unknown-setting" && Has(n.message, "timeot"));
  EXPECT_TRUE(noticed);
}

TEST(OptionsNative, AnArrayBecomesATrackedList) {
  EvalResult r = MustRun(
      "Jets.deploy.configure do\n"
      "  config.lambda.iam.policy = [\"s3\"]\n"
      "  config.lambda.iam.policy << \"sqs\"\n"
      "  p config.lambda.iam.policy.class\n"
      "end\n");
  EXPECT_EQ(r.output, "Array\n");
  const Setting& s = Find(r, "lambda.iam.policy");
  ASSERT_EQ(s.item_origins.size(), 2u);
  EXPECT_EQ(s.item_origins[0], (Location{"config/jets/deploy.rb", 2}));
  EXPECT_EQ(s.item_origins[1], (Location{"config/jets/deploy.rb", 3}));
  ASSERT_EQ(s.history.size(), 2u);
  EXPECT_EQ(s.history[1].op, "append");
  // A default list is a tracked list too, with no origin until changed.
  const Setting& managed = Find(r, "lambda.iam.default_vpc_policy");
  EXPECT_TRUE(managed.where.empty());
  EXPECT_EQ(managed.value.items().size(), 6u);
}

TEST(OptionsNative, AnOptionsValueTakesItsPlace) {
  EvalResult r = MustRun(
      "Jets.deploy.configure do\n"
      "  extra = ActiveSupport::OrderedOptions.new\n"
      "  extra.inner = ActiveSupport::OrderedOptions.new\n"
      "  extra.inner.depth = 2\n"
      "  config.lambda.extra = extra\n"
      "  config.lambda.extra.flat = 1\n"
      "  config.lambda.empty = ActiveSupport::OrderedOptions.new\n"
      "  [config.lambda.extra, config.lambda.extra.inner, config.lambda.empty].each do |node|\n"
      "    begin; node.x(1); rescue NoMethodError => e; puts e.message; end\n"
      "  end\n"
      "end\n");
  EXPECT_EQ(r.output,
            "undefined method 'x' for settings lambda.extra\nundefined method 'x' for settings lambda.extra.inner\n"
            "undefined method 'x' for settings lambda.empty\n");
  EXPECT_EQ(Find(r, "lambda.extra.inner.depth").value.ToS(), "2");
  EXPECT_EQ(Find(r, "lambda.extra.flat").where, (Location{"config/jets/deploy.rb", 6}));
}

TEST(OptionsNative, DefaultNodesKnowTheirPaths) {
  EXPECT_EQ(Printed("[config.lambda.function, config.job.queue_defaults.lambda].each do |node|\n"
                    "  begin; node.x(1); rescue NoMethodError => e; puts e.message; end\n"
                    "end"),
            "undefined method 'x' for settings lambda.function\n"
            "undefined method 'x' for settings job.queue_defaults.lambda\n");
}

TEST(OptionsNative, VivifiedEntriesAreDefaultsUntilSet) {
  EvalResult r = MustRun("Jets.deploy.configure do\n  config.job.queues.urgent.lambda.timeout = 60\nend\n");
  const Setting& timeout = Find(r, "job.queues.urgent.lambda.timeout");
  EXPECT_EQ(timeout.where, (Location{"config/jets/deploy.rb", 2}));
  const Setting& memory = Find(r, "job.queues.urgent.lambda.memory_size");
  EXPECT_TRUE(memory.where.empty());
  EXPECT_TRUE(memory.known);
}

TEST(OptionsNative, ACallWithArgumentsIsANoMethodError) {
  EvalResult r;
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lambda.function.timeout(1)\nend\n", &r);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_TRUE(Has(s.message(), "NoMethodError: undefined method 'timeout' for settings lambda.function"))
      << s.message();
}

TEST(OptionsNative, ACallWithABlockIsANoMethodError) {
  EvalResult r;
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lambda.function.timeout { 1 }\nend\n", &r);
  EXPECT_TRUE(Has(s.message(), "undefined method 'timeout' for settings lambda.function")) << s.message();
  s = EvalDeploy("Jets.deploy.configure do\n  config.lambda.send(:timeout=, 1, 2)\nend\n", &r);
  EXPECT_TRUE(Has(s.message(), "undefined method 'timeout=' for settings lambda")) << s.message();
}

TEST(OptionsNative, MethodMissingCalledDirectly) {
  EXPECT_EQ(Printed("f = config.lambda.function\n"
                    "p f.method_missing(:timeout), f.method_missing(\"memory_size\")\n"
                    "f.method_missing(:runtime=, \"ruby\")\np f.runtime"),
            "30\n1536\n\"ruby\"\n");
}

}  // namespace
}  // namespace jetsam
