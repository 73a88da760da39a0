// jetsam run's parent: reads what the script may see, forks the sandboxed child that runs it,
// and turns what comes back into an exit code or an error.
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>

#include "eval/bounded_read.h"
#include "jetsam/script.h"
#include "script/session.h"
#include "vm/isolate.h"

namespace jetsam {
namespace {

using script::Readable;
using script::World;

constexpr size_t kMaxScriptBytes = 4u << 20;  // as a config file

std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? std::string(buf) : std::string();
}

// Reads a checkout the script may load; a directory that is no checkout is kept with its error,
// which Jetsam.load raises (the script may rescue it).
Status AddReadable(const std::string& dir, World* world) {
  const std::string real = RealPath(dir);
  if (real.empty()) {
    return Status::Usage(fmt::format("--allow-read {}: no such directory", dir), "give the directory of a Jets checkout");
  }
  const std::string lexical = script::LexicalAbsolute(world->cwd, dir);
  for (auto& r : world->readable) {
    if (std::find(r.paths.begin(), r.paths.end(), real) != r.paths.end()) {
      r.paths.push_back(lexical);  // the same checkout by another name
      return Status::Ok();
    }
  }
  Readable r;
  r.given = dir;
  r.paths = {lexical, real};
  r.status = Sources::FromDirectory(dir, &r.sources);
  world->readable.push_back(std::move(r));
  return Status::Ok();
}

Status PrepareWorld(const ScriptOptions& o, World* world) {
  world->cwd = RealPath(".");
  if (world->cwd.empty()) return Status::Usage("the current directory cannot be read");
  switch (eval::ReadBounded(o.script, kMaxScriptBytes, &world->script_text)) {
    case eval::BoundedRead::kOk: break;
    case eval::BoundedRead::kCannotRead:
      return Status::Usage(fmt::format("{}: cannot read the script", o.script), "give the path of a Ruby file");
    case eval::BoundedRead::kTooLarge:
      return Status::Usage(fmt::format("{}: the script is larger than {} MiB", o.script, kMaxScriptBytes >> 20));
  }
  world->script_name = o.script;
  world->args = o.args;
  world->eval = o.eval;
  world->eval.isolate = false;  // the script's child is the sandbox
  world->limits = o.limits;
  if (Status s = AddReadable(".", world); !s.ok()) return s;
  for (const auto& dir : o.allow_read) {
    if (Status s = AddReadable(dir, world); !s.ok()) return s;
  }
  return Status::Ok();
}

// The child's answer: "exit N", or the failure's parts one per line.
std::string Encode(const Status& s, int exit_code) {
  if (s.ok()) return fmt::format("exit {}", exit_code);
  nlohmann::json j = {{"code", static_cast<int>(s.code())},
                      {"message", s.message()},
                      {"file", s.where().file},
                      {"line", s.where().line},
                      {"hint", s.hint()}};
  return "fail " + j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status Decode(const std::string& payload, int* exit_code) {
  if (payload.rfind("exit ", 0) == 0) {
    *exit_code = std::atoi(payload.c_str() + 5);
    return Status::Ok();
  }
  nlohmann::json j = nlohmann::json::parse(payload.substr(std::min<size_t>(5, payload.size())), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Internal("the script's process answered nonsense");
  Location where{j.value("file", ""), j.value("line", 0)};
  std::string message = j.value("message", ""), hint = j.value("hint", "");
  switch (static_cast<Status::Code>(j.value("code", 0))) {
    case Status::Code::kLimit: return Status::Limit(message, where, hint);
    case Status::Code::kUsage: return Status::Usage(message, hint);
    case Status::Code::kInternal: return Status::Internal(message);
    default: return Status::Config(message, where, hint);
  }
}

std::string RunInChild(const World& world) {
  script::Session session(world);
  int exit_code = 0;
  Status s = session.Open();
  if (s.ok()) s = session.RunScript(&exit_code);
  return Encode(s, exit_code);
}

// What stopped the child, said of the script, and of the project it was evaluating if any.
Status StoppedStatus(const Status& s, const script::Board& board) {
  Status said = script::AsScriptStatus(s);
  if (!board.project[0]) return said;
  std::string dir = board.project;
  Location where = s.where().empty() ? Location{dir, 0} : Location{dir + "/" + s.where().file, 0};
  return Status::Limit(said.message() + " (while it evaluated " + dir + " for Jetsam.load)", where, said.hint());
}

}  // namespace

Status RunScript(const ScriptOptions& options, int* exit_code) {
  *exit_code = 0;
  World world;
  if (Status s = PrepareWorld(options, &world); !s.ok()) return s;
  if (!options.isolate) {
    script::Session session(world);
    Status s = session.Open();
    return s.ok() ? session.RunScript(exit_code) : s;
  }
  PrepareEvaluations();  // each Jetsam.load starts from a copy of the VM, built once here
  // What the child writes for the parent to read whatever ends it: shared, written with no call.
  void* shared = mmap(nullptr, sizeof(script::Board), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) return Status::Internal("mmap failed");
  auto* board = new (shared) script::Board();
  board->Clear();
  world.board = board;
  // The child writes the script's output itself, to copies of stdout and stderr that the
  // sandbox's /dev/null does not replace; with SIGPIPE ignored, a reader that goes away ends
  // the script rather than killing it.
  fflush(nullptr);
  world.out_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  world.err_fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
  struct sigaction ignore {}, saved {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &saved);
  std::string payload;
  Status s = vm::RunIsolated(options.limits, [&] { return RunInChild(world); }, &payload);
  sigaction(SIGPIPE, &saved, nullptr);
  for (int fd : {world.out_fd, world.err_fd}) {
    if (fd >= 0) close(fd);
  }
  if (!s.ok()) s = StoppedStatus(s, *board);
  munmap(shared, sizeof(script::Board));
  return s.ok() ? Decode(payload, exit_code) : s;
}

}  // namespace jetsam
