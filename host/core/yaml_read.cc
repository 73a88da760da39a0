#include "core/yaml_read.h"

#include <yaml.h>

#include <fmt/format.h>

namespace jetsam {
namespace {

nlohmann::json Convert(yaml_document_t* doc, yaml_node_t* node, int depth) {
  if (!node || depth > 64) return nullptr;
  switch (node->type) {
    case YAML_SCALAR_NODE: {
      std::string value(reinterpret_cast<const char*>(node->data.scalar.value), node->data.scalar.length);
      // A plain ~ or null, or an empty plain scalar, is YAML's null.
      if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && (value.empty() || value == "~" || value == "null")) {
        return nullptr;
      }
      return value;
    }
    case YAML_SEQUENCE_NODE: {
      auto out = nlohmann::json::array();
      for (yaml_node_item_t* item = node->data.sequence.items.start; item < node->data.sequence.items.top; ++item) {
        out.push_back(Convert(doc, yaml_document_get_node(doc, *item), depth + 1));
      }
      return out;
    }
    case YAML_MAPPING_NODE: {
      auto out = nlohmann::json::object();
      for (yaml_node_pair_t* pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top; ++pair) {
        nlohmann::json key = Convert(doc, yaml_document_get_node(doc, pair->key), depth + 1);
        out[key.is_string() ? key.get<std::string>() : key.dump()] =
            Convert(doc, yaml_document_get_node(doc, pair->value), depth + 1);
      }
      return out;
    }
    default:
      return nullptr;
  }
}

}  // namespace

Status ReadYaml(const std::string& text, const std::string& file, nlohmann::json* out) {
  yaml_parser_t parser;
  yaml_document_t doc;
  if (!yaml_parser_initialize(&parser)) return Status::Internal("cannot start the YAML parser");
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  Status status;
  if (!yaml_parser_load(&parser, &doc)) {
    status = Status::Config(parser.problem ? parser.problem : "cannot parse",
                            Location{file, static_cast<int>(parser.problem_mark.line) + 1});
  } else {
    *out = Convert(&doc, yaml_document_get_root_node(&doc), 0);
    yaml_document_delete(&doc);
  }
  yaml_parser_delete(&parser);
  return status;
}

}  // namespace jetsam
