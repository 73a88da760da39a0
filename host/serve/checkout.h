// The checkout a server or a watcher serves: its config files as last read, the hash of their
// content, and an inotify watch on config/ that marks them stale. Each Current() first takes
// the events the kernel has queued, so a request that arrives after a save returns sees the
// saved files: no window where the old state is served.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "jetsam/evaluate.h"
#include "jetsam/serve.h"

namespace jetsam::serve {

struct Snapshot {
  Sources sources;
  Status read_status;   // reading the files failed: every request gets this error
  uint64_t hash = 0;    // of the files' names and contents (and the read error)
  uint64_t generation = 0;  // counts re-reads
};

class Checkout {
 public:
  explicit Checkout(std::string dir) : dir_(std::move(dir)) {}
  ~Checkout();
  // The files as they are now (re-read when a change was seen since the last call).
  std::shared_ptr<const Snapshot> Current();
  // The inotify descriptor (readable when something changed), -1 when watching failed: then
  // every Current() re-reads the files.
  int watch_fd() const { return fd_; }
  bool watching() const { return fd_ >= 0; }

 private:
  // Nothing queued on the watch and no re-read under way: the snapshot may be served as it is.
  std::shared_ptr<const Snapshot> Unchanged();
  bool DrainEvents();  // true when an event arrived
  void Rewatch();
  std::string dir_;
  std::mutex mu_;  // one re-read at a time
  std::atomic<int> fd_{-1};
  std::atomic<bool> started_{false};
  std::atomic<bool> reloading_{false};  // set, under mu_, from before the drain until the new snapshot
  std::mutex current_mu_;  // guards current_ only (a pointer copy: never held across a system call)
  std::shared_ptr<const Snapshot> current_;
};

// FNV-1a, 64 bits: stable across runs, so an ETag survives a restart of the server.
uint64_t Fnv1a(const std::string& data, uint64_t seed = 14695981039346656037ull);

}  // namespace jetsam::serve
