// Where every setting and every list item came from, kept by the host: Ruby code can neither
// read nor change it. Nodes and lists are known by their address; the runtime keeps each of them
// alive for the whole evaluation, so an address never names two objects.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <mruby.h>

#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam::eval {

// An item's identity: its type and its address (an object) or its value (an immediate), so
// that no Integer can pass for the String whose __id__ it copies.
struct ItemKey {
  int type = 0;
  uint64_t bits = 0;
  bool operator==(const ItemKey&) const = default;
};
struct ItemKeyHash {
  size_t operator()(const ItemKey& k) const { return std::hash<uint64_t>()(k.bits) ^ (static_cast<size_t>(k.type) << 1); }
};
ItemKey KeyOf(mrb_value v);

struct KeyRecord {
  Location where;               // the last change by a config file
  std::vector<Change> history;  // empty: Jets' default, untouched
  bool known = false;           // set by Jets' defaults
};

// Looks keys up by std::string_view (a Ruby String's bytes) without making a std::string.
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct NodeRecord {
  std::optional<std::string> path;  // "" for a root; none until the node is stored somewhere
  bool open = false;                // keys are the user's own names (job.queues.NAME)
  int vivify = -1;                  // index of the factory of missing keys (Runtime::Keep), or none
  // The node's first `prebuilt_keys` keys are Jets' defaults (eval/prebuilt_defaults.h): a node
  // keeps its keys in the order they were first set, and nothing removes one.
  size_t prebuilt_keys = 0;
  std::unordered_map<std::string, KeyRecord, KeyHash, std::equal_to<>> keys;

  KeyRecord& Key(std::string_view key) {
    auto it = keys.find(key);
    return it != keys.end() ? it->second : keys.emplace(std::string(key), KeyRecord{}).first->second;
  }
  const KeyRecord* FindKey(std::string_view key) const {
    auto it = keys.find(key);
    return it == keys.end() ? nullptr : &it->second;
  }
};

// A setting that holds a list: the node, the key, and the key as the node's Hash holds it (a
// frozen String, kept alive by the runtime), so that the node can be asked without allocating.
struct ListOwner {
  const void* node;
  std::string key;
  mrb_value key_value;
};

struct ListRecord {
  // The settings that hold this list: a change touches those that still do.
  std::vector<ListOwner> owners;
  // Where each item came from ("" file: a Jets default). None: every item is a default.
  std::optional<std::unordered_map<ItemKey, Location, ItemKeyHash>> origins;
  int snapshot = -1;      // index (Runtime::Keep) of a copy of the items as last recorded
  bool untracked = false; // changed by a path the host did not see
};

class Provenance {
 public:
  // Room for Jets' defaults (some 150 nodes) without growing.
  Provenance() { nodes_.reserve(256); }

  NodeRecord* Node(const void* node) {
    auto it = nodes_.find(node);
    return it == nodes_.end() ? nullptr : &it->second;
  }
  const NodeRecord* Node(const void* node) const {
    auto it = nodes_.find(node);
    return it == nodes_.end() ? nullptr : &it->second;
  }
  NodeRecord& AddNode(const void* node) { return nodes_[node]; }
  ListRecord* List(const void* list) {
    auto it = lists_.find(list);
    return it == lists_.end() ? nullptr : &it->second;
  }
  const ListRecord* List(const void* list) const {
    auto it = lists_.find(list);
    return it == lists_.end() ? nullptr : &it->second;
  }
  ListRecord& AddList(const void* list) { return lists_[list]; }

  // Records so far, counted against a bound: the host's memory is not the VM's, whose limit a
  // config's data already meets.
  bool Spend(size_t n) {
    spent_ += n;
    return spent_ <= kBudget;
  }
  static constexpr size_t kBudget = 1'000'000;

 private:
  std::unordered_map<const void*, NodeRecord> nodes_;
  std::unordered_map<const void*, ListRecord> lists_;
  size_t spent_ = 0;
};

}  // namespace jetsam::eval
