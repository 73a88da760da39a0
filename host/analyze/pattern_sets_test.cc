// The set questions behind an exact `can`: each expectation follows from IAM's wildcard rules.
#include <gtest/gtest.h>

#include "analyze/pattern_sets.h"

namespace jetsam::analyze {
namespace {

// all_of, one_of, none_of
struct Q {
  std::vector<std::string> all;
  std::vector<std::vector<std::string>> one;
  std::vector<std::string> none;
};

Exists FindQuery(const PatternQuery& q, std::string* witness = nullptr) {
  std::string w;
  return FindArn(q, witness ? witness : &w);
}
Exists Find(const Q& q, std::string* witness = nullptr) {
  PatternQuery pq;
  pq.all_of = q.all;
  pq.one_of = q.one;
  pq.none_of = q.none;
  return FindQuery(pq, witness);
}

TEST(PatternSets, OnePatternInsideAnother) {
  EXPECT_EQ(Find({{"arn:aws:s3:::b/*"}, {}, {"arn:aws:s3:::*"}}), Exists::kNo);
  std::string w;
  EXPECT_EQ(Find({{"arn:aws:s3:::*"}, {}, {"arn:aws:s3:::b/*"}}, &w), Exists::kYes);
  EXPECT_EQ(w.rfind("arn:aws:s3:::", 0), 0u);
  EXPECT_EQ(w.find("b/"), std::string::npos);
}

TEST(PatternSets, SeveralPatternsCoverTogether) {
  // Neither covers "b*" alone: "b" misses "bx", "b?*" misses "b".
  EXPECT_EQ(Find({{"arn:aws:s3:::b*"}, {}, {"arn:aws:s3:::b?*"}}), Exists::kYes);
  EXPECT_EQ(Find({{"arn:aws:s3:::b*"}, {}, {"arn:aws:s3:::b"}}), Exists::kYes);
  EXPECT_EQ(Find({{"arn:aws:s3:::b*"}, {}, {"arn:aws:s3:::b", "arn:aws:s3:::b?*"}}), Exists::kNo);
}

TEST(PatternSets, GroupsNeedOneOfTheirPatterns) {
  // An ARN of */* that a NotResource "arn:aws:s3:::keep/*" leaves to a Deny, and that an Allow
  // on "arn:aws:s3:::keep/*" or "arn:aws:s3:::other/*" reaches: other/... escapes no Deny.
  EXPECT_EQ(Find({{"arn:aws:s3:::*/*"}, {{"arn:aws:s3:::keep/*"}, {"arn:aws:s3:::other/*"}}, {}}), Exists::kNo);
  EXPECT_EQ(Find({{"arn:aws:s3:::*/*"}, {{"arn:aws:s3:::keep/*"}, {"arn:aws:s3:::*"}}, {}}), Exists::kYes);
  PatternQuery empty_group;
  empty_group.all_of = {"a"};
  empty_group.one_of.emplace_back();
  EXPECT_EQ(FindQuery(empty_group), Exists::kNo);  // an empty group matches nothing
}

TEST(PatternSets, QuestionMarksTakeOneCharacter) {
  EXPECT_EQ(Find({{"ab?"}, {}, {"ab"}}), Exists::kYes);
  EXPECT_EQ(Find({{"ab?"}, {}, {"ab*"}}), Exists::kNo);
  EXPECT_EQ(Find({{"a?c", "?b?"}, {}, {"abc"}}), Exists::kNo);
  EXPECT_EQ(Find({{"a?c", "?b?"}, {}, {}}), Exists::kYes);
}

// IAM compares an ARN field by field: a '*' of the region or account holds no ':'.
TEST(PatternSets, WildcardsOfTheFirstFieldsStayInTheirField) {
  const Q q{{"arn:aws:dynamodb:*:*:table/*"},
                       {{"arn:aws:dynamodb:*:*:table/scratch-*"}, {"arn:aws:dynamodb:*:*:table/keep-*"}},
                       {}};
  EXPECT_EQ(Find(q), Exists::kNo);  // "arn:aws:dynamodb:a:b:table/keep-:c:table/scratch-" is no ARN
  // In the resource part a '*' may hold ':' (S3 keys do).
  EXPECT_EQ(Find({{"arn:aws:s3:::b/*"}, {{"arn:aws:s3:::b/x:*"}}, {}}), Exists::kYes);
}

// A resource of a type fills each variable with one or more characters it may hold.
TEST(PatternSets, ResourcesOfAType) {
  PatternQuery q;
  q.all_of = {"arn:aws:s3:::*/*"};
  q.of_type = {{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", {1, 0, 3}}};
  std::string w;
  EXPECT_EQ(FindQuery(q, &w), Exists::kYes);
  EXPECT_EQ(w, "arn:aws:s3:::a/a");  // not "arn:aws:s3:::/", which names no object
  q.none_of = {"arn:aws:s3:::*/?*"};  // every object has a key of one character or more
  EXPECT_EQ(FindQuery(q), Exists::kNo);
}

TEST(PatternSets, TooManyStatesIsUndecided) {
  // Many '*'s against many '?' runs: the product grows past a small budget.
  PatternQuery q;
  q.all_of = {"*a*a*a*a*a*a*"};
  q.none_of = {"*b?????????b*", "*c????????c*", "*d???????d*"};
  std::string w;
  EXPECT_EQ(FindArn(q, &w, 50), Exists::kUndecided);
  EXPECT_EQ(FindArn(q, &w), Exists::kYes);
}

}  // namespace
}  // namespace jetsam::analyze
