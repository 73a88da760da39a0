// The evaluator on hand-built roles: every outcome, and the errors.
#include <gtest/gtest.h>

#include "test_roles.h"
#include "jetsam/analyze.h"

namespace jetsam {
namespace {

using testing::LambdaRole;
using testing::St;

Role TestRole() {
  Role r = LambdaRole({
      St(R"({"Action": ["s3:*"], "Effect": "Allow", "Resource": "arn:aws:s3:::b/*"})", {"config/jets/deploy.rb", 3}),
      St(R"({"Action": "s3:DeleteObject", "Effect": "Deny", "Resource": "arn:aws:s3:::b/keep/*"})",
         {"config/jets/deploy.rb", 4}),
      St(R"({"Action": "sqs:SendMessage", "Effect": "Allow", "Resource": "*",
             "Condition": {"Bool": {"aws:SecureTransport": "true"}}})",
         {"config/jets/deploy.rb", 5}),
      St(R"({"NotAction": ["iam:*"], "Effect": "Allow", "Resource": "arn:aws:sns:us-east-1:111122223333:t-*"})",
         {"config/jets/deploy.rb", 6}),
  });
  r.managed.push_back({"arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess", "lambda.iam.managed_policy", {"config/jets/deploy.rb", 9}});
  r.managed.push_back({"arn:aws:iam::111122223333:policy/mine", "lambda.iam.managed_policy", {"config/jets/deploy.rb", 9}});
  return r;
}

CanAnswer Ask(const std::string& action, const std::string& resource = "") {
  CanAnswer a;
  Status s = Can(TestRole(), {action, resource}, &a);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return a;
}

TEST(Can, AllowedByAWildcardWithTheDecidingStatement) {
  CanAnswer a = Ask("s3:putobject", "arn:aws:s3:::b/x.png");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kAllowed);
  EXPECT_EQ(a.action, "s3:PutObject");
  EXPECT_EQ(a.resource_type, "object");
  ASSERT_EQ(a.deciding.size(), 1u);
  EXPECT_EQ(a.deciding[0].origin.str(), "config/jets/deploy.rb:3");
  EXPECT_EQ(a.deciding[0].index, 1u);
}

TEST(Can, ExplicitDenyWinsOverAllow) {
  CanAnswer a = Ask("s3:DeleteObject", "arn:aws:s3:::b/keep/x");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kDenied);
  ASSERT_EQ(a.deciding.size(), 1u);
  EXPECT_EQ(a.deciding[0].effect, "Deny");
  EXPECT_EQ(Ask("s3:DeleteObject", "arn:aws:s3:::b/other").decision, CanAnswer::Decision::kAllowed);
}

TEST(Can, NotAllowedNamesTheNearStatements) {
  CanAnswer a = Ask("s3:PutObject", "arn:aws:s3:::elsewhere/x");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kNotAllowed);
  ASSERT_FALSE(a.near.empty());
  EXPECT_EQ(a.near[0].index, 1u);
}

TEST(Can, ConditionIsReportedNeverGuessed) {
  CanAnswer a = Ask("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kConditional);
  ASSERT_EQ(a.conditional.size(), 1u);
  EXPECT_EQ(a.conditional[0].condition["Bool"]["aws:SecureTransport"], "true");
}

TEST(Can, NotAction) {
  EXPECT_EQ(Ask("sns:Publish", "arn:aws:sns:us-east-1:111122223333:t-news").decision, CanAnswer::Decision::kAllowed);
  EXPECT_EQ(Ask("iam:PassRole").decision, CanAnswer::Decision::kNotAllowed);
}

TEST(Can, ManagedPoliciesFromTheCatalog) {
  CanAnswer a = Ask("ssm:GetParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/x");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kAllowed);
  ASSERT_FALSE(a.deciding.empty());
  EXPECT_EQ(a.deciding[0].policy, "AmazonSSMReadOnlyAccess");
  bool noted = false;
  for (const auto& n : a.notes) noted = noted || n.find("customer managed") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(Can, WildcardResourceMeansAllOfIt) {
  EXPECT_EQ(Ask("s3:PutObject", "arn:aws:s3:::b/dir/*").decision, CanAnswer::Decision::kAllowed);
  EXPECT_EQ(Ask("s3:PutObject", "arn:aws:s3:::*/x").decision, CanAnswer::Decision::kNotAllowed);
}

TEST(Can, Errors) {
  CanAnswer a;
  Status s = Can(TestRole(), {"s3:PutObjekt", ""}, &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  EXPECT_NE(s.hint().find("s3:PutObject"), std::string::npos);
  s = Can(TestRole(), {"dyanmodb:GetItem", ""}, &a);
  EXPECT_NE(s.hint().find("dynamodb:GetItem"), std::string::npos);
  s = Can(TestRole(), {"s3:Put*", ""}, &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  s = Can(TestRole(), {"s3:PutObject", "arn:aws:s3:us-east-1:1:nothing/x"}, &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  s = Can(TestRole(), {"s3:PutObject", "arn:aws:sqs:us-east-1:111122223333:q"}, &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  EXPECT_NE(s.hint().find("object"), std::string::npos);
}

TEST(Expand, PatternsAndCounts) {
  Expansion e;
  ASSERT_TRUE(ExpandPattern("s3:GetObject*", &e).ok());
  ASSERT_FALSE(e.actions.empty());
  EXPECT_EQ(e.actions[0].name.rfind("s3:GetObject", 0), 0u);
  EXPECT_EQ(ExpandPattern("dyanmodb:*", &e).code(), Status::Code::kUsage);
  AccessCounts c = AccessLevelCounts(TestRole());
  EXPECT_GT(c[static_cast<size_t>(iam::AccessLevel::kWrite)], 10u);
  EXPECT_GT(c[static_cast<size_t>(iam::AccessLevel::kRead)], 10u);
}

}  // namespace
}  // namespace jetsam
