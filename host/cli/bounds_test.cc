// The parent process does bounded work on whatever a checkout, a git revision or a --facts file
// holds. The hostile inputs are generated here rather than committed; each run of jetsam gets an
// address-space and CPU backstop, so that a regression fails the test instead of the machine.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "golden_util.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kProject = "Jets.project.configure do\n  config.name = \"svc\"\nend\n";

// Starts jetsam in `cwd` with the backstops; returns its pid, its output going to out/err files.
pid_t Start(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& out, const fs::path& err) {
  pid_t pid = fork();
  if (pid == 0) {
    rlimit as{3ull << 30, 3ull << 30}, cpu{120, 120};
    setrlimit(RLIMIT_AS, &as);
    setrlimit(RLIMIT_CPU, &cpu);
    if (chdir(cwd.c_str()) != 0) _exit(127);
    int in = open("/dev/null", O_RDONLY);
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(o, 1);
    dup2(e, 2);
    std::vector<std::string> all = {JETSAM_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::string path = "PATH=/usr/local/bin:/usr/bin:/bin", home = "HOME=/nonexistent", color = "NO_COLOR=1";
    char* envp[] = {path.data(), home.data(), color.data(), nullptr};
    execve(argv[0], argv.data(), envp);
    _exit(127);
  }
  return pid;
}

class Bounds : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jetsam-bounds-" + std::to_string(getpid()) + "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "config" / "jets");
    Write("config/jets/project.rb", kProject);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }
  void Git(const std::string& args) {
    std::string cmd = "git -C '" + dir_.string() + "' -c user.name=t -c user.email=t@example.com " + args + " >/dev/null 2>&1";
    ASSERT_EQ(0, std::system(cmd.c_str())) << cmd;
  }
  jetsam_test::Run Jetsam(const std::vector<std::string>& args) {
    fs::path out = dir_.string() + ".out", err = dir_.string() + ".err";
    pid_t pid = Start(args, dir_, out, err);
    int status = 0;
    waitpid(pid, &status, 0);
    jetsam_test::Run run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.out = jetsam_test::ReadFile(out);
    run.err = jetsam_test::ReadFile(err);
    fs::remove(out);
    fs::remove(err);
    return run;
  }
  fs::path dir_;
};

testing::AssertionResult FailsWith(const jetsam_test::Run& run, int code, const std::string& text) {
  if (run.code == code && run.err.find(text) != std::string::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "exit " << run.code << " (expected " << code << "), stderr lacks \"" << text
                                     << "\" or not:\n" << run.err.substr(0, 2000);
}

TEST_F(Bounds, DeeplyNestedInfoYmlIsRefused) {
  Write("config/jets/info.yml", std::string(100000, '[') + std::string(100000, ']') + "\n");
  jetsam_test::Run run = Jetsam({"compile", "--role", "ci"});
  EXPECT_TRUE(FailsWith(run, 1, "config/jets/info.yml:1: cannot read YAML: nested deeper than 64 levels"));
}

TEST_F(Bounds, DeeplyNestedFactsAreRefused) {
  Write("facts.json", std::string(400000, '[') + std::string(400000, ']'));
  EXPECT_TRUE(FailsWith(Jetsam({"compile", "--role", "ci", "--facts", "facts.json"}), 1,
                    "facts.json:1: facts file: nested deeper than 64 levels"));
  Write("facts.json", std::string(1000000, '[') + std::string(1000000, ']'));
  EXPECT_TRUE(FailsWith(Jetsam({"compile", "--role", "ci", "--facts", "facts.json"}), 1,
                    "facts.json: facts file: larger than 1 MiB"));
}

TEST_F(Bounds, ABigListIsDeduplicatedInOrder) {
  // 100,000 distinct actions, each listed twice: compared pairwise, minutes of the parent's CPU.
  Write("config/jets/deploy.rb",
        "Jets.deploy.configure do\n"
        "  actions = (1..100_000).map { |i| \"s3:GetObject#{i}\" }\n"
        "  config.lambda.iam.policy = actions + actions.reverse\n"
        "end\n");
  jetsam_test::Run run = Jetsam({"compile", "--role", "lambda"});
  ASSERT_EQ(run.code, 0) << run.err;
  nlohmann::json cfn = nlohmann::json::parse(run.out);
  nlohmann::json actions;
  for (const auto& p : cfn["IamRole"]["Properties"]["Policies"]) {
    if (p["PolicyName"] == "CustomPolicy") actions = p["PolicyDocument"]["Statement"][0]["Action"];
  }
  ASSERT_EQ(actions.size(), 100000u);
  EXPECT_EQ(actions[0], "s3:GetObject1");
  EXPECT_EQ(actions[99999], "s3:GetObject100000");
}

TEST_F(Bounds, LintOnManyUnknownActionsIsLinear) {
  // A did-you-mean compares a name with every action of its service: for each of 100,000 unknown
  // actions, over a minute of the parent's CPU, past the 120 s backstop with a little load.
  Write("config/jets/deploy.rb",
        "Jets.deploy.configure do\n"
        "  config.lambda.iam.policy = (1..100_000).map { |i| \"s3:GetObjectz#{i}\" }\n"
        "end\n");
  jetsam_test::Run run = Jetsam({"lint", "--format", "json", "--region", "us-east-1", "--account", "111122223333",
                                 "--s3-bucket", "b"});
  ASSERT_EQ(run.code, 1) << run.err.substr(0, 2000);
  const nlohmann::json findings = nlohmann::json::parse(run.out);
  size_t unknown = 0, with_guess = 0;
  for (const auto& f : findings["findings"]) {
    if (f["rule"] != "unknown-action" || f["setting"] != "lambda.iam.policy") continue;  // not Jets' s3:HeadBucket
    ++unknown;
    with_guess += f["hint"].get<std::string>().starts_with("did you mean");
  }
  EXPECT_EQ(unknown, 100000u) << "every unknown action is still reported";
  EXPECT_GT(with_guess, 0u);
  EXPECT_LE(with_guess, 200u) << "did-you-mean searches are budgeted";
}

TEST_F(Bounds, ASettingsTreeTooLargeToDecodeIsRefused) {
  // 2,000 bytes in the Ruby heap, hundreds of megabytes once each reference is sent as a copy.
  Write("config/jets/deploy.rb",
        "Jets.deploy.configure do\n"
        "  config.lambda.iam.policy = [\"s3:\" + \"x\" * 2000] * 100_000\n"
        "end\n");
  EXPECT_TRUE(FailsWith(Jetsam({"compile", "--role", "lambda"}), 1, "too large to hand back"));
}

TEST_F(Bounds, TheNumberAndSizeOfConfigFilesAreBounded) {
  for (int i = 0; i < 1001; ++i) Write("config/jets/f" + std::to_string(i) + ".rb", "x = 1\n");
  EXPECT_TRUE(FailsWith(Jetsam({"compile", "--role", "ci"}), 1, "config/jets/ holds more than 1000 config files"));
  fs::remove_all(dir_ / "config" / "jets");
  Write("config/jets/project.rb", kProject);
  const std::string comment = "#" + std::string((3u << 20) + (1u << 19), 'x') + "\n";  // 3.5 MiB each
  for (int i = 0; i < 5; ++i) Write("config/jets/f" + std::to_string(i) + ".rb", comment);
  EXPECT_TRUE(FailsWith(Jetsam({"compile", "--role", "ci"}), 1, "the config files are larger than 16 MiB together"));
}

TEST_F(Bounds, AGitRevisionIsReadWithinTheSameBounds) {
  Write("config/jets/deploy.rb", "Jets.deploy.configure do\nend\n#" + std::string(5u << 20, 'x') + "\n");
  Git("init -q");
  Git("add -A");
  Git("commit -q -m big");
  Write("config/jets/deploy.rb", "Jets.deploy.configure do\nend\n");
  EXPECT_TRUE(FailsWith(Jetsam({"diff", "--rev", "HEAD"}), 2, "config/jets/deploy.rb: larger than 4 MiB: too large for a config file"));
}

TEST_F(Bounds, ARevisionThatIsAnOptionIsRefused) {
  Git("init -q");
  Git("add -A");
  Git("commit -q -m one");
  EXPECT_TRUE(FailsWith(Jetsam({"diff", "--rev=--output=x"}), 2, "--rev --output=x: not a git revision"));
  EXPECT_FALSE(fs::exists(dir_ / "x"));
  EXPECT_EQ(Jetsam({"diff", "--rev", "HEAD"}).code, 0);
}

// The pid of `parent`'s only child, or 0 while it has none.
pid_t ChildOf(pid_t parent) {
  std::ifstream in("/proc/" + std::to_string(parent) + "/task/" + std::to_string(parent) + "/children");
  pid_t child = 0;
  in >> child;
  return child;
}

bool Alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  size_t close = line.rfind(')');
  return close != std::string::npos && line.size() > close + 2 && line[close + 2] != 'Z' && line[close + 2] != 'X';
}

TEST_F(Bounds, TheSandboxedChildDiesWithJetsam) {
  Write("config/jets/deploy.rb", "x = 0\nloop { x += 1 }\n");
  fs::path out = dir_.string() + ".out", err = dir_.string() + ".err";
  pid_t jetsam = Start({"compile", "--timeout", "100"}, dir_, out, err);
  pid_t child = 0;
  for (int i = 0; i < 3000 && !child; ++i) {
    child = ChildOf(jetsam);
    if (!child) usleep(10000);
  }
  ASSERT_NE(child, 0) << "jetsam started no evaluation";
  kill(jetsam, SIGKILL);
  waitpid(jetsam, nullptr, 0);
  bool gone = false;
  for (int i = 0; i < 3000 && !gone; ++i) {  // well within the child's own limit
    gone = !Alive(child);
    if (!gone) usleep(10000);
  }
  EXPECT_TRUE(gone) << "the evaluation " << child << " outlived jetsam";
  if (!gone) kill(child, SIGKILL);
  fs::remove(out);
  fs::remove(err);
}

}  // namespace
