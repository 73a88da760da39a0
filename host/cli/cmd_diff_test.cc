// jetsam diff --rev: the working tree against a git revision, read from git without a checkout.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "golden_util.h"

namespace {

namespace fs = std::filesystem;

class DiffRev : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jetsam-diff-rev-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "config" / "jets");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) { std::ofstream(dir_ / rel) << text; }
  void Git(const std::string& args) {
    std::string cmd = "git -C '" + dir_.string() + "' -c user.name=t -c user.email=t@example.com " + args + " >/dev/null 2>&1";
    ASSERT_EQ(0, std::system(cmd.c_str())) << cmd;
  }
  fs::path dir_;
};

constexpr const char* kSvcProject = "Jets.project.configure do\n  config.name = \"svc\"\nend\n";
constexpr const char* kFacts = " --region us-east-1 --account 123456789012 --s3-bucket svc-bucket";

TEST_F(DiffRev, WorkingTreeAgainstHead) {
  Write("config/jets/project.rb", kSvcProject);
  Write("config/jets/deploy.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3:GetObject\"]\nend\n");
  Git("init -q");
  Git("add -A");
  Git("commit -q -m one");

  jetsam_test::Run same = jetsam_test::RunJetsam(std::string("diff --rev HEAD") + kFacts, dir_);
  EXPECT_EQ(0, same.code) << same.err;
  EXPECT_NE(std::string::npos, same.out.find("no difference")) << same.out;

  Write("config/jets/deploy.rb",
        "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3:GetObject\", \"s3:PutObject\"]\nend\n");
  jetsam_test::Run changed = jetsam_test::RunJetsam(std::string("diff --rev HEAD") + kFacts, dir_);
  EXPECT_EQ(1, changed.code) << changed.err;
  EXPECT_NE(std::string::npos, changed.out.find("--- a: HEAD")) << changed.out;
  EXPECT_NE(std::string::npos, changed.out.find("+++ b: working tree")) << changed.out;
  EXPECT_NE(std::string::npos, changed.out.find("+ action   s3:PutObject  config/jets/deploy.rb:2")) << changed.out;

  jetsam_test::Run unknown = jetsam_test::RunJetsam(std::string("diff --rev no-such-rev") + kFacts, dir_);
  EXPECT_EQ(2, unknown.code);
  EXPECT_NE(std::string::npos, unknown.err.find("no-such-rev: unknown git revision")) << unknown.err;
}

TEST_F(DiffRev, PlainDirectoryIsAClearError) {
  Write("config/jets/project.rb", kSvcProject);
  jetsam_test::Run run = jetsam_test::RunJetsam(std::string("diff --rev HEAD") + kFacts, dir_);
  EXPECT_EQ(2, run.code);
  EXPECT_NE(std::string::npos, run.err.find("is not inside a git repository")) << run.err;
  EXPECT_TRUE(run.out.empty());
}

}  // namespace
