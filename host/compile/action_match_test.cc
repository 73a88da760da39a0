#include "compile/action_match.h"

#include <gtest/gtest.h>

namespace jetsam::compile {
namespace {

TEST(ActionMatches, Wildcards) {
  EXPECT_TRUE(ActionMatches("*", "logs:PutLogEvents"));
  EXPECT_TRUE(ActionMatches("logs:*", "logs:PutLogEvents"));
  EXPECT_TRUE(ActionMatches("LOGS:put*", "logs:PutLogEvents"));  // case-insensitive
  EXPECT_TRUE(ActionMatches("logs:Put?ogEvents", "logs:PutLogEvents"));
  EXPECT_TRUE(ActionMatches("*:*Log*", "logs:PutLogEvents"));
  EXPECT_FALSE(ActionMatches("logs:Create*", "logs:PutLogEvents"));
  EXPECT_FALSE(ActionMatches("log:*", "logs:PutLogEvents"));
  EXPECT_FALSE(ActionMatches("", "logs:PutLogEvents"));
}

TEST(StatementAllows, ActionNotActionEffect) {
  EXPECT_TRUE(StatementAllows(Json::parse(R"({"Action":"logs:*","Effect":"Allow"})"), "logs:PutLogEvents"));
  EXPECT_TRUE(StatementAllows(Json::parse(R"({"Action":["s3:*","logs:Put*"],"Effect":"Allow"})"), "logs:PutLogEvents"));
  EXPECT_FALSE(StatementAllows(Json::parse(R"({"Action":"logs:*","Effect":"Deny"})"), "logs:PutLogEvents"));
  EXPECT_TRUE(StatementAllows(Json::parse(R"({"NotAction":"iam:*","Effect":"Allow"})"), "logs:PutLogEvents"));
  EXPECT_FALSE(StatementAllows(Json::parse(R"({"NotAction":"logs:*","Effect":"Allow"})"), "logs:PutLogEvents"));
}

}  // namespace
}  // namespace jetsam::compile
