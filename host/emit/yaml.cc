// JSON -> block-style YAML through yaml-cpp, keys in order, strings quoted only when a YAML
// loader would misread them (the rule is ours, so the bytes do not depend on yaml-cpp's guesses).
#include <yaml-cpp/yaml.h>

#include "emit/yaml_quote.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

void EmitString(YAML::Emitter& out, const std::string& s) {
  switch (emit::QuoteFor(s)) {
    case emit::Quote::kPlain: out << s; break;
    case emit::Quote::kSingle: out << YAML::SingleQuoted << s; break;
    case emit::Quote::kDouble: out << YAML::DoubleQuoted << s; break;
  }
}

void EmitNode(YAML::Emitter& out, const Json& j) {
  switch (j.type()) {
    case Json::value_t::object:
      // An empty container in flow style stays on its key's line: `Empty: {}`.
      if (j.empty()) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& [k, v] : j.items()) {
        out << YAML::Key;
        EmitString(out, k);
        out << YAML::Value;
        EmitNode(out, v);
      }
      out << YAML::EndMap;
      break;
    case Json::value_t::array:
      if (j.empty()) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& v : j) EmitNode(out, v);
      out << YAML::EndSeq;
      break;
    case Json::value_t::string: EmitString(out, j.get<std::string>()); break;
    case Json::value_t::boolean: out << (j.get<bool>() ? "true" : "false"); break;
    case Json::value_t::null: out << YAML::Null; break;
    default: out << j.dump(); break;  // numbers: JSON's text is YAML's
  }
}

}  // namespace

std::string ToYaml(const Json& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  EmitNode(out, value);
  std::string text = out.good() ? out.c_str() : "";
  return text + "\n";
}

std::string EmitYaml(const Compiled& compiled) { return ToYaml(CfnResources(compiled)); }

}  // namespace jetsam
