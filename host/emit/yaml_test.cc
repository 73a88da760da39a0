#include <gtest/gtest.h>

#include "emit/yaml_quote.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

using emit::Quote;
using emit::QuoteFor;

TEST(QuoteFor, MisreadStringsAreQuoted) {
  for (const char* s : {"*", "2012-10-17", "true", "False", "yes", "NO", "on", "off", "null", "~", "", "123",
                        "1.5", "-1", ".5", "+1", "0x1F", "1e3", "12:30", "&anchor", "!tag", "|", ">", "@x", "`x",
                        "%x", "#x", "{a}", "[a]", "'q", "\"q", "-x", "?x", ":x", "a: b", "a #b", "end:", " lead",
                        "trail ", "<<"})
    EXPECT_EQ(QuoteFor(s), Quote::kSingle) << s;
  EXPECT_EQ(QuoteFor("line\nbreak"), Quote::kDouble);
  EXPECT_EQ(QuoteFor("tab\there"), Quote::kDouble);
  for (const char* s : {"s3:GetObject", "arn:aws:s3:::bucket*", "Allow", "AWS::IAM::Role", "/", "sts:AssumeRole",
                        "codebuild.amazonaws.com", "ec2:*", "a#b", "x-y"})
    EXPECT_EQ(QuoteFor(s), Quote::kPlain) << s;
}

TEST(ToYaml, BlockStyleKeysInOrder) {
  Json j = Json::parse(R"({"Version":"2012-10-17","Statement":[{"Action":["s3:*","*"],"Effect":"Allow",)"
                       R"("Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}],"Count":3,)"
                       R"("Empty":[],"None":{},"Flag":true,"Nothing":null,"Multi":"a\nb","It's":"it's"})");
  EXPECT_EQ(ToYaml(j), R"(Version: '2012-10-17'
Statement:
  - Action:
      - s3:*
      - '*'
    Effect: Allow
    Resource: '*'
    Condition:
      Bool:
        aws:SecureTransport: 'true'
Count: 3
Empty: []
None: {}
Flag: true
Nothing: ~
Multi: "a\nb"
It's: it's
)");
}

TEST(ToYaml, Scalars) {
  EXPECT_EQ(ToYaml(Json("2012-10-17")), "'2012-10-17'\n");
  EXPECT_EQ(ToYaml(Json("it's 1")), "it's 1\n");
  EXPECT_EQ(ToYaml(Json("'q'")), "'''q'''\n");
  EXPECT_EQ(ToYaml(Json::object()), "{}\n");
}

}  // namespace
}  // namespace jetsam
