// What the host reads of a checkout's config/ for File.read and require_relative, before the
// evaluation's child (which may open nothing) starts: bounded, inside the checkout only.
#include "eval/checkout_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace jetsam::eval {
namespace {

class Checkout : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("jetsam-checkout-" + std::to_string(getpid()) + "-" +
                                         testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "config" / "jets");
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }

  Sources Read(const std::string& deploy_rb) {
    Write("config/jets/deploy.rb", deploy_rb);
    Sources s;
    EXPECT_TRUE(Sources::FromDirectory(root_.string(), &s).ok());
    return s;
  }

  fs::path root_;
};

TEST_F(Checkout, ReadsConfigWhenAConfigFileCouldReadIt) {
  Write("config/iam/tables.yml", "a: 1\n");
  Write("Gemfile", "gem 'jets'\n");
  Sources s = Read("YAML.load_file(\"config/iam/tables.yml\")\n");
  EXPECT_EQ(s.checkout.root, fs::canonical(root_).string());
  ASSERT_TRUE(s.checkout.files.count("config/iam/tables.yml"));
  EXPECT_EQ(s.checkout.files.at("config/iam/tables.yml").text, "a: 1\n");
  EXPECT_TRUE(s.checkout.dirs.count("config/iam"));
  EXPECT_TRUE(s.checkout.dirs.count("config"));
  EXPECT_FALSE(s.checkout.files.count("Gemfile"));  // outside config/
  EXPECT_TRUE(s.checkout.unavailable.empty());
}

TEST_F(Checkout, ReadsNothingWhenNoConfigFileCould) {
  Write("config/iam/tables.yml", "a: 1\n");
  Sources s = Read("Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"]\nend\n");
  EXPECT_TRUE(s.checkout.files.empty());
  EXPECT_FALSE(s.checkout.unavailable.empty());
  EXPECT_EQ(s.checkout.root, fs::canonical(root_).string());
}

TEST_F(Checkout, SymlinksOutOfTheCheckoutAreRefused) {
  Write("config/iam/inside.yml", "ok\n");
  fs::create_symlink("/etc/passwd", root_ / "config" / "passwd");
  fs::create_symlink("iam/inside.yml", root_ / "config" / "alias.yml");
  fs::create_directory_symlink("/etc", root_ / "config" / "etc");
  Sources s = Read("File.read(\"config/passwd\")\n");
  ASSERT_TRUE(s.checkout.files.count("config/passwd"));
  EXPECT_EQ(s.checkout.files.at("config/passwd").refused, "a symlink that leads out of the checkout");
  EXPECT_TRUE(s.checkout.files.at("config/passwd").text.empty());
  ASSERT_TRUE(s.checkout.files.count("config/etc"));
  EXPECT_FALSE(s.checkout.files.at("config/etc").refused.empty());
  for (const auto& [rel, file] : s.checkout.files) EXPECT_NE(rel.rfind("config/etc/", 0), 0u) << rel;
  ASSERT_TRUE(s.checkout.files.count("config/alias.yml"));  // a symlink within config/ is followed
  EXPECT_EQ(s.checkout.files.at("config/alias.yml").text, "ok\n");
}

// config/** only: a symlink to the checkout's other files (a local .env with secrets) is refused.
TEST_F(Checkout, SymlinksOutOfConfigAreRefused) {
  Write(".env.local", "TOKEN=secret\n");
  fs::create_directories(root_ / "config");
  fs::create_symlink("../.env.local", root_ / "config" / "env.yml");
  Sources s = Read("File.read(\"config/env.yml\")\n");
  ASSERT_TRUE(s.checkout.files.count("config/env.yml"));
  EXPECT_EQ(s.checkout.files.at("config/env.yml").refused, "a symlink that leads out of config/");
  EXPECT_TRUE(s.checkout.files.at("config/env.yml").text.empty());
}

TEST_F(Checkout, LargeFilesAreKeptOutWithTheReason) {
  Write("config/big.json", std::string((1u << 20) + 1, ' '));
  Write("config/small.json", "{}");
  Sources s = Read("JSON.parse(File.read(\"config/big.json\"))\n");
  EXPECT_EQ(s.checkout.files.at("config/big.json").refused, "larger than 1 MiB");
  EXPECT_TRUE(s.checkout.files.at("config/big.json").text.empty());
  EXPECT_EQ(s.checkout.files.at("config/small.json").text, "{}");
}

TEST_F(Checkout, TheTotalIsBounded) {
  // 20 files of 1 MiB: past 16 MiB, the rest are refused (and none is held).
  for (int i = 0; i < 20; ++i) Write("config/data/f" + std::to_string(100 + i) + ".txt", std::string(1u << 20, 'x'));
  Sources s = Read("File.read(\"config/data/f100.txt\")\n");
  size_t held = 0, refused = 0;
  for (const auto& [rel, file] : s.checkout.files) {
    held += file.text.size();
    if (file.refused == "past the 16 MiB of config/ that jetsam reads") ++refused;
  }
  EXPECT_LE(held, 16u << 20);
  EXPECT_GE(refused, 4u);
}

TEST_F(Checkout, EncodesAndDecodes) {
  Write("config/iam/a.yml", "a: 1\n");
  fs::create_symlink("/etc/passwd", root_ / "config" / "passwd");
  Sources s = Read("File.read(\"config/iam/a.yml\")\n");
  CheckoutFiles back;
  ASSERT_TRUE(back.Decode(s.checkout.Encode()));
  EXPECT_EQ(back.root, s.checkout.root);
  EXPECT_EQ(back.dirs, s.checkout.dirs);
  ASSERT_EQ(back.files.size(), s.checkout.files.size());
  EXPECT_EQ(back.files.at("config/iam/a.yml").text, "a: 1\n");
  EXPECT_EQ(back.files.at("config/passwd").refused, "a symlink that leads out of the checkout");
  EXPECT_FALSE(back.Decode(s.checkout.Encode().substr(1)));
  EXPECT_FALSE(back.Decode("99999999999:x"));
}

// The evaluation's child has no open(): what it reads, the parent read before forking.
TEST_F(Checkout, AnIsolatedEvaluationReadsWhatTheHostRead) {
  Write("config/jets/project.rb", "Jets.project.configure do\n  config.name = \"demo\"\nend\n");
  Write("config/iam/policy.json", "[\"sqs\", \"sns\"]");
  Sources s = Read("Jets.deploy.configure do\n  config.lambda.iam.policy = JSON.parse(File.read(\"config/iam/policy.json\"))\nend\n");
  EvalOptions o;
  o.isolate = true;
  o.environment = std::map<std::string, std::string>{};
  EvalResult r;
  Status st = Evaluate(s, o, &r);
  ASSERT_TRUE(st.ok()) << st.ToString();
  const Setting* policy = r.settings.deploy.Find("lambda.iam.policy");
  ASSERT_NE(policy, nullptr);
  ASSERT_EQ(policy->value.items().size(), 2u);
  EXPECT_EQ(policy->value.items()[1].ToS(), "sns");
}

}  // namespace
}  // namespace jetsam::eval
