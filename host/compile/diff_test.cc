// DiffRoles: statements, single actions and resources, policies and managed policies.
#include <gtest/gtest.h>

#include "test_roles.h"
#include "jetsam/diff.h"

namespace jetsam {
namespace {

using fixtures::LambdaRole;
using fixtures::St;

Compiled One(std::vector<Statement> statements, std::vector<std::string> managed = {}) {
  Role role = LambdaRole(std::move(statements));
  for (auto& arn : managed) role.managed.push_back({arn, "lambda.iam.managed_policy", {}});
  Compiled c;
  c.roles.push_back(std::move(role));
  return c;
}

TEST(Diff, SameGivesNoChanges) {
  Compiled a = One({St(R"({"Action": ["s3:GetObject"], "Effect": "Allow", "Resource": "*"})")});
  Json d = DiffRoles(a, a, "a", "b");
  EXPECT_FALSE(DiffHasChanges(d));
  EXPECT_EQ("a", d["a"]["label"]);
}

TEST(Diff, OneGainedActionShowsThatAction) {
  Compiled a = One({St(R"({"Action": ["s3:GetObject"], "Effect": "Allow", "Resource": "*"})")});
  Compiled b = One({St(R"({"Action": ["s3:GetObject", "s3:PutObject"], "Effect": "Allow", "Resource": "*"})",
                       {"config/jets/deploy/prod.rb", 4})});
  Json d = DiffRoles(a, b, "env dev", "env prod");
  ASSERT_TRUE(DiffHasChanges(d));
  const Json& s = d["roles"][0]["policies"][0]["statements"][0];
  EXPECT_EQ("changed", s["change"]);
  EXPECT_EQ(Json::parse(R"([{"action": "s3:PutObject", "where": "config/jets/deploy/prod.rb:4"}])"), s["actions"]["added"]);
  EXPECT_TRUE(s["actions"]["removed"].empty());
  // The reverse: the same action, removed.
  Json r = DiffRoles(b, a, "env prod", "env dev");
  EXPECT_EQ("s3:PutObject", r["roles"][0]["policies"][0]["statements"][0]["actions"]["removed"][0]["action"]);
}

TEST(Diff, ResourceChangeAndWholeStatements) {
  Compiled a = One({St(R"({"Action": ["s3:GetObject"], "Effect": "Allow", "Resource": "arn:aws:s3:::a/*"})"),
                    St(R"({"Action": ["kms:Decrypt"], "Effect": "Allow", "Resource": "*"})")},
                   {"arn:aws:iam::aws:policy/A"});
  Compiled b = One({St(R"({"Action": ["s3:GetObject"], "Effect": "Allow", "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]})"),
                    St(R"({"Action": ["sns:Publish"], "Effect": "Allow", "Resource": "arn:aws:sns:*:*:t"})")},
                   {"arn:aws:iam::aws:policy/B"});
  Json d = DiffRoles(a, b, "a", "b");
  const Json& statements = d["roles"][0]["policies"][0]["statements"];
  ASSERT_EQ(3u, statements.size());
  EXPECT_EQ(Json::array({"arn:aws:s3:::b/*"}), statements[0]["resources"]["added"]);
  EXPECT_EQ("removed", statements[1]["change"]);
  EXPECT_EQ("kms:Decrypt", statements[1]["statement"]["Action"][0]);
  EXPECT_EQ("added", statements[2]["change"]);
  EXPECT_EQ("arn:aws:iam::aws:policy/B", d["roles"][0]["managed_policies"]["added"][0]["arn"]);
  EXPECT_EQ("arn:aws:iam::aws:policy/A", d["roles"][0]["managed_policies"]["removed"][0]["arn"]);
}

TEST(Diff, PolicyAddedBySwitchAndRoleOnlyOnOneSide) {
  Compiled a = One({St(R"({"Action": ["s3:GetObject"], "Effect": "Allow", "Resource": "*"})")});
  Compiled b = a;
  Policy vpc;
  vpc.name = "VpcPolicy";
  vpc.setting = "lambda.iam.default_vpc_policy";
  vpc.switched_by = "lambda.function.vpc_config";
  vpc.switch_origin = {"config/jets/deploy/prod.rb", 2};
  vpc.statements.push_back(St(R"({"Action": ["ec2:DescribeVpcs"], "Effect": "Allow", "Resource": "*"})"));
  b.roles[0].policies.push_back(vpc);
  Role ci;
  ci.kind = RoleKind::kCi;
  ci.logical_id = "CiRole";
  b.roles.push_back(ci);
  Json d = DiffRoles(a, b, "a", "b");
  ASSERT_EQ(2u, d["roles"].size());
  const Json& p = d["roles"][0]["policies"][0];
  EXPECT_EQ("added", p["change"]);
  EXPECT_EQ("VpcPolicy", p["name"]);
  EXPECT_EQ("config/jets/deploy/prod.rb:2", p["switched_by"]["where"]);
  EXPECT_EQ("added", d["roles"][1]["change"]);
  EXPECT_EQ("CiRole", d["roles"][1]["logical_id"]);
}

}  // namespace
}  // namespace jetsam
