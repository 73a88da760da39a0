// Reading a checkout's config files (from disk or from a git revision) before evaluation:
// the VM itself never opens a file.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "eval/bounded_read.h"
#include "eval/byte_fields.h"
#include "eval/checkout_files.h"
#include "eval/jets5.h"
#include "jetsam/evaluate.h"

namespace fs = std::filesystem;

namespace jetsam {
namespace {

// The parent process reads what a checkout (or any branch of it) holds, so every read is
// bounded: a config file larger than kMaxFileBytes is not a config file, and a real
// config/jets/ has a few dozen files.
constexpr size_t kMaxFileBytes = 4u << 20;
constexpr size_t kMaxTotalBytes = 16u << 20;
constexpr size_t kMaxFiles = 1000;
constexpr size_t kMaxEntries = 10000;          // directory entries (or tree entries) looked at
constexpr size_t kMaxListingBytes = 4u << 20;  // git ls-tree's output

// What Jets reads from config/jets/: the Ruby files, info.yml and the dotenv files
// (config/jets/env/.env, .env.ENV, .env.ENV.EXTRA); and ERB templates (NAME.rb.tt), which are
// read only to say what they are.
bool IsConfigFile(const std::string& rel) {
  auto ends = [&](const char* suffix) {
    std::string s(suffix);
    return rel.size() >= s.size() && rel.compare(rel.size() - s.size(), s.size(), s) == 0;
  };
  const std::string dotenv = "config/jets/env/.env";
  const bool is_dotenv = rel.rfind(dotenv, 0) == 0 && (rel.size() == dotenv.size() || rel[dotenv.size()] == '.');
  return ends(".rb") || ends(".rb.tt") || rel == "config/jets/info.yml" || is_dotenv;
}

// Jets reads config/jets/NAME.rb and config/jets/NAME/ENV.rb: nothing deeper is ever evaluated.
bool WithinReach(const std::string& rel) {
  return rel.rfind("config/jets/", 0) == 0 && std::count(rel.begin() + 12, rel.end(), '/') <= 1;
}

std::string Mib(size_t bytes) { return fmt::format("{} MiB", bytes >> 20); }

// Adds one file, within the bounds on their number and total size.
Status AddFile(const std::string& rel, std::string text, Sources* out, size_t* total) {
  if (out->files.size() >= kMaxFiles) {
    return Status::Config(fmt::format("config/jets/ holds more than {} config files", kMaxFiles), Location{rel, 0});
  }
  *total += text.size();
  if (*total > kMaxTotalBytes) {
    return Status::Config(fmt::format("the config files are larger than {} together", Mib(kMaxTotalBytes)), Location{rel, 0});
  }
  out->files[rel] = std::move(text);
  return Status::Ok();
}

Status TooLarge(const std::string& rel) {
  return Status::Config(fmt::format("larger than {}: too large for a config file", Mib(kMaxFileBytes)), Location{rel, 0});
}

enum class Git { kOk, kFailed, kTooLarge };

// Runs git with arguments (no shell) and captures at most `max` bytes of its stdout; a git that
// writes more is killed.
Git RunGit(const std::vector<std::string>& args, size_t max, std::string* out) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return Git::kFailed;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return Git::kFailed;
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // a git still reading when jetsam is killed goes with it
    dup2(fds[1], STDOUT_FILENO);
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
  bool too_large = false;
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (out->size() + static_cast<size_t>(n) > max) {
      too_large = true;
      kill(pid, SIGKILL);
      break;
    }
    out->append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (too_large) return Git::kTooLarge;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? Git::kOk : Git::kFailed;
}

void TrimNewlines(std::string* s) {
  while (!s->empty() && (s->back() == '\n' || s->back() == '\r')) s->pop_back();
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
    // A Jets 5 project keeps its settings in config/application.rb: say so, and where they go now.
    std::string application;
    const fs::path application_rb = root / "config" / "application.rb";
    if (fs::is_regular_file(application_rb, ec) &&
        eval::ReadBounded(application_rb.string(), kMaxFileBytes, &application) == eval::BoundedRead::kOk) {
      // Its config/environments/ENV.rb files, in name order (a bounded few: only lines are named).
      std::vector<eval::Jets5File> environments;
      std::vector<fs::path> names;
      for (auto it = fs::directory_iterator(root / "config" / "environments", ec);
           !ec && it != fs::directory_iterator() && names.size() < 32; it.increment(ec)) {
        if (it->path().extension() == ".rb" && it->is_regular_file(ec)) names.push_back(it->path());
      }
      std::sort(names.begin(), names.end());
      for (const auto& name : names) {
        eval::Jets5File file{"config/environments/" + name.filename().string(), ""};
        if (eval::ReadBounded(name.string(), kMaxFileBytes, &file.text) == eval::BoundedRead::kOk) {
          environments.push_back(std::move(file));
        }
      }
      if (Status s = eval::Jets5Checkout(application, environments); !s.ok()) return s;
    }
    return Status::Config(fmt::format("{}: no config/jets/ directory: is this a Jets project?", root.string()), {},
                          "run jetsam in (or point it at) the root of a Jets 6 checkout; `jets init` creates config/jets/");
  }
  out->root = root.string();
  // A file's name is its path from the checkout's real root, symlinks resolved (a symlink out of
  // config/jets/ is then no config file). Resolving a path walks it, a readlink per component:
  // when neither config/ nor config/jets/ is a symlink, a file that is none has its name as
  // listed, and only a symlink's target is resolved (and the root, once, for it).
  const bool config_plain = !fs::is_symlink(root / "config", ec) && !ec && !fs::is_symlink(config, ec) && !ec;
  std::optional<fs::path> root_real;
  auto name_of = [&](const fs::directory_entry& entry) {
    std::error_code err;
    if (config_plain && !entry.is_symlink(err) && !err) return entry.path().lexically_relative(root).generic_string();
    if (!root_real) root_real = fs::weakly_canonical(root, err);
    if (err || root_real->empty()) return std::string();
    fs::path real = fs::weakly_canonical(entry.path(), err);
    return err ? std::string() : real.lexically_relative(*root_real).generic_string();
  };
  size_t entries = 0, total = 0;
  for (auto it = fs::recursive_directory_iterator(config, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (++entries > kMaxEntries) {
      return Status::Config(fmt::format("config/jets/ holds more than {} entries", kMaxEntries), {},
                            "jetsam reads config/jets/*.rb, config/jets/*/ENV.rb and config/jets/info.yml");
    }
    if (it.depth() >= 1) it.disable_recursion_pending();
    if (!it->is_regular_file(ec)) continue;
    std::string rel = name_of(*it);
    if (!IsConfigFile(rel) || !WithinReach(rel)) continue;
    std::string text;
    switch (eval::ReadBounded(it->path().string(), kMaxFileBytes, &text)) {
      case eval::BoundedRead::kOk: break;
      case eval::BoundedRead::kCannotRead: return Status::Config(fmt::format("cannot read {}", rel), Location{rel, 0});
      case eval::BoundedRead::kTooLarge: return TooLarge(rel);
    }
    if (Status s = AddFile(rel, std::move(text), out, &total); !s.ok()) return s;
  }
  return eval::ReadCheckoutFiles(dir, out);  // the rest of config/, for File.read and require_relative
}

Status Sources::FromGitRevision(const std::string& dir, const std::string& rev, Sources* out) {
  // git would take "--output=x" for an option: a revision never starts with '-'.
  if (rev.empty() || rev[0] == '-') {
    return Status::Usage(fmt::format("--rev {}: not a git revision", rev), "give a commit, branch or tag (git log shows them)");
  }
  std::string top;
  const std::string where = dir.empty() ? "." : dir;
  if (RunGit({"-C", where, "rev-parse", "--show-toplevel"}, 1u << 16, &top) != Git::kOk) {
    return Status::Usage(fmt::format("{} is not inside a git repository, so --rev has nothing to read", where),
                         "run jetsam diff --rev in a git checkout, or compare envs with --env A --env B");
  }
  std::string prefix;
  if (RunGit({"-C", where, "rev-parse", "--show-prefix"}, 1u << 16, &prefix) != Git::kOk) {
    return Status::Internal("git rev-parse failed");
  }
  TrimNewlines(&prefix);
  std::string commit;
  if (RunGit({"-C", where, "rev-parse", "--verify", "--quiet", rev + "^{commit}"}, 1u << 10, &commit) != Git::kOk) {
    return Status::Usage(fmt::format("{}: unknown git revision", rev), "give a commit, branch or tag (git log shows them)");
  }
  TrimNewlines(&commit);
  // From here on the commit's id, not the name: what is read is what was resolved.
  // Each entry: "MODE TYPE ID SIZE\tPATH\0", paths from the repository root (--full-tree).
  std::string listing;
  switch (RunGit({"--literal-pathspecs", "-C", where, "ls-tree", "-r", "-z", "--long", "--full-tree", commit, "--",
                  prefix + "config/jets"},
                 kMaxListingBytes, &listing)) {
    case Git::kOk: break;
    case Git::kFailed: return Status::Internal("git ls-tree failed");
    case Git::kTooLarge:
      return Status::Config(fmt::format("config/jets/ of revision {} holds too many entries (a listing of more than {})", rev,
                                        Mib(kMaxListingBytes)));
  }
  out->root = fmt::format("{}@{}", where, rev);
  size_t entries = 0, total = 0;
  for (size_t start = 0, end; start < listing.size(); start = end + 1) {
    end = listing.find('\0', start);
    if (end == std::string::npos) end = listing.size();
    if (++entries > kMaxEntries) {
      return Status::Config(fmt::format("config/jets/ of revision {} holds more than {} entries", rev, kMaxEntries));
    }
    std::string entry = listing.substr(start, end - start);
    size_t tab = entry.find('\t');
    if (tab == std::string::npos) continue;
    std::string mode, type, id, size;
    std::istringstream meta(entry.substr(0, tab));
    meta >> mode >> type >> id >> size;
    std::string path = entry.substr(tab + 1);
    if (type != "blob" || path.rfind(prefix, 0) != 0) continue;
    std::string rel = path.substr(prefix.size());
    if (!IsConfigFile(rel) || !WithinReach(rel)) continue;
    std::string text;
    switch (RunGit({"-C", where, "cat-file", "blob", id}, kMaxFileBytes, &text)) {
      case Git::kOk: break;
      case Git::kFailed: return Status::Internal("git cat-file failed for " + path);
      case Git::kTooLarge: return TooLarge(rel);
    }
    if (Status s = AddFile(rel, std::move(text), out, &total); !s.ok()) return s;
  }
  if (out->files.empty()) {
    return Status::Config(fmt::format("revision {} has no config/jets/ files", rev));
  }
  eval::MarkCheckoutUnavailable(dir, "jetsam reads only config/jets/ from a git revision", out);
  return Status::Ok();
}

std::string Sources::Encode() const {
  std::string out;
  eval::PutBytes(&out, root);
  eval::PutBytes(&out, checkout.Encode());
  eval::PutBytes(&out, std::to_string(files.size()));
  for (const auto& [name, text] : files) {
    eval::PutBytes(&out, name);
    eval::PutBytes(&out, text);
  }
  return out;
}

bool Sources::Decode(const std::string& bytes, size_t* pos) {
  *this = Sources();
  std::string checkout_bytes;
  size_t n = 0;
  if (!eval::GetBytes(bytes, pos, &root) || !eval::GetBytes(bytes, pos, &checkout_bytes) ||
      !checkout.Decode(checkout_bytes) || !eval::GetCount(bytes, pos, &n))
    return false;
  for (size_t i = 0; i < n; ++i) {
    std::string name, text;
    if (!eval::GetBytes(bytes, pos, &name) || !eval::GetBytes(bytes, pos, &text)) return false;
    files[std::move(name)] = std::move(text);
  }
  return true;
}

}  // namespace jetsam
