#include "serve/checkout.h"

#include <errno.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <filesystem>

namespace jetsam::serve {
namespace {

// A checkout's config/ tree is small; past this many folders the rest are not watched (each
// Current() then re-reads, see Rewatch).
constexpr int kMaxWatchedDirs = 512;
constexpr uint32_t kEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                             IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

}  // namespace

uint64_t Fnv1a(const std::string& data, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

Checkout::~Checkout() {
  if (fd_ >= 0) close(fd_);
}

void Checkout::Rewatch() {
  if (fd_ >= 0) close(fd_);
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return;
  namespace fs = std::filesystem;
  std::error_code ec;
  // The checkout itself (config/ may appear), then config/ and every folder below it.
  int dirs = 0;
  bool ok = inotify_add_watch(fd_, dir_.c_str(), IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) >= 0;
  const fs::path config = fs::path(dir_) / "config";
  if (fs::is_directory(config, ec)) {
    ok = ok && inotify_add_watch(fd_, config.c_str(), kEvents) >= 0;
    for (auto it = fs::recursive_directory_iterator(config, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_directory(ec) || it->is_symlink(ec)) continue;
      if (++dirs > kMaxWatchedDirs) {
        ok = false;
        break;
      }
      ok = ok && inotify_add_watch(fd_, it->path().c_str(), kEvents) >= 0;
    }
  }
  if (!ok) {  // a partial watch could miss a save: watch nothing and re-read every time
    close(fd_);
    fd_ = -1;
  }
}

bool Checkout::DrainEvents() {
  if (fd_ < 0) return true;
  bool any = false;
  alignas(inotify_event) char buf[8192];
  for (;;) {
    ssize_t n = read(fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    any = true;
  }
  return any;
}

std::shared_ptr<const Snapshot> Checkout::Unchanged() {
  const int fd = fd_.load();
  if (fd < 0 || !started_.load()) return nullptr;
  int queued = 0;
  if (ioctl(fd, FIONREAD, &queued) != 0 || queued != 0) return nullptr;
  // Read after the ioctl: a re-read that drained the event this call would have seen has set it
  // already, so this request waits for the new snapshot instead of taking the old one.
  if (reloading_.load()) return nullptr;
  std::lock_guard<std::mutex> lock(current_mu_);
  return current_;
}

std::shared_ptr<const Snapshot> Checkout::Current() {
  // The common case, nothing saved since the last request: one ioctl and no lock held across it,
  // so concurrent requests do not queue behind each other's system call.
  if (auto unchanged = Unchanged()) return unchanged;
  std::lock_guard<std::mutex> lock(mu_);
  reloading_ = true;
  struct Done {
    std::atomic<bool>& flag;
    ~Done() { flag = false; }
  } done{reloading_};
  std::shared_ptr<const Snapshot> current;
  {
    std::lock_guard<std::mutex> c(current_mu_);
    current = current_;
  }
  if (!started_) {
    Rewatch();
    started_ = true;
  } else if (!DrainEvents() && current) {
    return current;
  }
  // Something changed (or nothing can tell): watch the tree as it is now, then read it, so that
  // a change made while reading is seen by the next call.
  if (current) Rewatch();
  auto next = std::make_shared<Snapshot>();
  next->read_status = Sources::FromDirectory(dir_, &next->sources);
  std::string digest = next->read_status.ok() ? "" : next->read_status.ToString();
  uint64_t h = Fnv1a(digest);
  h = Fnv1a(next->sources.checkout.Encode(), h);  // the rest of config/ that config code may read
  for (const auto& [name, text] : next->sources.files) {
    h = Fnv1a(name, h);
    h = Fnv1a(std::string(1, '\0'), h);
    h = Fnv1a(std::to_string(text.size()), h);
    h = Fnv1a(text, h);
  }
  next->hash = h;
  next->generation = current ? current->generation + 1 : 1;
  std::lock_guard<std::mutex> c(current_mu_);
  current_ = std::move(next);
  return current_;
}

}  // namespace jetsam::serve
