// Conditions decided from a request context, operator by operator, as AWS documents them.
#include "analyze/can_condition.h"

#include <gtest/gtest.h>

#include "analyze/can_values.h"

namespace jetsam::analyze {
namespace {

Truth Eval(const char* condition, const RequestContext& ctx) {
  return EvaluateCondition(Json::parse(condition), ctx).truth;
}

RequestContext Ctx(std::initializer_list<std::pair<const char*, const char*>> kv) {
  RequestContext c;
  for (const auto& [k, v] : kv) c.Add(k, v);
  return c;
}

TEST(Condition, UnknownKeysStayOpenAndAreShown) {
  ConditionOutcome o = EvaluateCondition(
      Json::parse(R"({"StringEquals": {"aws:PrincipalTag/team": "web", "aws:RequestedRegion": "us-east-1"}})"),
      Ctx({{"aws:RequestedRegion", "us-east-1"}}));
  EXPECT_EQ(o.truth, Truth::kUnknown);
  EXPECT_EQ(o.undecided.dump(), R"({"StringEquals":{"aws:PrincipalTag/team":"web"}})");
  EXPECT_EQ(o.decided_keys, std::vector<std::string>{"aws:RequestedRegion"});
  // One decided test that fails makes the whole Condition false, whatever stays open.
  EXPECT_EQ(Eval(R"({"StringEquals": {"aws:PrincipalTag/team": "web", "aws:RequestedRegion": "us-east-1"}})",
                 Ctx({{"aws:RequestedRegion", "eu-west-1"}})),
            Truth::kFalse);
  EXPECT_EQ(Eval("null", {}), Truth::kTrue);
}

TEST(Condition, StringOperators) {
  auto ctx = Ctx({{"aws:PrincipalTag/team", "Web"}});
  EXPECT_EQ(Eval(R"({"StringEquals": {"aws:PrincipalTag/team": ["api", "Web"]}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"StringEquals": {"aws:PrincipalTag/team": "web"}})", ctx), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "web"}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"StringNotEquals": {"aws:PrincipalTag/team": ["api", "ops"]}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"StringNotEquals": {"aws:PrincipalTag/team": ["api", "Web"]}})", ctx), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"StringLike": {"aws:PrincipalTag/team": "W?b*"}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"StringNotLike": {"aws:PrincipalTag/team": "w*"}})", ctx), Truth::kTrue);
  // Keys compare case-insensitively.
  EXPECT_EQ(Eval(R"({"StringEquals": {"AWS:principaltag/TEAM": "Web"}})", ctx), Truth::kTrue);
}

TEST(Condition, AbsentKeys) {
  RequestContext absent;
  absent.SetAbsent("aws:MultiFactorAuthPresent");
  // Only the negated operators, ...IfExists, Null "true" and ForAllValues hold for a missing key.
  EXPECT_EQ(Eval(R"({"Bool": {"aws:MultiFactorAuthPresent": "false"}})", absent), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})", absent), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"StringNotEquals": {"aws:MultiFactorAuthPresent": "x"}})", absent), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"Null": {"aws:MultiFactorAuthPresent": "true"}})", absent), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"Null": {"aws:MultiFactorAuthPresent": "false"}})", absent), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"ForAllValues:StringEquals": {"aws:MultiFactorAuthPresent": "x"}})", absent), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"ForAnyValue:StringEquals": {"aws:MultiFactorAuthPresent": "x"}})", absent), Truth::kFalse);
  auto present = Ctx({{"aws:MultiFactorAuthPresent", "true"}});
  EXPECT_EQ(Eval(R"({"Null": {"aws:MultiFactorAuthPresent": "true"}})", present), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}})", present), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"Bool": {"aws:MultiFactorAuthPresent": true}})", present), Truth::kTrue);
}

TEST(Condition, SetOperators) {
  RequestContext tags;
  tags.Add("aws:TagKeys", "env");
  tags.Add("aws:TagKeys", "team");
  EXPECT_EQ(Eval(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team", "cost"]}})", tags), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}})", tags), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}})", tags), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"ForAnyValue:StringNotLike": {"aws:TagKeys": ["e*"]}})", tags), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"ForAllValues:StringNotLike": {"aws:TagKeys": ["e*"]}})", tags), Truth::kFalse);
  // A multivalued key without a set operator: AWS documents no result.
  EXPECT_EQ(Eval(R"({"StringEquals": {"aws:TagKeys": "env"}})", tags), Truth::kUnknown);
}

TEST(Condition, NumbersDatesAndBinary) {
  auto ctx = Ctx({{"aws:MultiFactorAuthAge", "300"}, {"aws:CurrentTime", "2026-03-01T12:00:00Z"},
                  {"aws:EpochTime", "1772366400"}});
  EXPECT_EQ(Eval(R"({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"NumericGreaterThanEquals": {"aws:MultiFactorAuthAge": 300}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"NumericEquals": {"aws:MultiFactorAuthAge": "abc"}})", ctx), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"DateGreaterThan": {"aws:CurrentTime": "2026-01-01"}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"DateLessThan": {"aws:CurrentTime": "2026-03-01T13:00:00+02:00"}})", ctx), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"DateEquals": {"aws:EpochTime": "2026-03-01T12:00:00Z"}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"BinaryEquals": {"aws:MultiFactorAuthAge": "300"}})", ctx), Truth::kTrue);
}

TEST(Condition, IpAddressesAndArns) {
  auto ctx = Ctx({{"aws:SourceIp", "203.0.113.7"}, {"aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic"}});
  EXPECT_EQ(Eval(R"({"IpAddress": {"aws:SourceIp": ["198.51.100.0/24", "203.0.113.0/24"]}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})", ctx), Truth::kFalse);
  EXPECT_EQ(Eval(R"({"IpAddress": {"aws:SourceIp": "203.0.113.7"}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic"}})", ctx), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:sqs:*"}})", ctx), Truth::kTrue);
  auto v6 = Ctx({{"aws:SourceIp", "2001:db8::1"}});
  EXPECT_EQ(Eval(R"({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}})", v6), Truth::kTrue);
  EXPECT_EQ(Eval(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})", v6), Truth::kFalse);
}

TEST(Condition, PolicyVariablesInValues) {
  auto ctx = Ctx({{"s3:prefix", "home/bob/"}, {"aws:username", "bob"}});
  EXPECT_EQ(Eval(R"({"StringLike": {"s3:prefix": "home/${aws:username}/*"}})", ctx), Truth::kTrue);
  auto no_user = Ctx({{"s3:prefix", "home/bob/"}});
  EXPECT_EQ(Eval(R"({"StringLike": {"s3:prefix": "home/${aws:username}/*"}})", no_user), Truth::kUnknown);
}

TEST(Condition, UnknownOperatorsDecideNothing) {
  auto ctx = Ctx({{"aws:SourceIp", "203.0.113.7"}});
  EXPECT_EQ(Eval(R"({"StringEqualz": {"aws:SourceIp": "x"}})", ctx), Truth::kUnknown);
  EXPECT_EQ(Eval(R"({"ForAllValues:Null": {"aws:SourceIp": "true"}})", ctx), Truth::kUnknown);
}

TEST(Values, Parsers) {
  long double d;
  ASSERT_TRUE(ParseDate("1970-01-02", &d));
  EXPECT_EQ(d, 86400);
  ASSERT_TRUE(ParseDate("1970-01-01T01:00:00.5Z", &d));
  EXPECT_EQ(d, 3600.5L);
  EXPECT_FALSE(ParseDate("2026-13-01", &d));
  EXPECT_FALSE(ParseDate("yesterday", &d));
  IpAddress ip;
  EXPECT_TRUE(ParseIp("::ffff:10.0.0.1", &ip));
  EXPECT_TRUE(ParseIp("::1", &ip));
  EXPECT_FALSE(ParseIp("1.2.3", &ip));
  EXPECT_FALSE(ParseIp("1::2::3", &ip));
  EXPECT_FALSE(ParseIp("256.1.1.1", &ip));
  ASSERT_TRUE(ParseIp("10.1.2.3", &ip));
  EXPECT_TRUE(IpInCidr(ip, "10.0.0.0/8"));
  EXPECT_FALSE(IpInCidr(ip, "10.0.0.0/33"));
  EXPECT_TRUE(IpInCidr(ip, "0.0.0.0/0"));
}

}  // namespace
}  // namespace jetsam::analyze
