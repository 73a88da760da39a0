// JSON -> block-style YAML, keys in order. Written here rather than by a YAML library, so that
// every byte is ours: strings are quoted and escaped by one rule (yaml_quote.h) that makes any
// YAML reader (libyaml, Psych, PyYAML) read back exactly the data JSON holds.
#include <string>

#include <fmt/format.h>

#include "core/utf8.h"
#include "emit/yaml_quote.h"
#include "jetsam/emit.h"
#include "jetsam/json_compact.h"

namespace jetsam {
namespace {

// A key YAML readers take as an implicit key only within 1024 characters: longer ones are
// written as explicit keys ("? key").
constexpr size_t kLongKey = 1000;

std::string DoubleQuoted(std::string_view s) {
  std::string out = "\"";
  for (size_t at = 0; at < s.size();) {
    const size_t start = at;
    const long c = utf8::Next(s, &at);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0) {
      out += "\\ufffd";  // not UTF-8: what JSON shows too (compile refuses such config strings)
    } else if (!utf8::MustEscape(c)) {
      out.append(s, start, at - start);
    } else if (c <= 0xFF) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c <= 0xFFFF) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += fmt::format("\\U{:08x}", c);
    }
  }
  return out + "\"";
}

std::string SingleQuoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string StringText(const std::string& s) {
  switch (emit::QuoteFor(s)) {
    case emit::Quote::kPlain: return s;
    case emit::Quote::kSingle: return SingleQuoted(s);
    case emit::Quote::kDouble: return DoubleQuoted(s);
  }
  return DoubleQuoted(s);
}

// JSON's text of a number, which YAML reads as the same number; a float without a dot gets one
// (1e+20 -> 1.0e+20), which YAML 1.1 readers need to see a float.
std::string NumberText(const Json& j) {
  std::string text = j.dump();
  if (j.is_number_float() && text.find('.') == std::string::npos) {
    const size_t e = text.find_first_of("eE");
    if (e != std::string::npos) text.insert(e, ".0");
  }
  return text;
}

bool IsBlock(const Json& j) { return (j.is_object() || j.is_array()) && !j.empty(); }

// A value that fits on one line: a scalar, or an empty container in flow style.
std::string Inline(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: return "{}";
    case Json::value_t::array: return "[]";
    case Json::value_t::string: return StringText(j.get_ref<const std::string&>());
    case Json::value_t::boolean: return j.get<bool>() ? "true" : "false";
    case Json::value_t::null: return "~";
    default: return NumberText(j);
  }
}

// Writes the entries of a non-empty map or sequence at column `col`. With `inline_first`, the
// first entry continues the current line (after "- ").
void Block(const Json& j, size_t col, bool inline_first, std::string* out) {
  const std::string indent(col, ' ');
  bool first = true;
  auto lead = [&] {
    if (!(first && inline_first)) *out += indent;
    first = false;
  };
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      lead();
      const bool long_key = k.size() > kLongKey;
      *out += long_key ? "? " + StringText(k) + "\n" + indent + ":" : StringText(k) + ":";
      if (IsBlock(v)) {
        *out += "\n";
        Block(v, col + 2, false, out);
      } else {
        *out += " " + Inline(v) + "\n";
      }
    }
  } else {
    for (const auto& v : j) {
      lead();
      *out += "- ";
      if (IsBlock(v)) Block(v, col + 2, true, out);
      else *out += Inline(v) + "\n";
    }
  }
}

}  // namespace

std::string ToYaml(const Json& input) {
  // The data as JSON holds it: a string that is not UTF-8 with U+FFFD where JsonText puts them.
  const Json value = Json::parse(CompactJson(input));
  if (!IsBlock(value)) return Inline(value) + "\n";
  std::string out;
  Block(value, 0, false, &out);
  return out;
}

std::string EmitYaml(const Compiled& compiled) { return ToYaml(CfnResources(compiled)); }

}  // namespace jetsam
