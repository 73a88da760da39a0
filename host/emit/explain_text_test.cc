// explain's model and text: origins (default, file:line, env overlay, switch), notes, colour.
#include <gtest/gtest.h>

#include "test_roles.h"
#include "jetsam/emit.h"
#include "jetsam/explain.h"

namespace jetsam {
namespace {

using fixtures::LambdaRole;
using fixtures::St;

Compiled Sample(Settings* settings) {
  Setting policy;
  policy.path = "lambda.iam.policy";
  policy.where = {"config/jets/deploy/prod.rb", 3};
  policy.history = {{{"config/jets/deploy.rb", 2}, "set"}, {{"config/jets/deploy/prod.rb", 3}, "append"}};
  settings->deploy.settings.push_back(policy);

  Statement st = St(R"({"Action": ["s3:*", "sns:Publish"], "Effect": "Allow", "Resource": "*"})",
                    {"config/jets/deploy/prod.rb", 3});
  st.action_origins = {{"config/jets/deploy.rb", 2}, {"config/jets/deploy/prod.rb", 3}};
  Role role = LambdaRole({st});
  Policy dflt;
  dflt.name = "DefaultPolicy";
  dflt.setting = "lambda.iam.default_policy";
  Statement d;
  d.json = Json::parse(R"({"Action": ["logs:*"], "Effect": "Allow", "Resource": "arn:aws:logs:*"})");
  d.setting = "lambda.iam.default_policy";
  dflt.statements.push_back(d);
  role.policies.push_back(dflt);
  Compiled c;
  c.facts.name = "app";
  c.facts.env = "prod";
  c.facts.namespace_ = "app-prod";
  c.roles.push_back(role);
  return c;
}

TEST(Explain, OriginsOfEachActionAndResource) {
  Settings settings;
  Json e = Explain(Sample(&settings), settings);
  const Json& st = e["roles"][0]["policies"][0]["statements"][0];
  EXPECT_EQ(Json::parse(R"({"setting": "lambda.iam.policy", "kind": "config", "where": "config/jets/deploy.rb:2", "op": "set"})"),
            st["actions"][0]["origin"]);
  EXPECT_EQ(Json::parse(R"({"setting": "lambda.iam.policy", "kind": "config", "where": "config/jets/deploy/prod.rb:3",
                           "op": "append", "overlay": "prod"})"),
            st["actions"][1]["origin"]);
  EXPECT_EQ("standard", st["resources"][0]["origin"]["kind"]);
  const Json& def = e["roles"][0]["policies"][1]["statements"][0];
  EXPECT_EQ(Json::parse(R"({"setting": "lambda.iam.default_policy", "kind": "default"})"), def["actions"][0]["origin"]);
  EXPECT_EQ(Json::parse(R"(["logs", "s3", "sns"])"), e["roles"][0]["summary"]["services"]);
  EXPECT_EQ(Json::parse(R"(["s3:*"])"), e["roles"][0]["summary"]["wildcard_actions_on_star"]);
}

TEST(Explain, TextHasColourOnlyWhenAsked) {
  Settings settings;
  Json e = Explain(Sample(&settings), settings);
  std::string plain = ExplainText(e, TextStyle{});
  EXPECT_EQ(std::string::npos, plain.find('\033'));
  EXPECT_NE(std::string::npos, plain.find("sns:Publish  added at config/jets/deploy/prod.rb:3 (lambda.iam.policy) env overlay prod"))
      << plain;
  EXPECT_NE(std::string::npos, plain.find("wildcard actions on *: s3:*")) << plain;
  EXPECT_NE(std::string::npos, ExplainText(e, TextStyle{true}).find("\033[36m"));
}

// A resource whose spaces would push a fake origin into the origin column is shown quoted.
TEST(Explain, AValueWithARunOfSpacesIsQuoted) {
  Settings settings;
  Compiled c = Sample(&settings);
  Statement forged = St(R"j({"Action": ["s3:GetObject"], "Effect": "Allow",
                            "Resource": "arn:aws:s3:::b/*          Jets default (lambda.iam.default_policy)"})j",
                        {"config/jets/deploy.rb", 5});
  c.roles[0].policies[0].statements.push_back(forged);
  const std::string plain = ExplainText(Explain(c, settings), TextStyle{});
  EXPECT_NE(std::string::npos,
            plain.find("resource   \"arn:aws:s3:::b/*          Jets default (lambda.iam.default_policy)\" config/jets/deploy.rb:5"))
      << plain;
  EXPECT_NE(std::string::npos, plain.find("resource   *  ")) << "a plain value stays unquoted\n" << plain;
}

TEST(Explain, CodebuildVpcPolicyNotesTheDocs) {
  Role role;
  role.kind = RoleKind::kCodebuild;
  role.logical_id = "CodebuildRole";
  Policy vpc;
  vpc.name = "VpcPolicy";
  vpc.setting = "codebuild.iam.default_vpc_policy";
  Statement st;
  st.json = Json::parse(R"({"Action": ["ec2:*"], "Effect": "Allow", "Resource": "*"})");
  st.setting = vpc.setting;
  vpc.statements.push_back(st);
  role.policies.push_back(vpc);
  Compiled c;
  c.roles.push_back(role);
  Json e = Explain(c, Settings{});
  const Json& notes = e["roles"][0]["policies"][0]["statements"][0]["notes"];
  ASSERT_EQ(1u, notes.size());
  EXPECT_NE(std::string::npos, notes[0].get<std::string>().find("with or without a VPC config"));
}

}  // namespace
}  // namespace jetsam
