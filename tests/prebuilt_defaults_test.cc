// Jets' defaults are built with the VM (eval/prebuilt_defaults.h), except the few that read the
// evaluation's inputs. These tests hold what that must not change: each evaluation sees its own
// inputs in those defaults, read when Jets would read them (at the object's first use: ENV
// after the dotenv files for Jets.bootstrap), and no evaluation sees what another one did to a
// default, in one process whose VM is prepared once.
#include <gtest/gtest.h>

#include "jetsam/evaluate.h"

namespace jetsam {
namespace {

struct Inputs {
  std::map<std::string, std::string> environment;
  std::string env = "dev";
  std::string region = "us-west-2";
  std::map<std::string, std::string> files;
};

EvalResult Evaluated(const Inputs& in, const std::string& deploy_rb = "") {
  Sources s;
  s.files["config/jets/project.rb"] = "Jets.project.configure do\n  config.name = \"demo\"\nend\n";
  s.files["config/jets/bootstrap.rb"] = "Jets.bootstrap.configure do\nend\n";
  s.files["config/jets/deploy.rb"] = deploy_rb.empty() ? "Jets.deploy.configure do\nend\n" : deploy_rb;
  for (const auto& [name, text] : in.files) s.files[name] = text;
  EvalOptions o;
  o.isolate = false;
  o.env = in.env;
  o.environment = in.environment;
  o.facts.region = in.region;
  o.facts.account = "111122223333";
  o.facts.s3_bucket = "bucket-" + in.region;
  EvalResult r;
  Status st = Evaluate(s, o, &r);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return r;
}

const Setting& Find(const ConfigSettings& object, const std::string& path) {
  static const Setting kNone;
  const Setting* s = object.Find(path);
  EXPECT_NE(s, nullptr) << path;
  return s ? *s : kNone;
}

std::string Json(const Setting& s) { return s.value.ToJson().dump(); }

void ExpectDefault(const Setting& s) {
  EXPECT_TRUE(s.known) << s.path;
  EXPECT_TRUE(s.is_default()) << s.path;
  EXPECT_TRUE(s.where.file.empty()) << s.path;
}

class PrebuiltDefaults : public ::testing::Test {
 protected:
  // One VM for the whole process, as a server's or a script's: every evaluation starts from it.
  static void SetUpTestSuite() { ASSERT_TRUE(PrepareEvaluations()); }
};

TEST_F(PrebuiltDefaults, DefaultsThatReadInputsFollowEachEvaluation) {
  Inputs a;
  a.environment = {{"JETS_CODEBUILD_FLEET_ENABLE", "1"}, {"JETS_CODEBUILD_FLEET_OVERRIDE", "fleet-a"}};
  a.env = "prod";
  a.region = "eu-west-1";
  Inputs b;  // none of them set, other facts
  for (int round = 0; round < 2; ++round) {
    EvalResult ra = Evaluated(a);
    EXPECT_EQ(Json(Find(ra.settings.bootstrap, "codebuild.fleet.enable")), "true");
    EXPECT_EQ(Json(Find(ra.settings.bootstrap, "codebuild.project.fleet_override")), "\"fleet-a\"");
    EXPECT_EQ(Json(Find(ra.settings.deploy, "waf.name")), "\"prod\"");
    const std::string policy_a = Json(Find(ra.settings.deploy, "lambda.iam.default_policy"));
    EXPECT_NE(policy_a.find("arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/demo-prod-*"), std::string::npos)
        << policy_a;
    EXPECT_NE(policy_a.find("arn:aws:s3:::bucket-eu-west-1*"), std::string::npos) << policy_a;
    for (const char* path : {"codebuild.fleet.enable", "codebuild.project.fleet_override"}) {
      ExpectDefault(Find(ra.settings.bootstrap, path));
    }
    ExpectDefault(Find(ra.settings.deploy, "waf.name"));
    ExpectDefault(Find(ra.settings.deploy, "lambda.iam.default_policy"));

    EvalResult rb = Evaluated(b);
    EXPECT_EQ(Json(Find(rb.settings.bootstrap, "codebuild.fleet.enable")), "false");
    EXPECT_EQ(Json(Find(rb.settings.bootstrap, "codebuild.project.fleet_override")), "null");
    EXPECT_EQ(Json(Find(rb.settings.deploy, "waf.name")), "\"dev\"");
    const std::string policy_b = Json(Find(rb.settings.deploy, "lambda.iam.default_policy"));
    EXPECT_NE(policy_b.find("arn:aws:cloudformation:us-west-2:111122223333:stack/demo-dev*"), std::string::npos)
        << policy_b;
  }
}

// Jets loads the dotenv files into ENV before bootstrap.rb: Jets.bootstrap's defaults, made at its
// first use, see them.
TEST_F(PrebuiltDefaults, BootstrapDefaultsSeeTheDotenvFiles) {
  Inputs in;
  in.files["config/jets/env/.env"] = "JETS_CODEBUILD_FLEET_OVERRIDE=from-dotenv\n";
  EvalResult r = Evaluated(in);
  EXPECT_EQ(Json(Find(r.settings.bootstrap, "codebuild.project.fleet_override")), "\"from-dotenv\"");
}

TEST_F(PrebuiltDefaults, AConfigsChangesStayInItsOwnEvaluation) {
  const std::string changes =
      "Jets.deploy.configure do\n"
      "  config.lambda.function.timeout = 99\n"
      "  config.lambda.iam.default_vpc_policy << \"ec2:Extra\"\n"
      "  config.job.queues.urgent.lambda.timeout = 5\n"
      "  config.waf = false\n"
      "end\n";
  EvalResult changed = Evaluated(Inputs{}, changes);
  EXPECT_EQ(Json(Find(changed.settings.deploy, "lambda.function.timeout")), "99");
  EXPECT_NE(Json(Find(changed.settings.deploy, "lambda.iam.default_vpc_policy")).find("ec2:Extra"), std::string::npos);
  EXPECT_EQ(Json(Find(changed.settings.deploy, "job.queues.urgent.lambda.timeout")), "5");

  EvalResult plain = Evaluated(Inputs{});
  const Setting& timeout = Find(plain.settings.deploy, "lambda.function.timeout");
  EXPECT_EQ(Json(timeout), "30");
  ExpectDefault(timeout);
  const Setting& vpc = Find(plain.settings.deploy, "lambda.iam.default_vpc_policy");
  EXPECT_EQ(Json(vpc).find("ec2:Extra"), std::string::npos);
  ExpectDefault(vpc);
  EXPECT_EQ(plain.settings.deploy.Find("job.queues.urgent.lambda.timeout"), nullptr);
  ExpectDefault(Find(plain.settings.deploy, "waf.name"));
  // The same settings, in the same order, as any evaluation that changed nothing.
  EvalResult again = Evaluated(Inputs{});
  ASSERT_EQ(plain.settings.deploy.settings.size(), again.settings.deploy.settings.size());
  for (size_t i = 0; i < plain.settings.deploy.settings.size(); ++i) {
    EXPECT_EQ(plain.settings.deploy.settings[i].path, again.settings.deploy.settings[i].path);
  }
}

// A default list that a config changes in place keeps its items' origins: the defaults' items
// have none, the config's its line.
TEST_F(PrebuiltDefaults, ADefaultListChangedInPlaceKnowsItsItems) {
  EvalResult r = Evaluated(Inputs{}, "Jets.deploy.configure do\n  config.lambda.iam.default_vpc_policy << \"ec2:Extra\"\nend\n");
  const Setting& vpc = Find(r.settings.deploy, "lambda.iam.default_vpc_policy");
  ASSERT_EQ(vpc.item_origins.size(), 7u);
  for (size_t i = 0; i < 6; ++i) EXPECT_TRUE(vpc.item_origins[i].file.empty()) << i;
  EXPECT_EQ(vpc.item_origins[6].file, "config/jets/deploy.rb");
  EXPECT_EQ(vpc.item_origins[6].line, 2);
}

// The records name nodes and lists by address: a default node or list that a config replaces stays
// alive, so that no later object at its address passes for it.
TEST_F(PrebuiltDefaults, ReplacedDefaultsStayAliveForTheRecords) {
  const std::string deploy =
      "Jets.deploy.configure do\n"
      "  config.lambda.iam.default_vpc_policy = [\"ec2:A\"]\n"
      "  config.job = false\n"
      "  GC.start\n"
      "  lists = (1..3000).map { |i| [\"x#{i}\"] }\n"
      "  lists.each { |l| config.lambda.iam.policy = l }\n"
      "  (1..3000).each do |i|\n"
      "    node = ActiveSupport::OrderedOptions.new\n"
      "    node.k = i\n"
      "    config.lambda[\"custom#{i}\"] = node if i % 100 == 0\n"
      "  end\n"
      "end\n";
  EvalResult r = Evaluated(Inputs{}, deploy);
  const Setting& vpc = Find(r.settings.deploy, "lambda.iam.default_vpc_policy");
  EXPECT_EQ(vpc.where.line, 2);
  EXPECT_FALSE(vpc.is_default());
  const Setting& policy = Find(r.settings.deploy, "lambda.iam.policy");
  EXPECT_EQ(Json(policy), "[\"x3000\"]");
  ASSERT_EQ(policy.item_origins.size(), 1u);
  EXPECT_EQ(policy.item_origins[0].line, 6);
  EXPECT_EQ(policy.history.size(), 3000u);
  // New nodes: their keys are the config's, none a Jets default.
  size_t custom = 0;
  for (const Setting& s : r.settings.deploy.settings) {
    if (s.path.rfind("lambda.custom", 0) != 0) continue;
    ++custom;
    EXPECT_FALSE(s.known) << s.path;
    EXPECT_FALSE(s.is_default()) << s.path;
  }
  EXPECT_EQ(custom, 30u);
}

}  // namespace
}  // namespace jetsam
