#include "analyze/policy_match.h"

#include <gtest/gtest.h>

namespace jetsam::analyze {
namespace {

TEST(PolicyMatch, PlaceholdersAndVariablesBecomeWildcards) {
  std::vector<std::string> found;
  EXPECT_EQ(WildcardPlaceholders("arn:aws:logs:<aws.region>:<aws.account>:log-group:x", &found),
            "arn:aws:logs:*:*:log-group:x");
  EXPECT_EQ(found, (std::vector<std::string>{"<aws.region>", "<aws.account>"}));
  EXPECT_EQ(WildcardPlaceholders("arn:aws:s3:::b/${aws:username}/*"), "arn:aws:s3:::b/*/*");
  EXPECT_EQ(WildcardPlaceholders("no placeholder"), "no placeholder");
}

TEST(PolicyMatch, CoversTreatsInnerWildcardsAsLiteral) {
  EXPECT_TRUE(PatternCovers("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y", false));
  EXPECT_TRUE(PatternCovers("arn:aws:s3:::b/*", "arn:aws:s3:::b/*", false));
  EXPECT_TRUE(PatternCovers("*", "arn:aws:s3:::b/*", false));
  EXPECT_FALSE(PatternCovers("arn:aws:s3:::b/x*", "arn:aws:s3:::b/*", false));
  EXPECT_FALSE(PatternCovers("arn:aws:s3:::b/?", "arn:aws:s3:::b/*", false));
  EXPECT_TRUE(PatternCovers("s3:*", "s3:Get*", true));
  EXPECT_TRUE(PatternCovers("S3:GET*", "s3:GetObject", true));
  EXPECT_FALSE(PatternCovers("s3:Get*", "s3:*", true));
  EXPECT_FALSE(PatternCovers("arn:aws:s3:::B", "arn:aws:s3:::b", false));  // ARNs are case-sensitive
}

TEST(PolicyMatch, ActionAndNotAction) {
  Json allow = Json::parse(R"({"Action": ["s3:Get*", "sqs:SendMessage"], "Effect": "Allow", "Resource": "*"})");
  EXPECT_TRUE(StatementHasAction(allow, "s3:GetObject"));
  EXPECT_TRUE(StatementHasAction(allow, "SQS:sendmessage"));
  EXPECT_FALSE(StatementHasAction(allow, "s3:PutObject"));
  Json not_action = Json::parse(R"({"NotAction": "iam:*", "Effect": "Allow", "Resource": "*"})");
  EXPECT_TRUE(StatementHasAction(not_action, "s3:PutObject"));
  EXPECT_FALSE(StatementHasAction(not_action, "iam:PassRole"));
}

TEST(PolicyMatch, ResourceNotResourceAndSomeResource) {
  Json st = Json::parse(R"({"Action": "s3:*", "Effect": "Allow", "Resource": ["arn:aws:s3:::<aws.s3_bucket>*"]})");
  std::vector<std::string> matched, ph;
  EXPECT_TRUE(StatementHasResource(st, "arn:aws:s3:::bucket/key", &matched, &ph));
  EXPECT_EQ(ph, std::vector<std::string>{"<aws.s3_bucket>"});
  EXPECT_TRUE(StatementHasResource(st, "", nullptr, nullptr));
  Json nr = Json::parse(R"({"Action": "sns:Publish", "Effect": "Allow", "NotResource": "arn:aws:sns:*:*:internal-*"})");
  EXPECT_FALSE(StatementHasResource(nr, "arn:aws:sns:us-east-1:1:internal-x", nullptr, nullptr));
  EXPECT_TRUE(StatementHasResource(nr, "arn:aws:sns:us-east-1:1:public", nullptr, nullptr));
  EXPECT_TRUE(StatementHasResource(nr, "", nullptr, nullptr));
  Json nr_all = Json::parse(R"({"Action": "sns:Publish", "Effect": "Allow", "NotResource": "*"})");
  EXPECT_FALSE(StatementHasResource(nr_all, "", nullptr, nullptr));
}

TEST(PolicyMatch, PatternsOverlap) {
  EXPECT_TRUE(PatternsOverlap("arn:aws:s3:::b*", "arn:aws:s3:::*/x", false));
  EXPECT_TRUE(PatternsOverlap("arn:aws:s3:::b/*", "arn:aws:s3:::b/k", false));
  EXPECT_FALSE(PatternsOverlap("arn:aws:s3:::b/*", "arn:aws:s3:::c/*", false));
  EXPECT_TRUE(PatternsOverlap("*", "", false));
  EXPECT_FALSE(PatternsOverlap("?", "", false));
  EXPECT_TRUE(PatternsOverlap("a?c", "*b*", false));
  EXPECT_FALSE(PatternsOverlap("a?c", "*e", false));
  EXPECT_TRUE(PatternsOverlap("a?c", "*d*", false));  // "adc"
  EXPECT_TRUE(PatternsOverlap("S3:Get*", "s3:*Object", true));
  EXPECT_FALSE(PatternsOverlap("S3:Get*", "s3:*Object", false));
}

TEST(PolicyMatch, ResolveVariables) {
  RequestContext ctx;
  ctx.Add("aws:username", "bob");
  ctx.SetAbsent("aws:PrincipalTag/team");
  ResolvedText r = ResolveVariables("arn:aws:s3:::b/${aws:username}/${aws:userid}/${*}", ctx);
  EXPECT_EQ(r.state, ResolvedText::State::kUnknown);
  EXPECT_EQ(r.text, "arn:aws:s3:::b/bob/*/*");
  EXPECT_EQ(r.unknown, std::vector<std::string>{"aws:userid"});
  r = ResolveVariables("t/${aws:PrincipalTag/team, 'it''s'}", ctx);
  EXPECT_EQ(r.state, ResolvedText::State::kResolved);
  EXPECT_EQ(r.text, "t/it's");
  EXPECT_EQ(ResolveVariables("t/${aws:PrincipalTag/team}", ctx).state, ResolvedText::State::kNoValue);
  EXPECT_EQ(ResolveVariables("${AWS:USERNAME}", ctx).text, "bob");  // keys are case-insensitive
}

}  // namespace
}  // namespace jetsam::analyze
