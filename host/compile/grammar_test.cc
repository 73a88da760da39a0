// The policy grammar (jetsam/grammar.h): what IAM refuses, where it is, and what it costs.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "jetsam/grammar.h"
#include "jetsam/iamdata.h"

namespace jetsam {
namespace {

std::vector<GrammarProblem> Check(const char* statement_json) {
  Json doc = Json::object();
  doc["Version"] = "2012-10-17";
  doc["Statement"] = Json::array({Json::parse(statement_json)});
  return CheckPolicyDocument(doc);
}

std::vector<std::string> Rules(const std::vector<GrammarProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.rule);
  return out;
}

// A document without Condition or policy variable is judged without the IAM catalog: compile
// keeps not loading it. A fresh process, so that no other test's load hides one.
TEST(PolicyGrammarDeathTest, StructureLoadsNoCatalog) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        const auto problems = Check(R"({"Effect": "Alow", "Action": ["s3:GetObject"], "Resources": "*"})");
        std::exit(iam::Catalog::Loaded() ? 1 : problems.size() == 3 ? 0 : 2);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(PolicyGrammar, SoundStatementHasNoProblem) {
  EXPECT_TRUE(Check(R"({"Sid": "Read1", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*",
                        "Condition": {"StringLike": {"s3:ExistingObjectTag/team": "a*"},
                                      "ForAnyValue:StringEquals": {"aws:TagKeys": ["x"]},
                                      "BoolIfExists": {"aws:SecureTransport": "true"},
                                      "DateGreaterThan": {"aws:CurrentTime": "2026-01-31"},
                                      "NumericLessThanEquals": {"aws:MultiFactorAuthAge": "3600.5"},
                                      "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "::1", "2001:db8::1.2.3.4/128"]}}})")
                  .empty());
}

// Conditions IAM accepts that cannot do what they say: warnings (the role still deploys).
std::vector<GrammarProblem> CheckCondition(const char* effect, const char* action, const char* condition_json) {
  return Check(fmt::format(R"({{"Effect": "{}", "Action": "{}", "Resource": "*", "Condition": {}}})", effect, action,
                           condition_json)
                   .c_str());
}

// One operator on one key, in an Allow of sqs:SendMessage; `flagged`: whether a finding is due.
struct ConditionRow {
  const char* op;
  const char* key;
  const char* value;  // JSON
  bool flagged;
};
std::vector<GrammarProblem> CheckRow(const ConditionRow& r) {
  SCOPED_TRACE(std::string(r.op) + " " + r.key + " " + r.value);
  return CheckCondition("Allow", "sqs:SendMessage", fmt::format(R"({{"{}": {{"{}": {}}}}})", r.op, r.key, r.value).c_str());
}

TEST(PolicyGrammar, PrivateRangesOnSourceIp) {
  auto rules = [](const char* op, const char* values) {
    const auto problems =
        CheckCondition("Allow", "sqs:SendMessage", fmt::format(R"({{"{}": {{"aws:SourceIp": {}}}}})", op, values).c_str());
    for (const auto& p : problems) EXPECT_FALSE(p.error) << p.message;
    return Rules(problems);
  };
  const std::vector<std::string> flagged{"private-ip-condition"}, none;
  // The edges of RFC 1918's three ranges and of fc00::/7.
  EXPECT_EQ(rules("IpAddress", R"("10.255.0.0/16")"), flagged);
  EXPECT_EQ(rules("IpAddress", R"(["172.16.0.0/12", "172.31.255.255"])"), flagged);
  EXPECT_EQ(rules("IpAddress", R"("172.15.0.0/16")"), none);
  EXPECT_EQ(rules("IpAddress", R"("172.32.0.0/16")"), none);
  EXPECT_EQ(rules("IpAddress", R"("192.168.7.0/24")"), flagged);
  EXPECT_EQ(rules("IpAddress", R"("192.169.0.0/16")"), none);
  EXPECT_EQ(rules("NotIpAddress", R"("fd12:3456::/48")"), flagged);
  EXPECT_EQ(rules("IpAddress", R"("2001:db8::/32")"), none);
  // A range wider than the private one reaches public addresses too.
  EXPECT_EQ(rules("IpAddress", R"("10.0.0.0/7")"), none);
  EXPECT_EQ(rules("IpAddress", R"("0.0.0.0/0")"), none);
  // Private beside public: one warning for the private part.
  EXPECT_EQ(rules("IpAddress", R"(["203.0.113.0/24", "10.0.0.0/8"])"), flagged);
  // Only aws:SourceIp: a VPC's own addresses are aws:VpcSourceIp's.
  EXPECT_TRUE(Rules(CheckCondition("Allow", "sqs:SendMessage",
                                   R"({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"},
                                       "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}})"))
                  .empty());
}

TEST(PolicyGrammar, WildcardComparedLiterally) {
  const std::vector<std::string> flagged{"wildcard-without-like"}, none;
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage", R"({"StringEquals": {"aws:PrincipalTag/team": "a*"}})")),
            flagged);
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage",
                                 R"({"ForAnyValue:StringNotEqualsIgnoreCase": {"aws:TagKeys": ["x?"]}})")),
            flagged);
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage", R"({"StringLike": {"aws:PrincipalTag/team": "a*"}})")),
            none);
  // ${*} and ${?} are a literal * and ?.
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage", R"({"StringEquals": {"aws:PrincipalTag/team": "a${*}"}})")),
            none);
}

TEST(PolicyGrammar, DenyOnResourceTagsItsActionsLack) {
  const std::vector<std::string> flagged{"deny-tag-key-unsupported"}, none;
  const char* on_tag = R"({"StringEquals": {"aws:ResourceTag/status": "protected"}})";
  EXPECT_EQ(Rules(CheckCondition("Deny", "route53:DeleteHostedZone", on_tag)), flagged);
  EXPECT_EQ(Rules(CheckCondition("Deny", "ec2:TerminateInstances", on_tag)), none);
  // An Allow that never holds grants nothing: no security gap, a statement that does not work.
  EXPECT_EQ(Rules(CheckCondition("Allow", "route53:DeleteHostedZone", on_tag)),
            std::vector<std::string>{"allow-tag-key-unsupported"});
  EXPECT_EQ(Rules(CheckCondition("Allow", "ec2:TerminateInstances", on_tag)), none);
  // Operators that hold when the key is absent make the Deny apply.
  for (const char* op : {"StringEqualsIfExists", "StringNotEquals", "Null", "ForAllValues:StringEquals"}) {
    SCOPED_TRACE(op);
    const std::string condition = fmt::format(R"({{"{}": {{"aws:ResourceTag/status": "{}"}}}})", op,
                                              std::string(op) == "Null" ? "true" : "protected");
    const auto rules = Rules(CheckCondition("Deny", "route53:DeleteHostedZone", condition.c_str()));
    EXPECT_EQ(std::count(rules.begin(), rules.end(), "deny-tag-key-unsupported"), 0);
    const auto allowed = Rules(CheckCondition("Allow", "route53:DeleteHostedZone", condition.c_str()));
    EXPECT_EQ(std::count(allowed.begin(), allowed.end(), "allow-tag-key-unsupported"), 0);
  }
}

TEST(PolicyGrammar, ServicePrincipalKeysTakeServicePrincipals) {
  const std::vector<std::string> flagged{"condition-value"}, none;
  auto passed = [](const char* value) {
    return Rules(CheckCondition("Allow", "iam:PassRole",
                                fmt::format(R"({{"StringEquals": {{"iam:PassedToService": "{}"}}}})", value).c_str()));
  };
  EXPECT_EQ(passed("lambda"), flagged);
  EXPECT_EQ(passed("lambda.amazonaws.com"), none);
  // A pattern is left to wildcard-without-like (StringEquals compares it literally).
  EXPECT_EQ(passed("lambda*"), std::vector<std::string>{"wildcard-without-like"});
  auto via = [](const char* value) {
    return Rules(CheckCondition("Allow", "kms:Decrypt",
                                fmt::format(R"({{"StringEquals": {{"kms:ViaService": "{}"}}}})", value).c_str()));
  };
  EXPECT_EQ(via("s3.amazonaws.com"), flagged);
  EXPECT_EQ(via("s3.us-west-2.amazonaws.com"), none);
  EXPECT_EQ(via("s3.cn-north-1.amazonaws.com.cn"), none);
}

TEST(PolicyGrammar, OneKeysValuesShareTheirJsonType) {
  const std::vector<std::string> flagged{"condition-value"}, none;
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage", R"({"StringEquals": {"aws:SourceVpc": ["vpc-1", 5]}})")),
            flagged);
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage",
                                 R"({"StringEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]}})")),
            none);
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage", R"({"NumericLessThan": {"aws:MultiFactorAuthAge": [3600, 60]}})")),
            none);
}

TEST(PolicyGrammar, VpcSourceIpWithoutItsVpc) {
  const std::vector<std::string> flagged{"missing-paired-condition-key"}, none;
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage", R"({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}})")),
            flagged);
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage",
                                 R"({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"},
                                     "StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})")),
            none);
  EXPECT_EQ(Rules(CheckCondition("Allow", "sqs:SendMessage",
                                 R"({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"},
                                     "StringEqualsIgnoreCase": {"AWS:SOURCEVPC": "vpc-1a2b3c4d"}})")),
            none);
  // A Deny on it denies more, not less.
  EXPECT_EQ(Rules(CheckCondition("Deny", "sqs:SendMessage", R"({"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}})")),
            none);
}

TEST(PolicyGrammar, RangeWithHostBitsAndNullUnderASetOperator) {
  const auto bits = CheckCondition("Allow", "sqs:SendMessage", R"({"IpAddress": {"aws:SourceIp": "203.0.113.5/24"}})");
  ASSERT_EQ(Rules(bits), std::vector<std::string>{"condition-value"});
  EXPECT_FALSE(bits[0].error);
  EXPECT_NE(bits[0].message.find("203.0.113.0/24"), std::string::npos) << bits[0].message;
  EXPECT_TRUE(Rules(CheckCondition("Allow", "sqs:SendMessage", R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"))
                  .empty());
  EXPECT_TRUE(Rules(CheckCondition("Allow", "sqs:SendMessage", R"({"IpAddress": {"aws:SourceIp": "203.0.113.5"}})"))
                  .empty());
  const auto null_set =
      CheckCondition("Allow", "sqs:TagQueue", R"({"ForAllValues:Null": {"aws:TagKeys": "true"}})");
  ASSERT_EQ(Rules(null_set), std::vector<std::string>{"condition-operator"});
  EXPECT_FALSE(null_set[0].error);
}

TEST(PolicyGrammar, ConditionsWithNothingInThem) {
  const auto empty = Check(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {}})");
  ASSERT_EQ(Rules(empty), std::vector<std::string>{"empty-condition"});
  EXPECT_FALSE(empty[0].error);
  const auto no_key = CheckCondition("Allow", "sqs:SendMessage", R"({"StringEquals": {}})");
  ASSERT_EQ(Rules(no_key), std::vector<std::string>{"empty-condition"});
  EXPECT_NE(no_key[0].message.find("no condition key"), std::string::npos) << no_key[0].message;
  const auto no_values = CheckCondition("Allow", "sqs:SendMessage", R"({"StringEquals": {"aws:SourceVpc": []}})");
  ASSERT_EQ(Rules(no_values), std::vector<std::string>{"empty-condition"});
  EXPECT_NE(no_values[0].message.find("applies to no request"), std::string::npos) << no_values[0].message;
  const auto if_exists = CheckCondition("Allow", "sqs:SendMessage", R"({"StringEqualsIfExists": {"aws:SourceVpc": []}})");
  ASSERT_EQ(Rules(if_exists), std::vector<std::string>{"empty-condition"});
  EXPECT_NE(if_exists[0].message.find("without the key"), std::string::npos) << if_exists[0].message;
  EXPECT_TRUE(CheckCondition("Allow", "sqs:SendMessage", R"({"StringEquals": {"aws:SourceVpc": ["vpc-1"]}})").empty());
}

TEST(PolicyGrammar, EachElementItsRule) {
  EXPECT_EQ(Rules(Check(R"({"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"})")),
            std::vector<std::string>{"invalid-effect"});
  EXPECT_EQ(Rules(Check(R"({"Effect": "Allow", "Action": "s3:GetObject"})")), std::vector<std::string>{"missing-element"});
  EXPECT_EQ(Rules(Check(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"})")),
            std::vector<std::string>{"principal-in-identity-policy"});
  EXPECT_EQ(Rules(Check(R"({"Sid": "a b", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})")),
            std::vector<std::string>{"invalid-sid"});
  const auto unknown = Check(R"({"Effect": "Allow", "Actions": "s3:GetObject", "Action": "s3:GetObject", "Resource": "*"})");
  ASSERT_EQ(Rules(unknown), std::vector<std::string>{"unknown-element"});
  EXPECT_EQ(unknown[0].hint, "did you mean Action?");
  EXPECT_EQ(unknown[0].statement, 1u);
}

TEST(PolicyGrammar, OperatorsWithTheirForms) {
  const auto typo = Check(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                              "Condition": {"ForAnyValue:StringEqualz": {"aws:TagKeys": ["a"]}}})");
  ASSERT_EQ(Rules(typo), std::vector<std::string>{"condition-operator"});
  EXPECT_EQ(typo[0].hint, "did you mean ForAnyValue:StringEquals?");
  const auto null_if = Check(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                                 "Condition": {"NullIfExists": {"aws:SourceVpc": "true"}}})");
  EXPECT_EQ(Rules(null_if), std::vector<std::string>{"condition-operator"});
  const auto single = Check(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                                "Condition": {"ForAllValues:StringEquals": {"aws:RequestedRegion": ["us-east-1"]}}})");
  ASSERT_EQ(Rules(single), std::vector<std::string>{"condition-operator"});
  EXPECT_FALSE(single[0].error);  // legal, suspect
}

TEST(PolicyGrammar, ValuesOfTheirOperatorsType) {
  const ConditionRow rows[] = {
      {"Bool", "aws:SecureTransport", R"("TRUE")", false},
      {"Bool", "aws:SecureTransport", R"("1")", true},
      {"NumericEquals", "aws:MultiFactorAuthAge", "300", false},
      {"NumericEquals", "aws:MultiFactorAuthAge", R"("-3.5")", false},
      {"NumericEquals", "aws:MultiFactorAuthAge", R"("3e5")", true},
      {"DateLessThan", "aws:CurrentTime", R"("2026-02-30T25:00:00Z")", true},
      {"DateLessThan", "aws:CurrentTime", R"("2026-02-28T23:59:59.123+01:00")", false},
      {"DateLessThan", "aws:EpochTime", R"("1767225600")", false},
      {"IpAddress", "aws:SourceIp", R"("10.0.0.256")", true},
      {"IpAddress", "aws:SourceIp", R"("10.0.0.0/33")", true},
      {"IpAddress", "aws:SourceIp", R"("fe80::1%eth0")", true},
      {"ArnLike", "aws:SourceArn", R"("*")", false},
      {"ArnLike", "aws:SourceArn", R"("topic")", true},
      {"NumericEquals", "aws:SourceVpc", R"("5")", true},  // a String key
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(std::string(r.op) + " " + r.key + " " + r.value);
    EXPECT_EQ(r.flagged ? std::vector<std::string>{"condition-value"} : std::vector<std::string>{}, Rules(CheckRow(r)));
  }
}

// An operator of another type than its key's: IAM accepts the policy (a warning, as Access
// Analyzer's type mismatch), whichever way round.
TEST(PolicyGrammar, OperatorOfAnotherTypeThanItsKey) {
  const ConditionRow rows[] = {
      {"NumericEquals", "aws:SourceVpc", R"("5")", true},
      {"StringEquals", "aws:SecureTransport", R"("true")", true},
      {"StringLike", "aws:CurrentTime", R"("2026-*")", true},
      {"StringEquals", "aws:MultiFactorAuthAge", R"("300")", true},
      {"StringEquals", "aws:SourceIp", R"("10.0.0.1")", true},
      {"StringEquals", "aws:SourceArn", R"("arn:aws:sns:us-east-1:123456789012:t")", false},
      {"StringEquals", "aws:SourceVpc", R"("vpc-1")", false},
      {"NumericLessThan", "aws:EpochTime", R"("1767225600")", false},
      {"Bool", "aws:SecureTransport", R"("true")", false},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(std::string(r.op) + " " + r.key);
    const auto problems = CheckRow(r);
    if (!r.flagged) {
      EXPECT_TRUE(problems.empty()) << problems[0].message;
      continue;
    }
    ASSERT_EQ(Rules(problems), std::vector<std::string>{"condition-value"});
    EXPECT_FALSE(problems[0].error);
    EXPECT_NE(problems[0].message.find("is of type"), std::string::npos) << problems[0].message;
  }
}

TEST(PolicyGrammar, KeysOfTheStatementsServices) {
  // s3:prefix is S3's; on an SQS action no request carries it. A global key with a tag suffix is a key.
  EXPECT_EQ(Rules(Check(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                            "Condition": {"StringEquals": {"s3:prefix": "a"}}})")),
            std::vector<std::string>{"condition-key"});
  EXPECT_TRUE(Check(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a", "Aws:ResourceTag/env": "b"}}})")
                  .empty());
  // NotAction reaches every service: any key the reference defines applies.
  EXPECT_TRUE(Check(R"({"Effect": "Deny", "NotAction": "iam:*", "Resource": "*",
                        "Condition": {"StringEquals": {"s3:prefix": "a"}}})")
                  .empty());
  EXPECT_EQ(Rules(Check(R"({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                            "Condition": {"StringEquals": {"aws:SourceVpc": "a", "AWS:sourcevpc": "b"}}})")),
            std::vector<std::string>{"condition-key"});
}

TEST(PolicyGrammar, PolicyVariables) {
  EXPECT_TRUE(Check(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:userid}/${*}x"})").empty());
  const auto username = Check(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"})");
  ASSERT_EQ(Rules(username), std::vector<std::string>{"policy-variable"});
  EXPECT_NE(username[0].message.find("never set for a role session"), std::string::npos);
  EXPECT_EQ(Rules(Check(R"({"Effect": "Allow", "Action": "s3:Get${aws:userid}", "Resource": "*"})")),
            std::vector<std::string>{"policy-variable"});
  Json old = Json::parse(R"({"Version": "2008-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:userid}/*"}]})");
  EXPECT_EQ(Rules(CheckPolicyDocument(old)), std::vector<std::string>{"policy-variable"});
}

TEST(PolicyGrammar, DocumentLevel) {
  Json doc = Json::parse(R"({"Version": "2012-10-17", "Statment": [], "Statement": [
      {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Sid": "A", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]})");
  const auto problems = CheckPolicyDocument(doc);
  ASSERT_EQ(Rules(problems), (std::vector<std::string>{"unknown-element", "invalid-sid"}));
  EXPECT_EQ(problems[0].statement, 0u);
  EXPECT_EQ(problems[1].statement, 2u);
  EXPECT_EQ(Rules(CheckPolicyDocument(Json::parse(R"({"Version": "2012-10-17"})"))),
            std::vector<std::string>{"missing-element"});
}

}  // namespace
}  // namespace jetsam
