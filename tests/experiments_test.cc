// The experiments in samples/experiments/ run as the README shows them: each NAME.rb with the
// command line in NAME.args (run from the repository's root), its stdout compared with NAME.out
// and its exit status with NAME.code (0 when absent). tests/update_experiments.sh rewrites the
// .out and .code files from the current build: review the diff.
#include <gtest/gtest.h>

#include <filesystem>

#include "golden_util.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> Experiments() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(JETSAM_SOURCE_DIR) / "samples" / "experiments")) {
    if (e.path().extension() == ".rb") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Experiment : public testing::TestWithParam<std::string> {};

TEST_P(Experiment, PrintsWhatItsOutFileHolds) {
  const fs::path base = fs::path(JETSAM_SOURCE_DIR) / "samples" / "experiments" / GetParam();
  ASSERT_TRUE(fs::exists(base.string() + ".args")) << "every experiment has its command line in NAME.args";
  ASSERT_TRUE(fs::exists(base.string() + ".out")) << "every experiment has its expected output in NAME.out";
  std::string args = jetsam_test::ReadFile(base.string() + ".args");
  while (!args.empty() && (args.back() == '\n' || args.back() == ' ')) args.pop_back();
  jetsam_test::Run run = jetsam_test::RunJetsam(args, JETSAM_SOURCE_DIR);
  const std::string code = fs::exists(base.string() + ".code") ? jetsam_test::ReadFile(base.string() + ".code") : "0";
  EXPECT_EQ(std::stoi(code), run.code) << "stderr:\n" << run.err;
  EXPECT_EQ(jetsam_test::ReadFile(base.string() + ".out"), run.out) << "stderr:\n" << run.err;
}

INSTANTIATE_TEST_SUITE_P(Samples, Experiment, testing::ValuesIn(Experiments()));

TEST(Experiments, AtLeastTheFourOfTheIssue) {
  auto names = Experiments();
  for (const char* n : {"default_policy_needs", "prod_adds", "fleet", "smallest_default_policy"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  }
}

}  // namespace
