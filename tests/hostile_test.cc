// Every command, in every format, over the hostile fixtures (tests/fixtures/hostile-text-*): none
// ends by a signal (exit 0, 1 or 2 only), and nothing it writes, to stdout or stderr, holds a
// character a terminal or a reader could act on (only LF, and none of what TextSafe escapes).
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/utf8.h"
#include "golden_util.h"

namespace fs = std::filesystem;

namespace {

fs::path Fixtures() { return fs::path(JETSAM_SOURCE_DIR) / "tests" / "fixtures"; }

std::vector<std::string> HostileFixtures() {
  std::vector<std::string> names;
  for (const auto& f : fs::directory_iterator(Fixtures()))
    if (f.path().filename().string().starts_with("hostile-text-")) names.push_back(f.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// dev, and every env overlay the fixture has.
std::vector<std::string> Envs(const std::string& fixture) {
  std::vector<std::string> envs = {"dev"};
  const fs::path overlays = Fixtures() / fixture / "config" / "jets" / "deploy";
  if (fs::is_directory(overlays))
    for (const auto& f : fs::directory_iterator(overlays)) envs.push_back(f.path().stem().string());
  std::sort(envs.begin() + 1, envs.end());
  return envs;
}

// The first character of `text` that is neither LF nor safe, as "offset N: U+XXXX", or "".
std::string FirstUnsafe(const std::string& text) {
  for (size_t at = 0; at < text.size();) {
    const size_t start = at;
    const long c = jetsam::utf8::Next(text, &at);
    if (c != '\n' && jetsam::utf8::MustEscape(c)) return fmt::format("offset {}: {:#x}", start, c);
  }
  return "";
}

// Every command and format for dev; one of each command for an overlay.
std::vector<std::string> Commands(const std::string& env) {
  const std::string e = " --env " + env + " --region us-east-1 --account 111122223333 --s3-bucket b";
  std::vector<std::string> out;
  if (env != "dev") {
    const std::string d = " --region us-east-1 --account 111122223333 --s3-bucket b";
    return {"compile --format yaml" + e, "settings" + e, "explain --role all --role deploy-user" + e,
            "can lambda s3:GetObject" + e, "lint --format sarif" + e, "diff --env dev --env " + env + d};
  }
  for (const char* f : {"cfn", "json", "yaml"}) out.push_back(std::string("compile --format ") + f + e);
  for (const char* f : {"cfn", "json", "yaml", "aws-cli"})
    out.push_back(std::string("compile --role deploy-user --format ") + f + e);
  out.push_back("settings" + e);
  for (const char* f : {"text", "json"}) {
    out.push_back(std::string("explain --role all --role deploy-user --format ") + f + e);
    out.push_back(std::string("can lambda s3:GetObject --format ") + f + e);
    out.push_back(std::string("can lambda iam:PassRole arn:aws:iam::111122223333:role/x --format ") + f + e);
  }
  for (const char* f : {"text", "json", "sarif"}) out.push_back(std::string("lint --format ") + f + e);
  const std::string d = " --region us-east-1 --account 111122223333 --s3-bucket b";
  for (const char* f : {"text", "json"})
    out.push_back(std::string("diff --role all --role deploy-user --env dev --env ") + env + " --format " + f + d);
  return out;
}

class Hostile : public testing::TestWithParam<std::string> {};

TEST_P(Hostile, EveryCommandExitsCleanlyAndWritesNothingUnsafe) {
  const fs::path dir = Fixtures() / GetParam();
  for (const auto& env : Envs(GetParam())) {
    for (const auto& args : Commands(env)) {
      const jetsam_test::Run run = jetsam_test::RunJetsam(args, dir);
      EXPECT_TRUE(run.code == 0 || run.code == 1 || run.code == 2)
          << "jetsam " << args << ": exit " << run.code << "\n" << run.err;
      EXPECT_EQ(FirstUnsafe(run.out), "") << "stdout of jetsam " << args;
      EXPECT_EQ(FirstUnsafe(run.err), "") << "stderr of jetsam " << args;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Hostile, testing::ValuesIn(HostileFixtures()), [](const auto& info) {
  std::string n = info.param;
  for (char& ch : n) if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
});

// The first line of `text` that starts (after spaces) with `marker`, or "".
std::string LineStartingWith(const std::string& text, const std::string& marker) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const size_t start = line.find_first_not_of(' ');
    if (start != std::string::npos && line.compare(start, marker.size(), marker) == 0) return line;
  }
  return "";
}

// A line break in a config string starts no line of jetsam's: hostile-text-lines puts
// "\nFORGED" in every string a config controls. (Output is checked for the aws-cli script on
// its own, below.)
TEST(Hostile, ConfigTextStartsNoLine) {
  const std::string fixture = "hostile-text-lines";
  for (const auto& env : Envs(fixture)) {
    for (const auto& args : Commands(env)) {
      if (args.find("aws-cli") != std::string::npos) continue;
      const jetsam_test::Run run = jetsam_test::RunJetsam(args, Fixtures() / fixture);
      EXPECT_EQ(LineStartingWith(run.out, "FORGED"), "") << "stdout of jetsam " << args;
      EXPECT_EQ(LineStartingWith(run.err, "FORGED"), "") << "stderr of jetsam " << args;
    }
  }
}

// The deploy user's aws-cli script is run by users: the project name in its header comment must
// not end the comment and start a command (host/emit/aws_cli.cc writes it through TextSafe).
TEST(Hostile, TheProjectNameRunsNoCommandInTheAwsCliScript) {
  const std::string args =
      "compile --role deploy-user --format aws-cli --region us-east-1 --account 111122223333 --s3-bucket b";
  const jetsam_test::Run run = jetsam_test::RunJetsam(args, Fixtures() / "hostile-text-lines");
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(LineStartingWith(run.out, "FORGED"), "") << run.out;
  // Every line before the script's first command is a comment.
  const std::string head = run.out.substr(0, run.out.find("set -euo pipefail"));
  std::istringstream lines(head);
  for (std::string line; std::getline(lines, line);)
    EXPECT_TRUE(line.empty() || line[0] == '#') << line;
}

// A result that is cheap to produce must not be costly for the parent (the unsandboxed process,
// which no --timeout bounds): hostile-parent-work's lists and patterns once took diff 53 s, can
// 109 s and lint 74 s (env patterns) and 5 s for one pair of 40,000-character patterns (env long
// has 100,000); each command now takes about a second at most. The bound is a hang's.
TEST(Hostile, TheParentsWorkIsBounded) {
  const std::string f = " --region us-east-1 --account 111122223333 --s3-bucket b";
  for (const std::string& args : {"diff --env dev --env prod" + f, "diff --env dev --env prod --format json" + f,
                                  "can ci s3:GetObject" + f, "can ci s3:GetObject --format json" + f,
                                  "can ci s3:GetObject 'arn:aws:s3:::b1*'" + f, "lint --env patterns" + f,
                                  "lint --format sarif --env patterns" + f, "lint --env long" + f,
                                  "explain --env long" + f, "can lambda s3:GetObject --env long" + f}) {
    const auto start = std::chrono::steady_clock::now();
    const jetsam_test::Run run = jetsam_test::RunJetsam(args, Fixtures() / "hostile-parent-work");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_TRUE(run.code == 0 || run.code == 1) << "jetsam " << args << ": exit " << run.code << "\n" << run.err;
    EXPECT_LT(elapsed, std::chrono::seconds(15)) << "jetsam " << args;
  }
}

// Arguments are no config, but they reach the same outputs.
TEST(Hostile, ArgumentsThatAreNotUtf8) {
  const fs::path dir = Fixtures() / "hostile-text-yaml";
  const std::string d = " --region us-east-1 --account 111122223333 --s3-bucket b";
  for (const std::string& args : std::vector<std::string>
       {"lint --env \xff" + d, "lint --format sarif --env \xff" + d, "compile --role deploy-user --prefix \xff" + d,
        "compile --role deploy-user --format yaml --prefix a\xff" + d, "explain --env \xff" + d,
        "can lambda s3:Get\xff" + d, "can lambda s3:GetObject arn:aws:s3:::\xff\x1b[8m --format json" + d,
        std::string("expand s3:Get\xff"), std::string("expand --format json s3:Get\xff"), "diff --env dev --env \xff" + d}) {
    const jetsam_test::Run run = jetsam_test::RunJetsam(args, dir);
    EXPECT_TRUE(run.code == 0 || run.code == 1 || run.code == 2) << "jetsam " << args << ": exit " << run.code;
    EXPECT_EQ(FirstUnsafe(run.out), "") << "stdout of jetsam " << args;
    EXPECT_EQ(FirstUnsafe(run.err), "") << "stderr of jetsam " << args;
  }
}

// What mruby writes to fd 2 in the sandboxed child ("FILE:LINE: too complex expression", with a
// file name the config chose, hundreds of times) never reaches jetsam's stderr.
TEST(Hostile, TheChildsOwnStderrIsNotPassedOn) {
  const jetsam_test::Run run =
      jetsam_test::RunJetsam("lint --region us-east-1 --account 111122223333 --s3-bucket b",
                             Fixtures() / "hostile-text-flood");
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.err.find("too complex expression"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("0 errors, 0 warnings"), std::string::npos) << run.err;
  EXPECT_LT(run.err.size(), 2000u) << run.err;
}

}  // namespace

namespace {

// A config file whose own name (a real file in the checkout: jetsam loads every
// config/jets/*.rb) carries line breaks and an escape sequence: it names the origin of a grant,
// so lint, explain and SARIF print it, and must not let it write lines of its own.
TEST(Hostile, AConfigFileNamedToForgeLines) {
  const fs::path dir = fs::temp_directory_path() / ("jetsam-hostile-name-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "config" / "jets");
  std::ofstream(dir / "config" / "jets" / "project.rb") << "Jets.project.configure do\n  config.name = \"demo\"\nend\n";
  const std::string name = "x\n0 errors, 0 warnings, 0 infos\n\x1b[8m.rb";
  std::ofstream(dir / "config" / "jets" / name) << "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"iam:*\"]\nend\n";
  for (const char* args : {"lint --strict --region us-east-1 --account 111122223333 --s3-bucket b",
                           "lint --format sarif --region us-east-1 --account 111122223333 --s3-bucket b",
                           "explain --region us-east-1 --account 111122223333 --s3-bucket b",
                           "settings --changed --region us-east-1 --account 111122223333 --s3-bucket b"}) {
    const jetsam_test::Run run = jetsam_test::RunJetsam(args, dir);
    EXPECT_TRUE(run.code == 0 || run.code == 1 || run.code == 2) << args << ": exit " << run.code;
    EXPECT_EQ(FirstUnsafe(run.out), "") << "stdout of jetsam " << args;
    EXPECT_EQ(FirstUnsafe(run.err), "") << "stderr of jetsam " << args;
    EXPECT_EQ(run.out.find("\n0 errors, 0 warnings, 0 infos\n"), std::string::npos) << args << ":\n" << run.out;
    if (std::string(args).starts_with("lint --strict")) {
      EXPECT_EQ(run.code, 1) << run.out;  // iam:* is still found, at the file's escaped name
      EXPECT_NE(run.out.find("\"config/jets/x\\n0 errors, 0 warnings, 0 infos\\n\\e[8m.rb\":2"), std::string::npos)
          << run.out;
    }
  }
  fs::remove_all(dir);
}

// A config file's name may hold ": " and a line number: printed as it is before a finding's own
// ":LINE: warning:", it makes the line read as another file's line, of another severity
// ("config/jets/deploy.rb:1: info: fine x.rb:2: warning: ... iam:*"). Location::str quotes such
// a name: "config/jets/deploy.rb:1: info: fine x.rb":2: warning: ...
TEST(Hostile, AConfigFileNamedLikeAnotherFilesLine) {
  const fs::path dir = fs::temp_directory_path() / ("jetsam-hostile-colon-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "config" / "jets");
  std::ofstream(dir / "config" / "jets" / "project.rb") << "Jets.project.configure do\n  config.name = \"demo\"\nend\n";
  std::ofstream(dir / "config" / "jets" / "deploy.rb") << "Jets.deploy.configure do\nend\n";
  std::ofstream(dir / "config" / "jets" / "deploy.rb:1: info: fine x.rb")
      << "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"iam:*\"]\nend\n";
  for (const char* args : {"lint --region us-east-1 --account 111122223333 --s3-bucket b",
                           "explain --region us-east-1 --account 111122223333 --s3-bucket b"}) {
    const jetsam_test::Run run = jetsam_test::RunJetsam(args, dir);
    EXPECT_EQ(LineStartingWith(run.out, "config/jets/deploy.rb:1: info:"), "") << args;
    EXPECT_EQ(run.out.find("deploy.rb:1: info: fine x.rb:2"), std::string::npos) << args << ":\n" << run.out;
  }
  fs::remove_all(dir);
}

}  // namespace
