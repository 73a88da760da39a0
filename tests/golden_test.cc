// Golden tests: every tests/fixtures/NAME/cases/CASE.args runs the real jetsam binary in the
// fixture's directory and compares stdout with CASE.out, the exit code with CASE.code (default 0)
// and, when CASE.err exists, requires each of its lines to appear in stderr.
// CASE.env adds KEY=VALUE lines to the otherwise clean environment; CASE.stdin, when it exists,
// is the standard input (otherwise /dev/null).
// tests/update_golden.sh rewrites .out/.code from the current binary: review the diff.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "golden_util.h"

namespace fs = std::filesystem;

namespace {

struct Case {
  std::string name;  // fixture/case
  fs::path dir, args;
};

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  fs::path root = fs::path(JETSAM_SOURCE_DIR) / "tests" / "fixtures";
  for (const auto& fixture : fs::directory_iterator(root)) {
    fs::path dir = fixture.path() / "cases";
    if (!fs::is_directory(dir)) continue;
    for (const auto& c : fs::directory_iterator(dir)) {
      if (c.path().extension() != ".args") continue;
      cases.push_back({fixture.path().filename().string() + "/" + c.path().stem().string(), fixture.path(), c.path()});
    }
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

// Test names and failure messages show "fixture/case", not the parameter's bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class Golden : public testing::TestWithParam<Case> {};

TEST_P(Golden, MatchesExpected) {
  const Case& c = GetParam();
  std::string args = jetsam_test::ReadFile(c.args);
  while (!args.empty() && (args.back() == '\n' || args.back() == ' ')) args.pop_back();
  fs::path base = c.args;
  base.replace_extension("");
  std::vector<std::string> env;  // CASE.env: KEY=VALUE lines added to the clean environment
  if (fs::exists(base.string() + ".env")) {
    std::istringstream lines(jetsam_test::ReadFile(base.string() + ".env"));
    for (std::string line; std::getline(lines, line);) if (!line.empty()) env.push_back(line);
  }
  const fs::path in = base.string() + ".stdin";
  jetsam_test::Run run = jetsam_test::RunJetsam(args, c.dir, env, fs::exists(in) ? in : fs::path());
  std::string expected_code = fs::exists(base.string() + ".code") ? jetsam_test::ReadFile(base.string() + ".code") : "0";
  EXPECT_EQ(std::stoi(expected_code), run.code) << "stderr:\n" << run.err;
  if (fs::exists(base.string() + ".out")) {
    EXPECT_EQ(jetsam_test::ReadFile(base.string() + ".out"), run.out) << "stderr:\n" << run.err;
  }
  if (fs::exists(base.string() + ".err")) {
    std::istringstream lines(jetsam_test::ReadFile(base.string() + ".err"));
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty()) {
        EXPECT_NE(run.err.find(line), std::string::npos) << "stderr lacks: " << line << "\nstderr:\n" << run.err;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Golden, testing::ValuesIn(AllCases()), [](const auto& info) {
  std::string n = info.param.name;
  for (char& ch : n) if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
});

}  // namespace
