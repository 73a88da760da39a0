#include "core/yaml_read.h"

#include <yaml.h>

#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>

namespace jetsam {
namespace {

// Built from libyaml's events rather than its document loader: the loader keeps every alias as
// a shared node, and expanding them afterwards is where a tiny file turns into gigabytes. Here
// each node is counted as it is built, and the parse stops at the first broken limit, before
// libyaml's scanner (whose cost grows with the nesting depth) gets any deeper.
class Builder {
 public:
  Builder(const std::string& file, const YamlLimits& limits) : file_(file), limits_(limits) {}

  // Consumes one event; false on a broken limit or a bad alias (status() says why).
  bool Add(const yaml_event_t& e) {
    const int line = static_cast<int>(e.start_mark.line) + 1;
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        if (!Start(line, Anchor(e.data.scalar.anchor))) return false;
        std::string value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        nlohmann::json j;
        // A plain ~ or null, or an empty plain scalar, is YAML's null.
        if (!(e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && (value.empty() || value == "~" || value == "null"))) {
          j = std::move(value);
        }
        return Finish(std::move(j), 1, 0, Anchor(e.data.scalar.anchor));
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool mapping = e.type == YAML_MAPPING_START_EVENT;
        std::string anchor = Anchor(mapping ? e.data.mapping_start.anchor : e.data.sequence_start.anchor);
        if (!Start(line, anchor)) return false;
        Frame f;
        f.value = mapping ? nlohmann::json::object() : nlohmann::json::array();
        f.mapping = mapping;
        f.anchor = std::move(anchor);
        f.nodes_before = nodes_;
        ++nodes_;
        if (!f.anchor.empty()) anchor_open_.insert(f.anchor);
        stack_.push_back(std::move(f));
        return true;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        if (!f.anchor.empty()) anchor_open_.erase(f.anchor);
        return Finish(std::move(f.value), nodes_ - f.nodes_before, f.height, f.anchor, /*counted=*/true);
      }
      case YAML_ALIAS_EVENT: {
        std::string name = Anchor(e.data.alias.anchor);
        if (++aliases_ > limits_.max_aliases) return Fail(line, fmt::format("more than {} aliases", limits_.max_aliases));
        auto it = anchors_.find(name);
        if (it == anchors_.end()) {
          return Fail(line, anchor_open_.count(name) ? fmt::format("the alias *{} refers to the node that holds it", name)
                                                     : "found undefined alias");
        }
        const Anchored& a = it->second;
        if (static_cast<int>(stack_.size()) + a.height > limits_.max_depth) return TooDeep(line);
        if (a.nodes > limits_.max_nodes - std::min(nodes_, limits_.max_nodes)) return TooMany(line);
        nodes_ += a.nodes;
        return Finish(a.value, a.nodes, a.height, "", /*counted=*/true);
      }
      case YAML_DOCUMENT_END_EVENT:
        done_ = true;
        return true;
      default:
        return true;
    }
  }

  bool done() const { return done_; }
  const Status& status() const { return status_; }
  nlohmann::json& root() { return root_; }

 private:
  struct Frame {
    nlohmann::json value;
    bool mapping = false;
    bool has_key = false;
    std::string key;
    std::string anchor;
    size_t nodes_before = 0;
    int height = 0;  // levels below this node
  };
  struct Anchored {
    nlohmann::json value;
    size_t nodes;
    int height;
  };

  static std::string Anchor(const yaml_char_t* a) { return a ? reinterpret_cast<const char*>(a) : ""; }

  // Checks the depth and the node budget before a node is built.
  bool Start(int line, const std::string& anchor) {
    if (static_cast<int>(stack_.size()) > limits_.max_depth) return TooDeep(line);
    if (nodes_ >= limits_.max_nodes) return TooMany(line);
    if (!anchor.empty() && (anchors_.count(anchor) || anchor_open_.count(anchor))) return Fail(line, "found duplicate anchor");
    return true;
  }

  // Places a whole node in its parent (or as the document).
  bool Finish(nlohmann::json value, size_t nodes, int height, const std::string& anchor, bool counted = false) {
    if (!counted) nodes_ += nodes;
    if (!anchor.empty()) anchors_[anchor] = Anchored{value, nodes, height};
    if (stack_.empty()) {
      root_ = std::move(value);
      return true;
    }
    Frame& parent = stack_.back();
    parent.height = std::max(parent.height, height + 1);
    if (!parent.mapping) {
      parent.value.push_back(std::move(value));
    } else if (!parent.has_key) {
      parent.key = value.is_string() ? value.get<std::string>() : value.dump();
      parent.has_key = true;
    } else {
      parent.value[parent.key] = std::move(value);
      parent.has_key = false;
    }
    return true;
  }

  bool TooDeep(int line) { return Fail(line, fmt::format("nested deeper than {} levels", limits_.max_depth)); }
  bool TooMany(int line) {
    return Fail(line, fmt::format("more than {} values (aliases counted as often as they are used)", limits_.max_nodes));
  }
  bool Fail(int line, std::string message) {
    status_ = Status::Config(std::move(message), Location{file_, line});
    return false;
  }

  const std::string& file_;
  const YamlLimits& limits_;
  std::vector<Frame> stack_;
  std::map<std::string, Anchored> anchors_;
  std::set<std::string> anchor_open_;
  size_t nodes_ = 0, aliases_ = 0;
  nlohmann::json root_;
  bool done_ = false;
  Status status_;
};

}  // namespace

Status ReadYaml(const std::string& text, const std::string& file, nlohmann::json* out, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Status::Config(limits.max_bytes % (1u << 20) == 0 ? fmt::format("larger than {} MiB", limits.max_bytes >> 20)
                                                            : fmt::format("larger than {} bytes", limits.max_bytes),
                          Location{file, 0});
  }
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return Status::Internal("cannot start the YAML parser");
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  Builder builder(file, limits);
  Status status;
  // Only the first document counts, as with libyaml's loader.
  while (!builder.done()) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      status = Status::Config(parser.problem ? parser.problem : "cannot parse",
                              Location{file, static_cast<int>(parser.problem_mark.line) + 1});
      break;
    }
    const bool end = event.type == YAML_STREAM_END_EVENT;
    const bool ok = builder.Add(event);
    yaml_event_delete(&event);
    if (!ok) {
      status = builder.status();
      break;
    }
    if (end) break;
  }
  yaml_parser_delete(&parser);
  if (status.ok()) *out = std::move(builder.root());
  return status;
}

}  // namespace jetsam
