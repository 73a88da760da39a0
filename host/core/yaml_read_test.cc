#include "core/yaml_read.h"

#include <gtest/gtest.h>

namespace jetsam {
namespace {

TEST(ReadYaml, ScalarsStayStringsAndStructureIsKept) {
  nlohmann::json j;
  ASSERT_TRUE(ReadYaml("account: 012345678901\nids: [a, 'b']\nvpc:\n  main: vpc-1\nempty:\nnone: ~\n", "f.yml", &j).ok());
  EXPECT_EQ(j.dump(), R"({"account":"012345678901","empty":null,"ids":["a","b"],"none":null,"vpc":{"main":"vpc-1"}})");
}

TEST(ReadYaml, JsonIsYamlToo) {
  nlohmann::json j;
  ASSERT_TRUE(ReadYaml(R"({"region": "us-west-2", "n": 3})", "f.json", &j).ok());
  EXPECT_EQ(j["region"], "us-west-2");
  EXPECT_EQ(j["n"], "3");
}

TEST(ReadYaml, AnEmptyDocumentIsNull) {
  nlohmann::json j = 1;
  ASSERT_TRUE(ReadYaml("", "f.yml", &j).ok());
  EXPECT_TRUE(j.is_null());
}

TEST(ReadYaml, ErrorsNameTheFileAndLine) {
  nlohmann::json j;
  Status s = ReadYaml("region: us-east-1\naccount: [123\n", "facts.yml", &j);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where().file, "facts.yml");
  EXPECT_EQ(s.where().line, 3);
  EXPECT_FALSE(s.message().empty());
}

// Nine aliases of nine aliases ... of nine strings: 342 bytes that expand to 387 million.
std::string AliasBomb(int levels) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) text += (k ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  return text;
}

TEST(ReadYaml, AliasesAreExpandedWithinTheNodeBound) {
  nlohmann::json j;
  ASSERT_TRUE(ReadYaml("base: &b {region: us-west-2}\nprod: *b\nids: &i [a, b]\nall: [*i, *i]\n", "f.yml", &j).ok());
  EXPECT_EQ(j.dump(), R"({"all":[["a","b"],["a","b"]],"base":{"region":"us-west-2"},"ids":["a","b"],"prod":{"region":"us-west-2"}})");
  Status s = ReadYaml(AliasBomb(9), "info.yml", &j);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_NE(s.message().find("more than 100000 values"), std::string::npos) << s.message();
  EXPECT_EQ(s.where().file, "info.yml");
  EXPECT_GT(s.where().line, 1);
}

TEST(ReadYaml, TheNumberOfAliasesIsBounded) {
  std::string text = "a: &a x\nb: [";
  for (int i = 0; i < 2000; ++i) text += i ? ", *a" : "*a";
  text += "]\n";
  nlohmann::json j;
  Status s = ReadYaml(text, "f.yml", &j);
  EXPECT_NE(s.message().find("more than 1000 aliases"), std::string::npos) << s.ToString();
  YamlLimits more;
  more.max_aliases = 5000;
  ASSERT_TRUE(ReadYaml(text, "f.yml", &j, more).ok());
  EXPECT_EQ(j["b"].size(), 2000u);
}

TEST(ReadYaml, AnAliasInsideItsOwnAnchorIsAnError) {
  nlohmann::json j;
  Status s = ReadYaml("a: &a [1, *a]\n", "f.yml", &j);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_NE(s.message().find("*a"), std::string::npos) << s.message();
  EXPECT_FALSE(ReadYaml("a: *nope\n", "f.yml", &j).ok());
  EXPECT_FALSE(ReadYaml("a: &x 1\nb: &x 2\n", "f.yml", &j).ok()) << "a duplicate anchor, as libyaml's loader says";
}

TEST(ReadYaml, NestingIsBoundedAndTheParseStopsThere) {
  nlohmann::json j;
  std::string ok = std::string(64, '[') + "x" + std::string(64, ']');
  ASSERT_TRUE(ReadYaml(ok, "f.yml", &j).ok());
  // A million levels: libyaml's scanner does work in proportion to the depth for each token,
  // so this would take hours if the parse did not stop at the bound.
  std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  Status s = ReadYaml(deep, "f.yml", &j, YamlLimits{.max_bytes = 4u << 20});
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_NE(s.message().find("nested deeper than 64 levels"), std::string::npos) << s.message();
  std::string deep_json;
  for (int i = 0; i < 100000; ++i) deep_json += "{\"k\": ";
  s = ReadYaml(deep_json, "f.json", &j);
  EXPECT_NE(s.message().find("nested deeper"), std::string::npos) << s.ToString();
  // An alias counts at its expanded depth.
  std::string anchored = "a: &a " + std::string(60, '[') + std::string(60, ']') + "\nb: [[[[[[*a]]]]]]\n";
  s = ReadYaml(anchored, "f.yml", &j);
  EXPECT_NE(s.message().find("nested deeper"), std::string::npos) << s.ToString();
}

TEST(ReadYaml, TheTextIsBounded) {
  nlohmann::json j;
  Status s = ReadYaml(std::string((4u << 20) + 1, ' '), "f.yml", &j);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_NE(s.message().find("larger than 4 MiB"), std::string::npos) << s.message();
}

TEST(ReadYaml, OnlyTheFirstDocumentCounts) {
  nlohmann::json j;
  ASSERT_TRUE(ReadYaml("a: 1\n---\nb: 2\n", "f.yml", &j).ok());
  EXPECT_EQ(j.dump(), R"({"a":"1"})");
  ASSERT_TRUE(ReadYaml("? [k]\n: v\n", "f.yml", &j).ok());
  EXPECT_EQ(j.dump(), R"({"[\"k\"]":"v"})") << "a key that is no scalar is its JSON text";
}

}  // namespace
}  // namespace jetsam
