// IamWildcardMatch, ArnMatchesFormat and EditDistance: no embedded data involved.
#include <gtest/gtest.h>

#include "jetsam/iamdata.h"

namespace jetsam::iam {
namespace {

TEST(IamWildcardMatch, Literals) {
  EXPECT_TRUE(IamWildcardMatch("s3:GetObject", "s3:GetObject", false));
  EXPECT_FALSE(IamWildcardMatch("s3:GetObject", "s3:getobject", false));
  EXPECT_TRUE(IamWildcardMatch("s3:GetObject", "s3:getobject", true));
  EXPECT_FALSE(IamWildcardMatch("s3:GetObject", "s3:GetObjectAcl", true));
  EXPECT_FALSE(IamWildcardMatch("s3:GetObjectAcl", "s3:GetObject", true));
}

TEST(IamWildcardMatch, Empty) {
  EXPECT_TRUE(IamWildcardMatch("", "", false));
  EXPECT_FALSE(IamWildcardMatch("", "a", false));
  EXPECT_TRUE(IamWildcardMatch("*", "", false));
  EXPECT_TRUE(IamWildcardMatch("**", "", false));
  EXPECT_FALSE(IamWildcardMatch("?", "", false));
  EXPECT_FALSE(IamWildcardMatch("a", "", false));
}

TEST(IamWildcardMatch, Star) {
  EXPECT_TRUE(IamWildcardMatch("*", "anything:at/all", false));
  EXPECT_TRUE(IamWildcardMatch("s3:Get*", "s3:GetObject", false));
  EXPECT_TRUE(IamWildcardMatch("s3:Get*", "s3:Get", false));  // '*' may match nothing
  EXPECT_FALSE(IamWildcardMatch("s3:Get*", "s3:PutObject", false));
  EXPECT_TRUE(IamWildcardMatch("*Object", "s3:GetObject", false));
  EXPECT_TRUE(IamWildcardMatch("s3:*Object*", "s3:PutObjectAcl", false));
  EXPECT_TRUE(IamWildcardMatch("a*b*c", "aXbYbZc", false));
  EXPECT_FALSE(IamWildcardMatch("a*b*c", "aXbYbZ", false));
  // Backtracking: the first '*' must not stop at the first "ab".
  EXPECT_TRUE(IamWildcardMatch("*ab*abc", "xabyabzabc", false));
  EXPECT_TRUE(IamWildcardMatch("a***b", "ab", false));
  EXPECT_TRUE(IamWildcardMatch("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", false));
  EXPECT_FALSE(IamWildcardMatch("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false));
}

TEST(IamWildcardMatch, QuestionMark) {
  EXPECT_TRUE(IamWildcardMatch("s3:Get?bject", "s3:GetObject", false));
  EXPECT_FALSE(IamWildcardMatch("s3:Get?Object", "s3:GetObject", false));
  EXPECT_TRUE(IamWildcardMatch("???", "abc", false));
  EXPECT_FALSE(IamWildcardMatch("???", "ab", false));
  EXPECT_FALSE(IamWildcardMatch("???", "abcd", false));
  EXPECT_TRUE(IamWildcardMatch("?*", "a", false));
  EXPECT_FALSE(IamWildcardMatch("?*", "", false));
  EXPECT_TRUE(IamWildcardMatch("*?", "ab", false));
}

TEST(IamWildcardMatch, OtherCharactersAreLiteral) {
  EXPECT_TRUE(IamWildcardMatch("a.b", "a.b", false));
  EXPECT_FALSE(IamWildcardMatch("a.b", "axb", false));
  EXPECT_TRUE(IamWildcardMatch("[ab]", "[ab]", false));
  EXPECT_FALSE(IamWildcardMatch("[ab]", "a", false));
  EXPECT_TRUE(IamWildcardMatch("${aws:username}", "${aws:username}", false));  // variables are not expanded
}

TEST(IamWildcardMatch, CaseFoldingIsAsciiOnly) {
  EXPECT_TRUE(IamWildcardMatch("S3:GET*", "s3:getobject", true));
  EXPECT_FALSE(IamWildcardMatch("S3:GET*", "s3:getobject", false));
  EXPECT_FALSE(IamWildcardMatch("\xc3\x84", "\xc3\xa4", true));  // Ä vs ä: not folded
}

TEST(ArnMatchesFormat, Basics) {
  const char* object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  const char* bucket = "arn:${Partition}:s3:::${BucketName}";
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:s3:::my-bucket/a/b.txt", object));
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:s3:::my-bucket", object));
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:s3:::my-bucket", bucket));
  EXPECT_TRUE(ArnMatchesFormat("arn:aws-cn:s3:::b/k", object));
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:s4:::b/k", object));
  EXPECT_FALSE(ArnMatchesFormat("arn::s3:::b/k", object));  // ${Partition} takes one or more characters
}

TEST(ArnMatchesFormat, FieldsDoNotSpanColons) {
  const char* fn = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:lambda:us-east-1:123456789012:function:demo-dev-hello", fn));
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:lambda:us-east-1:123456789012:layer:x", fn));
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:lambda:us-east-1:extra:123456789012:function:x", fn));
}

TEST(ArnMatchesFormat, WildcardsInTheArn) {
  const char* object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  const char* fn = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:s3:::my-bucket/*", object));
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:s3:::*", object));  // '*' may cover "/key"
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:lambda:*:*:function:demo-*", fn));
  EXPECT_TRUE(ArnMatchesFormat("arn:*:lambda:us-east-?:*:function:x", fn));
  EXPECT_TRUE(ArnMatchesFormat("*", fn));
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:lambda:*:*:layer:*", fn));
}

TEST(ArnMatchesFormat, ColonsInVariables) {
  const char* object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  const char* fn = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
  const char* alias = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}";
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:s3:::b/2024-01-01T00:00:00.json", object));  // keys may hold ':'
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:lambda:us-east-1:123456789012:function:f:live", fn));
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:lambda:us-east-1:123456789012:function:f:live", alias));
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:lambda:us-east-1:123456789012:function:f*", fn));
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:lambda:us-east-1:123456789012:function:f*", alias));
}

TEST(ArnMatchesFormat, LongAndRepetitiveInputsStayLinear) {
  // A pathological ARN against a format of many variables: the automaton answers at once.
  const std::string fmt = "arn:${Partition}:execute-api:${Region}:${Account}:${ApiId}/${Stage}/${Method}/${Path}";
  std::string arn = "arn:aws:execute-api:us-east-1:123456789012:";
  for (int i = 0; i < 20000; ++i) arn += "a/";
  EXPECT_TRUE(ArnMatchesFormat(arn + "x", fmt));
  EXPECT_TRUE(ArnMatchesFormat(arn + "x:y", fmt));  // the last variable may hold ':'
  std::string colon_first = "arn:aws:execute-api:us-east-1:123456789012:a:b/";  // ${ApiId} may not
  for (int i = 0; i < 20000; ++i) colon_first += "a/";
  EXPECT_FALSE(ArnMatchesFormat(colon_first + "x", fmt));
  std::string stars = "arn:aws:execute-api:us-east-1:123456789012:";
  for (int i = 0; i < 20000; ++i) stars += "*/";
  EXPECT_TRUE(ArnMatchesFormat(stars, fmt));
}

TEST(ArnMatchesFormat, QuestionMarksAndTrailingStars) {
  const char* bucket = "arn:${Partition}:s3:::${BucketName}";
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:s3:::b?", bucket));
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:s3:::***", bucket));
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:s3:::", bucket));  // a variable takes one or more characters
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:s3::", bucket));
  EXPECT_TRUE(ArnMatchesFormat("arn:aws:s3:::*", "arn:${Partition}:s3:::literal"));
  EXPECT_FALSE(ArnMatchesFormat("arn:aws:s3:::other", "arn:${Partition}:s3:::literal"));
}

TEST(EditDistance, Basics) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("dyanmodb", "dynamodb"), 1u);  // a transposition costs 1
  EXPECT_EQ(EditDistance("S3", "s3"), 0u);               // case-insensitive
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("AmazonS3ReadOnlyAccesss3", "AmazonS3ReadOnlyAccess"), 2u);
}

}  // namespace
}  // namespace jetsam::iam
