// Reading a checkout's config files (from disk or from a git revision) before evaluation:
// the VM itself never opens a file.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "jetsam/evaluate.h"

namespace fs = std::filesystem;

namespace jetsam {
namespace {

constexpr uintmax_t kMaxFileBytes = 4u << 20;  // a config file larger than this is not a config file

bool IsConfigFile(const std::string& rel) {
  auto ends = [&](const char* suffix) {
    std::string s(suffix);
    return rel.size() >= s.size() && rel.compare(rel.size() - s.size(), s.size(), s) == 0;
  };
  return ends(".rb") || rel == "config/jets/info.yml";
}

// Runs git with arguments (no shell) and captures stdout; false when git fails.
bool RunGit(const std::vector<std::string>& args, std::string* out) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("git"));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp("git", argv.data());
    _exit(127);
  }
  close(fds[1]);
  out->clear();
  char buf[65536];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

Status Sources::FromDirectory(const std::string& dir, Sources* out) {
  std::error_code ec;
  fs::path root(dir.empty() ? "." : dir);
  if (!fs::is_directory(root, ec)) {
    return Status::Usage(fmt::format("{}: no such directory", root.string()), "give the path of a Jets project checkout");
  }
  fs::path config = root / "config" / "jets";
  if (!fs::is_directory(config, ec)) {
    return Status::Config(fmt::format("{}: no config/jets/ directory: is this a Jets project?", root.string()), {},
                          "run jetsam in (or point it at) the root of a Jets checkout");
  }
  out->root = root.string();
  for (auto it = fs::recursive_directory_iterator(config, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), root, ec).generic_string();
    if (!IsConfigFile(rel)) continue;
    if (it->file_size(ec) > kMaxFileBytes) {
      return Status::Config(fmt::format("{} is larger than {} MiB", rel, kMaxFileBytes >> 20), Location{rel, 0});
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return Status::Config(fmt::format("cannot read {}", rel), Location{rel, 0});
    out->files[rel] = text.str();
  }
  return Status::Ok();
}

Status Sources::FromGitRevision(const std::string& dir, const std::string& rev, Sources* out) {
  std::string top;
  const std::string where = dir.empty() ? "." : dir;
  if (!RunGit({"-C", where, "rev-parse", "--show-toplevel"}, &top)) {
    return Status::Usage(fmt::format("{} is not inside a git repository, so --rev has nothing to read", where),
                         "run jetsam diff --rev in a git checkout, or compare envs with --env A --env B");
  }
  std::string prefix;
  if (!RunGit({"-C", where, "rev-parse", "--show-prefix"}, &prefix)) return Status::Internal("git rev-parse failed");
  while (!prefix.empty() && (prefix.back() == '\n' || prefix.back() == '\r')) prefix.pop_back();
  std::string commit;
  if (!RunGit({"-C", where, "rev-parse", "--verify", "--quiet", rev + "^{commit}"}, &commit)) {
    return Status::Usage(fmt::format("{}: unknown git revision", rev), "give a commit, branch or tag (git log shows them)");
  }
  std::string listing;
  if (!RunGit({"-C", where, "ls-tree", "-r", "--name-only", "--full-tree", rev, "--", prefix + "config/jets"}, &listing)) {
    return Status::Internal("git ls-tree failed");
  }
  // ls-tree with --full-tree prints paths from the repository root.
  out->root = fmt::format("{}@{}", where, rev);
  std::istringstream lines(listing);
  std::string path;
  while (std::getline(lines, path)) {
    std::string rel = path.substr(prefix.size());
    if (!IsConfigFile(rel)) continue;
    std::string text;
    if (!RunGit({"-C", where, "show", rev + ":" + path}, &text)) return Status::Internal("git show failed for " + path);
    out->files[rel] = std::move(text);
  }
  if (out->files.empty()) {
    return Status::Config(fmt::format("revision {} has no config/jets/ files", rev));
  }
  return Status::Ok();
}

}  // namespace jetsam
