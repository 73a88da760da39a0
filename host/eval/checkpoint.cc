#include "eval/checkpoint.h"

namespace jetsam {

const eval::Checkpoint* EvalCheckpoints::Find(const std::string& key, Phase phase) const {
  for (const auto& c : kept_) {
    if (c->phase == phase && c->key == key) return c.get();
  }
  return nullptr;
}

void EvalCheckpoints::Add(std::unique_ptr<eval::Checkpoint> c) {
  if (!c || c->bytes > max_bytes_) return;
  while (!kept_.empty() && bytes_ + c->bytes > max_bytes_) {
    bytes_ -= kept_.front()->bytes;
    kept_.erase(kept_.begin());
  }
  bytes_ += c->bytes;
  kept_.push_back(std::move(c));
}

std::shared_ptr<EvalCheckpoints> NewEvalCheckpoints(size_t max_bytes) {
  return std::make_shared<EvalCheckpoints>(max_bytes);
}

}  // namespace jetsam
