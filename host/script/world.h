// Everything a script's sandboxed child knows of the machine: read by the parent before the fork
// (the child can open nothing), and handed over as memory.
#pragma once
#include <signal.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "jetsam/evaluate.h"
#include "jetsam/facts.h"
#include "jetsam/limits.h"
#include "jetsam/script.h"
#include "jetsam/status.h"

namespace jetsam::script {

// A checkout the script may load: the current directory or one given with --allow-read.
struct Readable {
  std::string given;                // as the user wrote it ("samples/demo")
  std::vector<std::string> paths;   // its absolute forms: lexical and real (symlinks resolved)
  Status status;                    // why it could not be read (replayed by Jetsam.load)
  Sources sources;
};

// What the parent writes and reads back after the child has gone: the project the child was
// evaluating, so that a timeout or a crash can name it. Shared memory: the child writes it
// with no system call, the parent reads it whatever killed the child.
struct Board {
  char project[1024];
  void Set(const std::string& label);
  void Clear() { project[0] = '\0'; }
};

struct World {
  std::string cwd;                  // absolute, lexical
  std::vector<Readable> readable;   // the current checkout first
  std::string script_name;          // as given: errors and origins name it
  std::string script_text;
  std::vector<std::string> args;    // ARGV
  // What every Jetsam.load starts from: the run's --env, --extra and facts, the ENV a project
  // sees (--no-env, --pass-env) and the memory limit of each project's VM.
  EvalOptions eval;
  Limits limits;                    // the whole script's
  int out_fd = 1, err_fd = 2;       // where the script's $stdout and $stderr write
  Board* board = nullptr;           // null: no one reads it
};

// --- in the parent, before the child starts

// Sets the world's current directory and its options (each Jetsam.load evaluates in the child,
// which is the sandbox), and reads the checkouts the child may load: the current directory and
// each of `allow_read` (kUsage for one that does not exist; one that is no Jets checkout is kept
// with its error, which Jetsam.load raises).
Status ReadCheckouts(const ScriptOptions& options, World* world);

// What the child writes the script's output to and the board it leaves behind, for the time
// the child runs: copies of stdout and stderr (the sandbox puts /dev/null on fds 1 and 2), with
// SIGPIPE ignored (a reader that goes away ends the script rather than killing it), and the
// board in memory shared with the child.
class Outputs {
 public:
  Outputs() = default;
  ~Outputs();
  Outputs(const Outputs&) = delete;
  Outputs& operator=(const Outputs&) = delete;
  Status Open(World* world);

 private:
  World* world_ = nullptr;
  void* shared_ = nullptr;
  struct sigaction* saved_ = nullptr;
};

// The absolute form of `path` seen from `cwd` with "." and ".." resolved by their names alone
// (the child cannot ask the file system): "/a/b" + "../c/./d" -> "/a/c/d".
std::string LexicalAbsolute(const std::string& cwd, const std::string& path);

// The checkout Jetsam.load(dir) names, or null when the script may not read it.
const Readable* FindReadable(const World& world, const std::string& dir);

}  // namespace jetsam::script
