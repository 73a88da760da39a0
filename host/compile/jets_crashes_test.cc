// Which values Jets 6.0.5's policy code raises on (its Policy and ManagedPolicy classes): the
// forms its docs show that it crashes on, and the ones it takes.
#include "compile/jets_crashes.h"

#include <gtest/gtest.h>

#include "test_values.h"

namespace jetsam::compile {
namespace {

using namespace jetsam::fixtures;

const Location kAt = At("config/jets/bootstrap.rb", 3);

std::optional<JetsCrash> Policy(Value v, bool nil_is_none = false) {
  return PolicyCrash(Assigned("codebuild.iam.policy", std::move(v), kAt), nil_is_none);
}

Value Statement() { return H({P("Action", Strings({"s3:GetObject"})), P("Effect", S("Allow")), P("Resource", S("*"))}); }

TEST(JetsCrashes, WhatJetsTakes) {
  EXPECT_FALSE(Policy(Strings({"s3", "sqs:SendMessage"})));
  EXPECT_FALSE(Policy(A({S("s3"), Statement()})));
  EXPECT_FALSE(Policy(A({H({P("Statement", A({Statement()}))})})));
  EXPECT_FALSE(Policy(A({Value::Nil(), S("s3")})));  // a top-level nil: compact drops it
  EXPECT_FALSE(Policy(A()));
  EXPECT_FALSE(Policy(H()));                          // {}.flatten is []
  EXPECT_FALSE(Policy(Value::Nil(), /*nil_is_none=*/true));
  EXPECT_FALSE(PolicyCrash(Default("codebuild.iam.policy", Value::Nil()), false));  // Jets' own values
}

TEST(JetsCrashes, WhatJetsRaisesOn) {
  const Value document = H({P("PolicyName", S("P")), P("PolicyDocument", H({P("Statement", A({Statement()}))}))});
  auto item = Policy(A({S("s3"), document}));
  ASSERT_TRUE(item);
  EXPECT_NE(item->why.find("{PolicyName:, PolicyDocument:}"), std::string::npos);
  EXPECT_EQ(item->where, kAt);
  auto lone = Policy(Statement());
  ASSERT_TRUE(lone);
  EXPECT_NE(lone->why.find("lone Hash"), std::string::npos);
  auto not_action = Policy(A({H({P("NotAction", S("iam:*")), P("Effect", S("Allow")), P("Resource", S("*"))})}));
  ASSERT_TRUE(not_action);
  EXPECT_NE(not_action->why.find("NotAction"), std::string::npos);
  auto string_keys = Policy(A({H({SP("Action", S("s3:*")), SP("Effect", S("Allow")), SP("Resource", S("*"))})}));
  ASSERT_TRUE(string_keys);
  EXPECT_NE(string_keys->why.find("String keys"), std::string::npos);
  auto nested_nil = Policy(A({A({S("s3"), Value::Nil()})}));
  ASSERT_TRUE(nested_nil);
  EXPECT_NE(nested_nil->why.find("nested list"), std::string::npos);
  EXPECT_TRUE(Policy(Value::Nil()));
}

TEST(JetsCrashes, ManagedPolicies) {
  auto managed = [](Value v) { return ManagedPolicyCrash(Assigned("codebuild.iam.managed_policy", std::move(v), kAt)); };
  EXPECT_FALSE(managed(Strings({"AmazonS3ReadOnlyAccess"})));
  EXPECT_FALSE(managed(A({Value::Nil(), S("AmazonS3ReadOnlyAccess")})));
  EXPECT_TRUE(managed(A({A({S("AmazonS3ReadOnlyAccess"), Value::Nil()})})));
  EXPECT_TRUE(managed(Value::Nil()));
}

TEST(JetsCrashes, TheNoticeIsCertainOnlyForTheCodebuildRole) {
  JetsCrash crash{"a lone Hash", kAt};
  Notice codebuild = JetsCrashNotice(Assigned("codebuild.iam.policy", Statement(), kAt), crash);
  EXPECT_EQ(codebuild.code, "jets-6.0.5-crashes");
  EXPECT_EQ(codebuild.setting, "codebuild.iam.policy");
  EXPECT_EQ(codebuild.message.find("remote runner"), std::string::npos);
  Notice lambda = JetsCrashNotice(Assigned("lambda.iam.policy", Statement(), kAt), crash);
  EXPECT_NE(lambda.message.find("remote runner"), std::string::npos);
}

}  // namespace
}  // namespace jetsam::compile
