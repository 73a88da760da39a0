// The evaluator on hand-built roles: every outcome, and the errors.
#include <gtest/gtest.h>

#include "test_roles.h"
#include "jetsam/analyze.h"

namespace jetsam {
namespace {

using fixtures::LambdaRole;
using fixtures::St;

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

CanAnswer AskRole(const Role& role, const std::string& action, const std::string& resource = "",
                  const RequestContext& ctx = {}) {
  CanAnswer a;
  CanRequest r;
  r.action = action;
  r.resource = resource;
  r.context = ctx;
  Status s = Can(role, r, &a);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return a;
}

CanAnswer Ask(const std::string& action, const std::string& resource = "", const RequestContext& ctx = {}) {
  return AskRole(TestRole(), action, resource, ctx);
}

RequestContext Ctx(const std::string& key, const std::string& value) {
  RequestContext c;
  c.Add(key, value);
  return c;
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
  auto req = [](const char* action, const char* resource) {
    CanRequest r;
    r.action = action;
    r.resource = resource;
    return r;
  };
  Status s = Can(TestRole(), req("s3:PutObjekt", ""), &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  EXPECT_NE(s.hint().find("s3:PutObject"), std::string::npos);
  s = Can(TestRole(), req("dyanmodb:GetItem", ""), &a);
  EXPECT_NE(s.hint().find("dynamodb:GetItem"), std::string::npos);
  s = Can(TestRole(), req("s3:Put*", ""), &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  s = Can(TestRole(), req("s3:PutObject", "arn:aws:s3:us-east-1:1:nothing/x"), &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  s = Can(TestRole(), req("s3:PutObject", "arn:aws:sqs:us-east-1:111122223333:q"), &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  EXPECT_NE(s.hint().find("object"), std::string::npos);
}

TEST(Can, ObjectArnIsNoBucket) {
  CanAnswer a;
  CanRequest r;
  r.action = "s3:ListBucket";
  r.resource = "arn:aws:s3:::bucket/x7";
  Status s = Can(TestRole(), r, &a);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  EXPECT_NE(s.message().find("resource type object"), std::string::npos) << s.message();
  EXPECT_EQ(Ask("s3:ListBucket", "arn:aws:s3:::b").decision, CanAnswer::Decision::kNotAllowed);
}

TEST(Can, DenyOnPartOfAPatternDenies) {
  CanAnswer a = Ask("s3:DeleteObject", "arn:aws:s3:::b/*");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kDenied);
  EXPECT_EQ(a.scope, CanAnswer::Scope::kEvery);
  ASSERT_EQ(a.deciding.size(), 1u);
  EXPECT_TRUE(a.deciding[0].partial);
}

TEST(Can, StarAndAnArnThatCoversEverythingFollowOneRule) {
  Role r = LambdaRole({St(R"({"Action": "s3:ListBucket", "Effect": "Allow", "Resource": "arn:aws:s3:::*"})")});
  CanAnswer star = AskRole(r, "s3:ListBucket", "*");
  CanAnswer all = AskRole(r, "s3:ListBucket", "arn:aws:s3:::*");
  EXPECT_EQ(star.scope, CanAnswer::Scope::kEvery);
  EXPECT_EQ(all.scope, CanAnswer::Scope::kEvery);
  // Every bucket is allowed either way; "*" also names every access point, which it is not.
  EXPECT_EQ(all.decision, CanAnswer::Decision::kAllowed);
  EXPECT_EQ(all.scope_resources, std::vector<std::string>{"bucket arn:aws:s3:::*"});
  EXPECT_EQ(star.decision, CanAnswer::Decision::kNotAllowed);
  EXPECT_EQ(star.scope_resources, (std::vector<std::string>{"accesspoint arn:aws:s3:*:*:accesspoint/*: not-allowed",
                                                             "bucket arn:aws:s3:::*: allowed"}));
  Role everything = LambdaRole({St(R"({"Action": "s3:*", "Effect": "Allow", "Resource": "*"})")});
  EXPECT_EQ(AskRole(everything, "s3:ListBucket", "*").decision, CanAnswer::Decision::kAllowed);
  EXPECT_EQ(AskRole(everything, "s3:ListBucket", "arn:aws:s3:::*").decision, CanAnswer::Decision::kAllowed);
  // No resource at all: some resource, a different rule, and said so.
  EXPECT_EQ(AskRole(r, "s3:ListBucket").scope, CanAnswer::Scope::kSome);
  EXPECT_EQ(AskRole(r, "s3:ListBucket").decision, CanAnswer::Decision::kAllowed);
}

TEST(Can, PolicyVariablesInAResourceAreAllowedIf) {
  Role r = LambdaRole({St(R"({"Action": "s3:GetObject", "Effect": "Allow",
                              "Resource": "arn:aws:s3:::home/${aws:PrincipalTag/team}/*"})")});
  CanAnswer a = AskRole(r, "s3:GetObject", "arn:aws:s3:::home/web/notes.txt");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kConditional);
  ASSERT_EQ(a.conditional.size(), 1u);
  EXPECT_EQ(a.conditional[0].variables,
            std::vector<std::string>{
                "${aws:PrincipalTag/team} is \"web\" (its Resource arn:aws:s3:::home/${aws:PrincipalTag/team}/*)"});
  EXPECT_EQ(AskRole(r, "s3:GetObject", "arn:aws:s3:::home/web/notes.txt", Ctx("aws:PrincipalTag/team", "web")).decision,
            CanAnswer::Decision::kAllowed);
  EXPECT_EQ(AskRole(r, "s3:GetObject", "arn:aws:s3:::home/web/notes.txt", Ctx("aws:PrincipalTag/team", "ops")).decision,
            CanAnswer::Decision::kNotAllowed);
  RequestContext untagged;
  untagged.SetAbsent("aws:PrincipalTag/team");  // a role without that tag
  EXPECT_EQ(AskRole(r, "s3:GetObject", "arn:aws:s3:::home/web/notes.txt", untagged).decision,
            CanAnswer::Decision::kNotAllowed);
  Role with_default = LambdaRole({St(R"({"Action": "s3:GetObject", "Effect": "Allow",
                                         "Resource": "arn:aws:s3:::home/${aws:PrincipalTag/team, 'shared'}/*"})")});
  EXPECT_EQ(AskRole(with_default, "s3:GetObject", "arn:aws:s3:::home/shared/x", untagged).decision,
            CanAnswer::Decision::kAllowed);
  // Several values fit: the shortest and the longer ones are named.
  CanAnswer two = AskRole(r, "s3:GetObject", "arn:aws:s3:::home/a/b/c");
  ASSERT_EQ(two.conditional.size(), 1u);
  EXPECT_NE(two.conditional[0].variables[0].find("is \"a\" or \"a/b\""), std::string::npos)
      << two.conditional[0].variables[0];
}

// A variable IAM can never fill for a role makes the policy one lint refuses: not answered.
TEST(Can, AVariableNeverSetForARoleIsNotAnswered) {
  Role r = LambdaRole({St(R"({"Action": "s3:GetObject", "Effect": "Allow",
                              "Resource": "arn:aws:s3:::home/${aws:username}/*"})")});
  EXPECT_EQ(AskRole(r, "s3:GetObject", "arn:aws:s3:::home/bob/x").decision, CanAnswer::Decision::kUndeployable);
}

TEST(Can, ContextDecidesConditions) {
  const std::string q = "arn:aws:sqs:us-east-1:111122223333:q";
  EXPECT_EQ(Ask("sqs:SendMessage", q, Ctx("aws:SecureTransport", "true")).decision, CanAnswer::Decision::kAllowed);
  EXPECT_EQ(Ask("sqs:SendMessage", q, Ctx("aws:SecureTransport", "false")).decision, CanAnswer::Decision::kNotAllowed);
  CanAnswer a = Ask("sqs:SendMessage", q, Ctx("aws:SecureTransport", "true"));
  EXPECT_EQ(a.decided_keys, std::vector<std::string>{"aws:SecureTransport"});
}

TEST(Can, KmsAnswersNameTheKeyPolicy) {
  Role r = LambdaRole({St(R"({"Action": "kms:Decrypt", "Effect": "Allow", "Resource": "*"})")});
  CanAnswer a = AskRole(r, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kAllowed);
  bool noted = false;
  for (const auto& n : a.notes) noted = noted || n.find("key policy") != std::string::npos;
  EXPECT_TRUE(noted);
  CanAnswer s3 = AskRole(LambdaRole({St(R"({"Action": "s3:*", "Effect": "Allow", "Resource": "*"})")}), "s3:GetObject",
                         "arn:aws:s3:::b/k");
  for (const auto& n : s3.notes) EXPECT_EQ(n.find("key policy"), std::string::npos);
}

TEST(Can, RoleIamWouldRefuseIsNotAnswered) {
  Role r = LambdaRole({St(R"({"Action": "s3:*", "Effect": "Alow", "Resource": "*"})", {"config/jets/deploy.rb", 7})});
  CanAnswer a = AskRole(r, "s3:GetObject", "arn:aws:s3:::b/k");
  EXPECT_EQ(a.decision, CanAnswer::Decision::kUndeployable);
  ASSERT_EQ(a.refusals.size(), 1u);
  EXPECT_NE(a.refusals[0].find("config/jets/deploy.rb:7"), std::string::npos) << a.refusals[0];
  EXPECT_NE(a.refusals[0].find("Effect"), std::string::npos) << a.refusals[0];
}

TEST(Can, OneEvaluatorManyQuestions) {
  const Role role = TestRole();
  CanEvaluator e(role);
  for (const auto& [action, resource] : std::vector<std::pair<std::string, std::string>>{
           {"s3:PutObject", "arn:aws:s3:::b/x.png"}, {"s3:DeleteObject", "arn:aws:s3:::b/keep/x"},
           {"ssm:GetParameter", "arn:aws:ssm:us-east-1:111122223333:parameter/x"}, {"iam:PassRole", ""}}) {
    CanRequest r;
    r.action = action;
    r.resource = resource;
    CanAnswer once, many;
    ASSERT_TRUE(Can(role, r, &once).ok());
    ASSERT_TRUE(e.Ask(r, &many).ok());
    EXPECT_EQ(DecisionName(once.decision), DecisionName(many.decision)) << action;
    EXPECT_EQ(once.notes, many.notes) << action;
  }
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
