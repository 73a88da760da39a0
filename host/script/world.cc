#include "script/world.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>

#include <fmt/format.h>

namespace jetsam::script {

void Board::Set(const std::string& label) {
  size_t n = std::min(label.size(), sizeof project - 1);
  std::memcpy(project, label.data(), n);
  project[n] = '\0';
}

std::string LexicalAbsolute(const std::string& cwd, const std::string& path) {
  std::string full = !path.empty() && path[0] == '/' ? path : cwd + "/" + path;
  std::vector<std::string> parts;
  for (size_t start = 0; start <= full.size();) {
    size_t end = full.find('/', start);
    if (end == std::string::npos) end = full.size();
    std::string part = full.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

const Readable* FindReadable(const World& world, const std::string& dir) {
  const std::string wanted = LexicalAbsolute(world.cwd, dir);
  for (const auto& r : world.readable) {
    if (std::find(r.paths.begin(), r.paths.end(), wanted) != r.paths.end()) return &r;
  }
  return nullptr;
}

namespace {

std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? std::string(buf) : std::string();
}

Status AddReadable(const std::string& dir, World* world) {
  const std::string real = RealPath(dir);
  if (real.empty()) {
    return Status::Usage(fmt::format("--allow-read {}: no such directory", dir), "give the directory of a Jets checkout");
  }
  const std::string lexical = LexicalAbsolute(world->cwd, dir);
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

}  // namespace

Status ReadCheckouts(const ScriptOptions& options, World* world) {
  world->cwd = RealPath(".");
  if (world->cwd.empty()) return Status::Usage("the current directory cannot be read");
  world->eval = options.eval;
  world->eval.isolate = false;  // the script's child is the sandbox
  // Variants of a project resume from a copy of its evaluation (host/eval/checkpoint.h): a
  // megabyte or two each, bounded by a share of the script's memory.
  world->eval.checkpoints = NewEvalCheckpoints(
      static_cast<size_t>(std::min<int64_t>(options.limits.memory_bytes / 4, int64_t{64} << 20)));
  world->limits = options.limits;
  if (Status s = AddReadable(".", world); !s.ok()) return s;
  for (const auto& dir : options.allow_read) {
    if (Status s = AddReadable(dir, world); !s.ok()) return s;
  }
  return Status::Ok();
}

Status Outputs::Open(World* world) {
  shared_ = mmap(nullptr, sizeof(Board), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared_ == MAP_FAILED) {
    shared_ = nullptr;
    return Status::Internal(fmt::format("mmap: {}", strerror(errno)));
  }
  world_ = world;
  world->board = new (shared_) Board();
  world->board->Clear();
  fflush(nullptr);
  world->out_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  world->err_fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  saved_ = new struct sigaction();
  sigaction(SIGPIPE, &ignore, saved_);
  return Status::Ok();
}

Outputs::~Outputs() {
  if (saved_) {
    sigaction(SIGPIPE, saved_, nullptr);
    delete saved_;
  }
  if (!world_) return;
  for (int* fd : {&world_->out_fd, &world_->err_fd}) {
    if (*fd > 2) close(*fd);
    *fd = -1;
  }
  world_->board = nullptr;
  if (shared_) munmap(shared_, sizeof(Board));
}

}  // namespace jetsam::script
