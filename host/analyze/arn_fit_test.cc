// Which resource types a Resource names, from the reference's ARN formats.
#include <gtest/gtest.h>

#include <set>

#include "analyze/arn_fit.h"

namespace jetsam::analyze {
namespace {

std::set<std::string> Types(ResourceTypeFit& fit, const char* pattern) {
  std::set<std::string> out;
  for (const auto* t : fit.TypesOf(pattern)) out.insert(t->type);
  return out;
}

TEST(ArnFit, SplitsSixFields) {
  ArnFields f;
  ASSERT_TRUE(SplitArn("arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x:*", &f));
  EXPECT_EQ(f.service, "logs");
  EXPECT_EQ(f.account, "111122223333");
  EXPECT_EQ(f.resource, "log-group:/aws/lambda/x:*");
  EXPECT_FALSE(SplitArn("arn:aws:s3::b/*", &f));
  EXPECT_FALSE(SplitArn("s3:::b", &f));
}

// A bucket name never holds '/': arn:aws:s3:::b/x7 is an object, not a bucket.
TEST(ArnFit, BucketNamesHoldNoSlash) {
  ResourceTypeFit fit(iam::Catalog::Get());
  EXPECT_EQ(Types(fit, "arn:aws:s3:::b/x7"), std::set<std::string>{"object"});
  EXPECT_EQ(Types(fit, "arn:aws:s3:::b"), std::set<std::string>{"bucket"});
  EXPECT_EQ(Types(fit, "arn:aws:s3:::b/*"), std::set<std::string>{"object"});
  // A '*' may stand for "/key" as much as for more of the name.
  EXPECT_EQ(Types(fit, "arn:aws:s3:::b*"), (std::set<std::string>{"bucket", "object"}));
}

TEST(ArnFit, NamesWithSlashesWhereTheyHaveThem) {
  ResourceTypeFit fit(iam::Catalog::Get());
  EXPECT_TRUE(Types(fit, "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app").count("log-group"));
  EXPECT_TRUE(Types(fit, "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/app:log-stream:s1").count("log-stream"));
  EXPECT_TRUE(Types(fit, "arn:aws:iam::111122223333:role/service-role/app").count("role"));
  EXPECT_TRUE(Types(fit, "arn:aws:dynamodb:us-east-1:111122223333:table/t/index/i").count("index"));
  EXPECT_FALSE(Types(fit, "arn:aws:dynamodb:us-east-1:111122223333:table/t/index/i").count("table"));
  EXPECT_TRUE(Types(fit, "arn:aws:sqs:us-east-1:111122223333:queue/jobs").empty());
  EXPECT_TRUE(Types(fit, "arn:aws:lambda:us-east-1:111122223333:function/worker").empty());
}

TEST(ArnFit, ActionsFitTheirTypes) {
  const auto& cat = iam::Catalog::Get();
  ResourceTypeFit fit(cat);
  const auto get = *cat.FindAction("s3:GetObject");
  const auto list = *cat.FindAction("s3:ListBucket");
  const auto all_buckets = *cat.FindAction("s3:ListAllMyBuckets");
  const auto create_function = *cat.FindAction("lambda:CreateFunction");
  EXPECT_TRUE(fit.ActionFits(get, "arn:aws:s3:::b/k"));
  EXPECT_FALSE(fit.ActionFits(get, "arn:aws:s3:::b"));
  EXPECT_TRUE(fit.ActionFits(list, "arn:aws:s3:::b"));
  EXPECT_FALSE(fit.ActionFits(list, "arn:aws:s3:::b/x7"));
  EXPECT_TRUE(fit.ActionFits(all_buckets, "*"));
  EXPECT_TRUE(fit.ActionFits(all_buckets, "arn:aws:s3:::*"));
  EXPECT_FALSE(fit.ActionFits(all_buckets, "arn:aws:s3:::b"));
  EXPECT_FALSE(fit.ActionFits(create_function, "arn:aws:s3:::uploads/*"));
  EXPECT_TRUE(fit.ActionFits(create_function, "arn:aws:lambda:*:*:function:*"));
}

TEST(ArnFit, CoversEveryResourceOfAType) {
  const auto& cat = iam::Catalog::Get();
  ResourceTypeFit fit(cat);
  const auto pass = *cat.FindAction("iam:PassRole");
  EXPECT_TRUE(fit.CoversAType(pass, "*"));
  EXPECT_TRUE(fit.CoversAType(pass, "arn:aws:iam::*:role/*"));
  EXPECT_TRUE(fit.CoversAType(pass, "arn:aws:iam::111122223333:role/*"));
  EXPECT_FALSE(fit.CoversAType(pass, "arn:aws:iam::111122223333:role/app-*"));
  EXPECT_FALSE(fit.CoversAType(pass, "arn:aws:iam::111122223333:role/app"));
  const auto get = *cat.FindAction("s3:GetObject");
  EXPECT_TRUE(fit.CoversAType(get, "arn:aws:s3:::*/*"));
  EXPECT_FALSE(fit.CoversAType(get, "arn:aws:s3:::b/*"));
}

TEST(ArnFit, APatternLongerThanAnyArnNamesNothing) {
  ResourceTypeFit fit(iam::Catalog::Get());
  const std::string huge = "arn:aws:s3:::" + std::string(kMaxArnLength, 'b');
  EXPECT_TRUE(fit.TypesOf(huge).empty());
}

}  // namespace
}  // namespace jetsam::analyze
