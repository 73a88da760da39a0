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

}  // namespace
}  // namespace jetsam
