#include "compile/camelize.h"

#include <gtest/gtest.h>

#include "test_values.h"

namespace jetsam::compile {
namespace {

using namespace jetsam::fixtures;

std::string Cfn(const Value& v, std::vector<ChangedKey>* changed = nullptr) {
  return CfnJson(v, changed).dump();
}

TEST(Camelize, ActiveSupportRules) {
  EXPECT_EQ(Camelize("foo_bar"), "FooBar");
  EXPECT_EQ(Camelize("condition"), "Condition");
  EXPECT_EQ(Camelize("StringEquals"), "StringEquals");
  EXPECT_EQ(Camelize("HVM64"), "HVM64");
  EXPECT_EQ(Camelize("aws:SourceArn"), "Aws:SourceArn");  // the leading lowercase run only
  EXPECT_EQ(Camelize("s3:prefix"), "S3:prefix");
  EXPECT_EQ(Camelize("sourceArn"), "SourceArn");
  EXPECT_EQ(Camelize("Foo_BAR"), "FooBar");               // capitalize lowers the rest
  EXPECT_EQ(Camelize("a__b"), "AB");
  EXPECT_EQ(Camelize("foo/bar_baz"), "Foo::BarBaz");
  EXPECT_EQ(Camelize(""), "");
}

TEST(CamelizeKey, SpecialAndPassthrough) {
  EXPECT_EQ(CamelizeKey("aws", {}, std::nullopt), "AWS");
  EXPECT_EQ(CamelizeKey("Aws", {}, std::nullopt), "AWS");
  EXPECT_EQ(CamelizeKey("AWS", {}, std::nullopt), "AWS");
  EXPECT_EQ(CamelizeKey("has-dash", {}, std::nullopt), "has-dash");
  EXPECT_EQ(CamelizeKey("aws:RequestTag/team", {}, std::nullopt), "aws:RequestTag/team");
  EXPECT_EQ(CamelizeKey("cognito-identity.amazonaws.com:aud", {}, std::nullopt),
            "cognito-identity.amazonaws.com:aud");
  EXPECT_EQ(CamelizeKey("dont_touch", {"Environment", "Variables"}, std::nullopt), "dont_touch");
  EXPECT_EQ(CamelizeKey("dont_touch", {"Fn::Sub", "X"}, std::nullopt), "dont_touch");  // any ancestor
}

TEST(CamelizeKey, ResourceKeys) {
  EXPECT_EQ(CamelizeKey("ttl", {}, "AWS::Route53::RecordSet"), "TTL");
  EXPECT_EQ(CamelizeKey("ttl", {}, std::nullopt), "Ttl");
  EXPECT_EQ(CamelizeKey("max_receive_count", {}, "AWS::SQS::Queue"), "maxReceiveCount");
  EXPECT_EQ(CamelizeKey("template_url", {}, "AWS::CloudFormation::Stack"), "TemplateURL");
  EXPECT_EQ(CamelizeKey("RoleARN", {}, "AWS::Events::Rule"), "RoleArn");
  EXPECT_EQ(CamelizeKey("classic_link_vpc_id", {}, "AutoScaling::LaunchConfiguration"), "ClassicLinkVPCId");
}

TEST(CfnJson, ConditionKeyIsCapitalizedAndReported) {
  Value statement = H({P("Action", Strings({"sns:Publish"})), P("Effect", S("Allow")), P("Resource", S("*")),
                       P("Condition", H({P("ArnLike", H({SP("aws:SourceArn", S("arn:aws:s3:::b"))}))}))});
  std::vector<ChangedKey> changed;
  EXPECT_EQ(Cfn(statement, &changed),
            R"({"Action":["sns:Publish"],"Effect":"Allow","Resource":"*",)"
            R"("Condition":{"ArnLike":{"Aws:SourceArn":"arn:aws:s3:::b"}}})");
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].from, "aws:SourceArn");
  EXPECT_EQ(changed[0].to, "Aws:SourceArn");
  EXPECT_TRUE(changed[0].context_key);
}

TEST(CfnJson, SymbolAndUnderscoreKeys) {
  Value v = H({P("action", S("s3:*")), P("not_resource", S("x")), SP("effect", S("Allow")),
               P("principal", H({P("aws", S("arn:aws:iam::1:root"))}))});
  EXPECT_EQ(Cfn(v), R"({"Action":"s3:*","NotResource":"x","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"}})");
}

TEST(CfnJson, PassthroughUnderVariablesAndFnSub) {
  Value v = H({P("foo_bar", I(1)), P("variables", H({P("dont_touch", I(2))})),
               P("user_data", H({SP("Fn::Sub", A({S("hello"), H({SP("k_1", S("v1"))})}))}))});
  EXPECT_EQ(Cfn(v), R"({"FooBar":1,"Variables":{"dont_touch":2},"UserData":{"Fn::Sub":["hello",{"k_1":"v1"}]}})");
}

TEST(CfnJson, EventPatternDasherizesTopLevelThenLowerCamel) {
  Value v = H({P("event_pattern", H({P("detail_type", H({P("camelize_me", I(3))}))}))});
  EXPECT_EQ(Cfn(v), R"({"EventPattern":{"detail-type":{"camelizeMe":3}}})");
}

TEST(CfnJson, TypeDetectionOnlyByLowerSymbolOrStringType) {
  Value sym = H({P("type", S("AWS::Route53::RecordSet")), P("properties", H({P("ttl", I(60))}))});
  EXPECT_EQ(Cfn(sym), R"({"Type":"AWS::Route53::RecordSet","Properties":{"TTL":60}})");
  Value str = H({SP("Type", S("AWS::SQS::Queue")),
                 SP("Properties", H({SP("RedrivePolicy", H({SP("MaxReceiveCount", I(3))}))}))});
  EXPECT_EQ(Cfn(str), R"({"Type":"AWS::SQS::Queue","Properties":{"RedrivePolicy":{"maxReceiveCount":3}}})");
  // :Type (a capital Symbol) is what Jets' own templates use, and it is not detected.
  Value capital = H({P("Type", S("AWS::Route53::RecordSet")), P("ttl", I(60))});
  EXPECT_EQ(Cfn(capital), R"({"Type":"AWS::Route53::RecordSet","Ttl":60})");
}

TEST(CfnJson, ValuesStringifiedIntegersKept) {
  Value v = H({P("a", Value::Nil()), P("b", Value::Bool(true)), P("c", Value::Bool(false)),
               P("d", Value::Float(1.5, "1.5")), P("e", Sym("sym")), P("f", I(7)),
               P("g", A({I(1), Value::Float(1e20, "1.0e+20"), Value::Other("Range", "1..2")}))});
  EXPECT_EQ(Cfn(v), R"({"A":"","B":"true","C":"false","D":"1.5","E":"sym","F":7,"G":[1,"1.0e+20","1..2"]})");
}

TEST(CfnJson, NonTextKeysUseToS) {
  Value v = H({{I(1), S("one")}, {Value::Nil(), S("nil")}});
  EXPECT_EQ(Cfn(v), R"({"1":"one","":"nil"})");
}

TEST(CfnJson, RepeatedKeyKeepsFirstPlaceLastValue) {
  Value v = H({P("action", S("a")), P("Effect", S("Allow")), P("Action", S("b"))});
  EXPECT_EQ(Cfn(v), R"({"Action":"b","Effect":"Allow"})");
}

}  // namespace
}  // namespace jetsam::compile
