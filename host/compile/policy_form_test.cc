// The policy form validator, and every deploy user document jetsam writes passes it.
#include <gtest/gtest.h>

#include <filesystem>

#include "golden_util.h"
#include "jetsam/policy.h"

namespace jetsam {
namespace {

namespace fs = std::filesystem;

TEST(PolicyForm, SoundDocumentHasNoProblems) {
  Json doc = Json::parse(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "A1", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"},
      {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:s3:::x"]}]})");
  EXPECT_TRUE(PolicyFormProblems(doc).empty());
}

TEST(PolicyForm, NamesEachMissingPart) {
  Json doc = Json::parse(R"({"Statement": [{"Action": ["s3:GetObject"]}, {"Effect": "Allow", "Resource": "*"}]})");
  std::vector<std::string> problems = PolicyFormProblems(doc);
  std::vector<std::string> expected = {"no Version", "Statement 1: no Effect", "Statement 1: no Resource or NotResource",
                                       "Statement 2: no Action or NotAction"};
  EXPECT_EQ(expected, problems);
}

TEST(PolicyForm, DuplicateActionInOneStatement) {
  Json doc = Json::parse(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["lambda:GetFunctionConfiguration", "lambda:getfunctionconfiguration"], "Resource": "*"},
      {"Effect": "Allow", "Action": ["lambda:GetFunctionConfiguration"], "Resource": "*"}]})");
  std::vector<std::string> problems = PolicyFormProblems(doc);
  ASSERT_EQ(1u, problems.size());
  EXPECT_EQ("Statement 1: Action lists lambda:getfunctionconfiguration twice", problems[0]);
}

TEST(PolicyForm, BothActionAndNotActionBadSidEmptyList) {
  Json doc = Json::parse(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "a-b", "Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": []}]})");
  std::vector<std::string> expected = {"Statement 1: Sid must be letters and digits", "Statement 1: both Action and NotAction",
                                       "Statement 1: Resource must be a string or a non-empty list of strings"};
  EXPECT_EQ(expected, PolicyFormProblems(doc));
}

// Every scope's document, on samples/demo and on the deploy-user fixtures, in every env they have.
TEST(PolicyForm, EveryDeployUserDocumentIsSound) {
  const fs::path root(JETSAM_SOURCE_DIR);
  const std::vector<fs::path> projects = {root / "samples" / "demo", root / "tests" / "fixtures" / "deploy-user-default",
                                          root / "tests" / "fixtures" / "deploy-user-features"};
  for (const auto& dir : projects) {
    for (const char* env : {"dev", "prod"}) {
      for (const char* scope : {"baseline", "least", "local", "tailored"}) {
        SCOPED_TRACE(dir.string() + " " + env + " " + scope);
        jetsam_test::Run run = jetsam_test::RunJetsam(
            std::string("compile --role deploy-user --format json --region us-east-1 --account 123456789012 --env ") +
                env + " --deploy-scope " + scope,
            dir);
        ASSERT_EQ(0, run.code) << run.err;
        Json doc = Json::parse(run.out);
        EXPECT_EQ(std::vector<std::string>{}, PolicyFormProblems(doc));
      }
    }
  }
}

}  // namespace
}  // namespace jetsam
