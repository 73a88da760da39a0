#include "jetsam/value.h"

#include <gtest/gtest.h>

#include "core/suggest.h"

namespace jetsam {
namespace {

Value Sample() {
  return Value::Array({
      Value::String("s3"),
      Value::Symbol("sqs"),
      Value::Hash({{Value::Symbol("Action"), Value::Array({Value::String("dynamodb:*")})},
                   {Value::String("Effect"), Value::String("Allow")},
                   {Value::Symbol("weird key"), Value::Float(1.5, "1.5")}}),
      Value::Integer(42),
      Value::Nil(),
      Value::Bool(true),
      Value::Other("Proc", "#<Proc:0x1>"),
  });
}

TEST(Value, InspectReadsLikeRuby) {
  EXPECT_EQ(Sample().Inspect(),
            "[\"s3\", :sqs, {Action: [\"dynamodb:*\"], \"Effect\" => \"Allow\", :\"weird key\" => 1.5}, 42, nil, "
            "true, #<Proc:0x1>]");
}

TEST(Value, ToJsonIsPlain) {
  EXPECT_EQ(Sample().ToJson().dump(),
            R"(["s3","sqs",{"Action":["dynamodb:*"],"Effect":"Allow","weird key":1.5},42,null,true,"#<Proc:0x1>"])");
}

TEST(Value, FindTreatsSymbolAndStringKeysAlike) {
  Value sample = Sample();
  const Value& h = sample.items()[2];
  ASSERT_NE(h.Find("Action"), nullptr);
  ASSERT_NE(h.Find("Effect"), nullptr);
  EXPECT_EQ(h.Find("Resource"), nullptr);
}

TEST(Value, ToSIsRubyToS) {
  EXPECT_EQ(Value::Nil().ToS(), "");
  EXPECT_EQ(Value::Symbol("x").ToS(), "x");
  EXPECT_EQ(Value::Integer(-3).ToS(), "-3");
  EXPECT_EQ(Value::Float(1e20, "1.0e+20").ToS(), "1.0e+20");
}

TEST(Value, EqualityDistinguishesSymbolFromString) {
  EXPECT_FALSE(Value::String("s3") == Value::Symbol("s3"));
  EXPECT_TRUE(Value::String("s3") == Value::String("s3"));
}

TEST(Suggest, FindsTheClosestName) {
  std::vector<std::string> names = {"codebuild.iam.policy", "codebuild.iam.managed_policy", "codebuild.iam.default_policy"};
  auto s = Suggest("codebuild.iam.polcy", names);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0], "codebuild.iam.policy");
  EXPECT_TRUE(Suggest("something.else.entirely", names).empty());
  EXPECT_EQ(EditDistance("ab", "ba"), 1u);  // a transposition counts once
}

}  // namespace
}  // namespace jetsam
