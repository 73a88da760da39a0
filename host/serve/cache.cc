#include "serve/cache.h"

namespace jetsam::serve {
namespace {
size_t Cost(const std::string& key, const Reply& r) { return key.size() + r.body.size() + 128; }
}  // namespace

std::shared_ptr<const Reply> ResultCache::Get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void ResultCache::Put(const std::string& key, std::shared_ptr<const Reply> reply) {
  const size_t cost = Cost(key, *reply);
  if (cost > max_bytes_ / 4) return;  // one answer never takes most of the cache
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= Cost(key, *it->second->second);
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.emplace_front(key, std::move(reply));
  index_[key] = lru_.begin();
  bytes_ += cost;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    bytes_ -= Cost(lru_.back().first, *lru_.back().second);
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

}  // namespace jetsam::serve
