// Which pages of the embedded VM (vm/image.h) an evaluation writes, learned when the image is
// written. Why: the first evaluation of a process maps the image's pages ahead (a fault for each
// page costs more, where faults are dear). Copying every page ahead, though, copies the pages an
// evaluation only reads (two thirds of them): mapping those as the file's, shared, and copying
// only the written ones, takes a cold `jetsam compile` a fifth less time on a machine where
// faults are cheap. Which pages are written barely depends on the project: most are the VM's
// own (its state, the symbol table, the blocks the allocator hands out first), so a sample
// project shows them.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "eval/runtime.h"
#include "jetsam/evaluate.h"
#include "vm/image.h"
#include "vm/warm_start.h"

extern char** environ;

namespace jetsam {
namespace {

// The common shape of a config: settings of each object set, lists replaced and appended to,
// statements as Hashes, Jets.aws and the project's namespace read, a job queue named.
Sources SampleProject() {
  Sources s;
  s.files["config/jets/project.rb"] =
      "Jets.project.configure do\n"
      "  config.name = \"sample\"\n"
      "  config.dotenv.ssm.envs.unique = %w[dev prod]\n"
      "end\n";
  s.files["config/jets/bootstrap.rb"] =
      "Jets.bootstrap.configure do\n"
      "  config.codebuild.iam.policy = [\"s3\", {Action: [\"sqs:SendMessage\"], Effect: \"Allow\",\n"
      "    Resource: \"arn:aws:sqs:#{Jets.aws.region}:#{Jets.aws.account}:queue\"}]\n"
      "  config.codebuild.iam.managed_policy = [\"AmazonS3ReadOnlyAccess\"]\n"
      "  config.codebuild.project.compute_type = {ComputeType: \"BUILD_GENERAL1_LARGE\"}\n"
      "end\n";
  s.files["config/jets/deploy.rb"] =
      "NAMES = %w[a b c]\n"
      "Jets.deploy.configure do\n"
      "  config.lambda.function.timeout = 45\n"
      "  config.lambda.iam.policy = NAMES.map do |name|\n"
      "    {Action: [\"dynamodb:GetItem\"], Effect: \"Allow\",\n"
      "     Resource: \"arn:aws:dynamodb:#{Jets.aws.region}:#{Jets.aws.account}:table/#{Jets.project.namespace}-#{name}\"}\n"
      "  end\n"
      "  config.lambda.iam.policy << \"sns\"\n"
      "  config.lambda.iam.managed_policy = [\"AWSXRayDaemonWriteAccess\"]\n"
      "  config.job.enable = true\n"
      "  config.job.queues.priority.lambda.timeout = 60\n"
      "  config.ci.enable = true if config.ci.respond_to?(:enable)\n"
      "end\n";
  return s;
}

// The bitmap `path --learn-vm-writes` prints, as bytes; empty when it printed none.
std::vector<uint8_t> RunLearner(const std::string& path) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  std::string flag = kLearnVmWrites;
  char* argv[] = {const_cast<char*>(path.c_str()), flag.data(), nullptr};
  pid_t pid;
  const bool spawned = posix_spawn(&pid, path.c_str(), &actions, nullptr, argv, environ) == 0;
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  std::string hex;
  char buffer[512];
  for (ssize_t n; spawned && hex.size() < 4096 && (n = read(out[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    hex.append(buffer, static_cast<size_t>(n));
  }
  close(out[0]);
  int status = 0;
  if (spawned) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (!spawned || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  if (hex.size() != 2 * (vm::kImageMaxPages / 8)) return {};
  auto nibble = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = nibble(hex[i]), low = nibble(hex[i + 1]);
    if (high < 0 || low < 0) return {};  // not what --learn-vm-writes prints: learn nothing
    bytes.push_back(static_cast<uint8_t>(high << 4 | low));
  }
  return bytes;
}

}  // namespace

std::string LearnImageWrites() {
  vm::SkipFirstPopulate();
  EvalOptions options;
  options.isolate = false;
  options.environment = std::map<std::string, std::string>{};
  options.facts.region = "us-east-1";
  options.facts.account = "123456789012";
  options.facts.s3_bucket = "sample-bucket";
  EvalResult result;
  if (!Evaluate(SampleProject(), options, &result).ok()) return {};
  std::string hex;
  for (uint8_t b : vm::WrittenImagePages()) hex += fmt::format("{:02x}", b);
  return hex;
}

Status WriteExecutableWithVm(const std::string& path) {
  if (Status s = vm::WriteExecutableWithVm(&eval::ConfigWorld(), path); !s.ok()) return s;
  // Without it the image still serves: its processes then copy every page ahead.
  std::vector<uint8_t> written = RunLearner(path);
  if (written.empty()) {
    fmt::print(stderr, "jetsam: warning: {} could not tell which VM pages an evaluation writes: each copies them all\n",
               path);
    return Status::Ok();
  }
  return vm::RecordImageWrites(path, written);
}

}  // namespace jetsam
