// The server's results, by key (the checkout's content hash, the request, the revision's
// content): least recently used first out, bounded in bytes.
#pragma once
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "serve/answer.h"

namespace jetsam::serve {

class ResultCache {
 public:
  explicit ResultCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  std::shared_ptr<const Reply> Get(const std::string& key);
  void Put(const std::string& key, std::shared_ptr<const Reply> reply);
  size_t bytes() const { return bytes_; }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Reply>>;
  std::mutex mu_;
  size_t max_bytes_, bytes_ = 0;
  std::list<Entry> lru_;  // front: most recent
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace jetsam::serve
