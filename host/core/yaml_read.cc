#include "core/yaml_read.h"

#include <yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>

namespace jetsam {
namespace {

// --- Psych's typing of plain scalars (Psych::ScalarScanner#tokenize, YAML 1.1) --------------

struct RubyScalarValue {
  enum Kind { kString, kNil, kTrue, kFalse, kInteger, kFloat, kSymbol, kTime, kDate } kind = kString;
  int64_t integer = 0;
  double number = 0;
  std::string text;  // a symbol's name
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
// Digits of `s` from `i` in the class of `ok` (with '_' and ',' allowed between them).
bool AllOf(const std::string& s, size_t i, bool (*ok)(char)) {
  if (i >= s.size()) return false;
  for (; i < s.size(); ++i) if (!ok(s[i]) && s[i] != '_' && s[i] != ',') return false;
  return true;
}
bool IsBinary(char c) { return c == '0' || c == '1'; }
bool IsOctal(char c) { return c >= '0' && c <= '7'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
std::string WithoutSeparators(const std::string& s) {
  std::string out;
  for (char c : s) if (c != '_' && c != ',') out += c;
  return out;
}

// Psych's first test: text that starts like a word is a String (or a boolean or nil when short).
// %r{^[^\d.:-]?[[:alpha:]_\s!@#$%\^&*(){}<>|/\\~;=]+}
bool StartsLikeWord(const std::string& s) {
  auto in_class = [](char c) {
    return IsAlpha(c) || static_cast<unsigned char>(c) >= 0x80 || c == '_' || c == ' ' || c == '\t' || c == '\n' ||
           c == '\r' || c == '\f' || c == '\v' || std::string("!@#$%^&*(){}<>|/\\~;=").find(c) != std::string::npos;
  };
  if (s.empty()) return false;
  if (in_class(s[0])) return true;
  const char c = s[0];
  return !IsDigit(c) && c != '.' && c != ':' && c != '-' && s.size() > 1 && in_class(s[1]);
}

// ^[-+]?(?:0b[01_,]+|0[0-7_,]+|(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|0x[0-9a-fA-F_,]+)$
bool ParseInteger(const std::string& s, int64_t* out) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  if (i >= s.size()) return false;
  int base = 10;
  size_t digits = i;
  if (s.compare(i, 2, "0b") == 0 && AllOf(s, i + 2, IsBinary)) {
    base = 2, digits = i + 2;
  } else if (s.compare(i, 2, "0x") == 0 && AllOf(s, i + 2, IsHex)) {
    base = 16, digits = i + 2;
  } else if (s[i] == '0' && i + 1 < s.size() && AllOf(s, i + 1, IsOctal)) {
    base = 8, digits = i + 1;
  } else if (s[i] == '0' && i + 1 == s.size()) {
    *out = 0;
    return true;
  } else {
    if (!IsDigit(s[i]) || s[i] == '0') return false;
    for (size_t k = i + 1; k < s.size(); ++k) {
      if (IsDigit(s[k])) continue;
      if ((s[k] == ',' || s[k] == '_') && k + 1 < s.size() && IsDigit(s[k + 1])) continue;
      return false;
    }
  }
  std::string clean = WithoutSeparators(s.substr(digits));
  if (clean.empty()) return false;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(clean.c_str(), &end, base);
  if (errno == ERANGE || *end != '\0' || v > static_cast<unsigned long long>(INT64_MAX)) return false;
  *out = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

// ^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$  (Psych then drops '_' and ',')
bool ParseFloat(const std::string& s, double* out) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t int_start = i;
  if (i < s.size() && IsDigit(s[i])) {
    ++i;
    while (i < s.size() && (IsDigit(s[i]) || s[i] == '_' || s[i] == ',')) ++i;
  }
  if (i >= s.size() || s[i] != '.') return false;
  const bool has_int = i > int_start;
  ++i;
  size_t frac_start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (!has_int && i == frac_start && i == s.size()) return false;  // "." or "-." stay Strings
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return false;
    ++i;
    if (i >= s.size() || (s[i] != '-' && s[i] != '+')) return false;
    ++i;
    if (i >= s.size()) return false;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i != s.size()) return false;
  }
  *out = std::strtod(WithoutSeparators(s).c_str(), nullptr);
  return true;
}

// ^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}(\.[0-9_]*)?$ : base 60, as Psych reads it.
bool ParseSexagesimal(const std::string& s, RubyScalarValue* out) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  if (i >= s.size() || !IsDigit(s[i])) return false;
  std::vector<std::string> parts(1);
  while (i < s.size() && (IsDigit(s[i]) || s[i] == '_')) parts.back() += s[i++];
  while (i < s.size() && s[i] == ':') {
    ++i;
    std::string part;
    while (i < s.size() && IsDigit(s[i]) && part.size() < 2) part += s[i++];
    if (part.empty() || (part.size() == 2 && part[0] > '5')) return false;
    parts.push_back(part);
  }
  if (parts.size() < 2 || parts.size() > 3) return false;
  std::string fraction;
  bool is_float = false;
  if (i < s.size() && s[i] == '.') {
    is_float = true;
    fraction = s.substr(i + 1);
    for (char c : fraction) if (!IsDigit(c) && c != '_') return false;
    i = s.size();
  }
  if (i != s.size()) return false;
  // Psych: each part times 60 ** |e - 2|, e its index.
  double total = 0;
  for (size_t e = 0; e < parts.size(); ++e) {
    double part = std::strtod(WithoutSeparators(parts[e] + (e + 1 == parts.size() && is_float ? "." + fraction : "")).c_str(), nullptr);
    total += part * std::pow(60.0, std::abs(static_cast<int>(e) - 2));
  }
  if (negative) total = -total;
  if (is_float) {
    out->kind = RubyScalarValue::kFloat;
    out->number = total;
  } else {
    out->kind = RubyScalarValue::kInteger;
    out->integer = static_cast<int64_t>(total);
  }
  return true;
}

bool Digits(const std::string& s, size_t at, size_t min, size_t max, size_t* end) {
  size_t n = 0;
  while (at + n < s.size() && IsDigit(s[at + n]) && n < max) ++n;
  if (n < min) return false;
  *end = at + n;
  return true;
}

// ^\d{4}-\d\d?-\d\d?$ (Psych's month and day ranges aside): a Date.
bool LooksLikeDate(const std::string& s, size_t* end_of_date) {
  size_t i = 0;
  if (!Digits(s, 0, 4, 4, &i) || i >= s.size() || s[i] != '-') return false;
  if (!Digits(s, i + 1, 1, 2, &i) || i >= s.size() || s[i] != '-') return false;
  if (!Digits(s, i + 1, 1, 2, &i)) return false;
  *end_of_date = i;
  return true;
}

// ^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$
bool LooksLikeTime(const std::string& s) {
  size_t start = s.size() && s[0] == '-' ? 1 : 0;
  size_t i = 0;
  if (!LooksLikeDate(s.substr(start), &i)) return false;
  i += start;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't')) {
    ++i;
  } else {
    size_t spaces = i;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i == spaces) return false;
  }
  if (!Digits(s, i, 1, 2, &i) || i >= s.size() || s[i] != ':') return false;
  if (!Digits(s, i + 1, 2, 2, &i) || i >= s.size() || s[i] != ':') return false;
  if (!Digits(s, i + 1, 2, 2, &i)) return false;
  if (i < s.size() && s[i] == '.') Digits(s, i + 1, 0, 64, &i);
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  if (i == s.size()) return true;
  if (s[i] == 'Z') return i + 1 == s.size();
  if (s[i] != '-' && s[i] != '+') return false;
  if (!Digits(s, i + 1, 1, 2, &i)) return false;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size() && !Digits(s, i, 2, 2, &i)) return false;
  return i == s.size();
}

RubyScalarValue TypeRubyScalar(const std::string& s) {
  RubyScalarValue v;
  if (s.empty()) {
    v.kind = RubyScalarValue::kNil;
    return v;
  }
  if (StartsLikeWord(s) || s.find('\n') != std::string::npos) {
    if (s.size() > 5) return v;
    const std::string l = Lower(s);
    if (l == "~" || l == "null") v.kind = RubyScalarValue::kNil;
    else if (l == "yes" || l == "true" || l == "on") v.kind = RubyScalarValue::kTrue;
    else if (l == "no" || l == "false" || l == "off") v.kind = RubyScalarValue::kFalse;
    return v;
  }
  size_t date_end = 0;
  if (LooksLikeTime(s)) {
    v.kind = RubyScalarValue::kTime;
    return v;
  }
  if (LooksLikeDate(s, &date_end) && date_end == s.size()) {
    v.kind = RubyScalarValue::kDate;
    return v;
  }
  const std::string l = Lower(s);
  if (l == ".inf" || l == "+.inf" || l == "-.inf" || l == ".nan") {
    v.kind = RubyScalarValue::kFloat;
    v.number = l == ".nan" ? std::nan("") : (l[0] == '-' ? -HUGE_VAL : HUGE_VAL);
    return v;
  }
  if (s.size() > 1 && s[0] == ':') {
    v.kind = RubyScalarValue::kSymbol;
    const char q = s[1];
    size_t close = (q == '"' || q == '\'') ? s.find(q, 2) : std::string::npos;
    v.text = close != std::string::npos ? s.substr(2, close - 2) : s.substr(1);
    if (!v.text.empty() && v.text[0] == ':' && close != std::string::npos) v.text.erase(0, 1);
    return v;
  }
  if (ParseSexagesimal(s, &v)) return v;
  if (ParseFloat(s, &v.number)) {
    v.kind = RubyScalarValue::kFloat;
    return v;
  }
  if (ParseInteger(s, &v.integer)) {
    v.kind = RubyScalarValue::kInteger;
    return v;
  }
  return v;
}

// Built from libyaml's events rather than its document loader: the loader keeps every alias as
// a shared node, and expanding them afterwards is where a tiny file turns into gigabytes. Here
// each node is counted as it is built, and the parse stops at the first broken limit, before
// libyaml's scanner (whose cost grows with the nesting depth) gets any deeper.
template <typename Json>
class Builder {
 public:
  // ruby: plain scalars typed as Psych types them, Ruby-only values encoded (yaml_read.h), and
  // merge keys (<<) merged.
  Builder(const std::string& file, const YamlLimits& limits, bool ruby = false)
      : file_(file), limits_(limits), ruby_(ruby) {}

  // Consumes one event; false on a broken limit or a bad alias (status() says why).
  bool Add(const yaml_event_t& e) {
    const int line = static_cast<int>(e.start_mark.line) + 1;
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        if (!Start(line, Anchor(e.data.scalar.anchor))) return false;
        std::string value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        Json j;
        const bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (ruby_) {
          j = RubyScalar(std::move(value), plain, Anchor(e.data.scalar.tag));
          if (stack_.size() && stack_.back().mapping && !stack_.back().has_key) {
            stack_.back().merge_key = plain && j.is_string() && j.template get_ref<const std::string&>() == "<<";
          }
        } else if (!(plain && (value.empty() || value == "~" || value == "null"))) {
          // A plain ~ or null, or an empty plain scalar, is YAML's null.
          j = std::move(value);
        }
        return Finish(std::move(j), 1, 0, Anchor(e.data.scalar.anchor));
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool mapping = e.type == YAML_MAPPING_START_EVENT;
        std::string anchor = Anchor(mapping ? e.data.mapping_start.anchor : e.data.sequence_start.anchor);
        if (!Start(line, anchor)) return false;
        if (ruby_ && stack_.size() && stack_.back().mapping && !stack_.back().has_key) stack_.back().merge_key = false;
        Frame f;
        f.value = mapping ? Json::object() : Json::array();
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
        if (ruby_ && stack_.size() && stack_.back().mapping && !stack_.back().has_key) stack_.back().merge_key = false;
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
  bool document() const { return document_; }
  size_t aliases() const { return aliases_; }
  const Status& status() const { return status_; }
  Json& root() { return root_; }

 private:
  struct Frame {
    Json value;
    bool mapping = false;
    bool has_key = false;
    bool merge_key = false;  // the pending key is a plain << (ruby)
    std::string key;
    std::string anchor;
    size_t nodes_before = 0;
    int height = 0;  // levels below this node
  };
  struct Anchored {
    Json value;
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
  bool Finish(Json value, size_t nodes, int height, const std::string& anchor, bool counted = false) {
    if (!counted) nodes_ += nodes;
    if (!anchor.empty()) anchors_[anchor] = Anchored{value, nodes, height};
    if (stack_.empty()) {
      root_ = std::move(value);
      document_ = true;
      return true;
    }
    Frame& parent = stack_.back();
    parent.height = std::max(parent.height, height + 1);
    if (!parent.mapping) {
      parent.value.push_back(std::move(value));
    } else if (!parent.has_key) {
      parent.key = value.is_string() ? value.template get<std::string>() : ruby_ ? RubyKey(value) : value.dump();
      parent.has_key = true;
    } else if (parent.merge_key && Merge(parent.value, value)) {
      parent.has_key = false;
    } else {
      parent.value[parent.key] = std::move(value);
      parent.has_key = false;
    }
    return true;
  }

  // Psych's merge key: `<<: *defaults` (or a list of them) merges the mappings into this one.
  static bool Merge(Json& into, const Json& value) {
    if (value.is_object()) {
      for (auto it = value.begin(); it != value.end(); ++it) into[it.key()] = it.value();
      return true;
    }
    if (!value.is_array()) return false;
    for (const auto& item : value) if (!item.is_object()) return false;
    Json merged = Json::object();
    for (auto it = value.rbegin(); it != value.rend(); ++it) {
      for (auto kv = it->begin(); kv != it->end(); ++kv) merged[kv.key()] = kv.value();
    }
    for (auto kv = merged.begin(); kv != merged.end(); ++kv) into[kv.key()] = kv.value();
    return true;
  }

  // A mapping key that is not a String, in the encoding of yaml_read.h.
  static std::string RubyKey(const Json& v) {
    if (v.is_null()) return std::string("\0n", 2);
    if (v.is_boolean()) return std::string(1, '\0') + (v.template get<bool>() ? "t" : "F");
    if (v.is_number_integer()) return std::string(1, '\0') + "i:" + std::to_string(v.template get<int64_t>());
    if (v.is_number_float()) return std::string(1, '\0') + "f:" + v.dump();
    return v.dump();
  }

  Json RubyScalar(std::string value, bool plain, const std::string& tag) {
    const std::string kStr = "tag:yaml.org,2002:str";
    if (!plain || tag == kStr) return Json(EscapeRubyString(std::move(value)));
    RubyScalarValue typed = TypeRubyScalar(value);
    switch (typed.kind) {
      case RubyScalarValue::kNil: return Json();
      case RubyScalarValue::kTrue: return Json(true);
      case RubyScalarValue::kFalse: return Json(false);
      case RubyScalarValue::kInteger: return Json(typed.integer);
      case RubyScalarValue::kFloat: return Json(typed.number);
      case RubyScalarValue::kString: return Json(EscapeRubyString(std::move(value)));
      case RubyScalarValue::kSymbol: return Json(std::string(1, '\0') + ":" + typed.text);
      case RubyScalarValue::kTime: return Json(std::string(1, '\0') + "T:" + value);
      case RubyScalarValue::kDate: return Json(std::string(1, '\0') + "D:" + value);
    }
    return Json(std::move(value));
  }

  static std::string EscapeRubyString(std::string s) {
    if (!s.empty() && s[0] == '\0') s.insert(s.begin(), '\0');
    return s;
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
  const bool ruby_;
  std::vector<Frame> stack_;
  std::map<std::string, Anchored> anchors_;
  std::set<std::string> anchor_open_;
  size_t nodes_ = 0, aliases_ = 0;
  Json root_;
  bool done_ = false;
  bool document_ = false;
  Status status_;
};

template <typename Json>
Status Parse(const std::string& text, const std::string& file, const YamlLimits& limits, Builder<Json>* builder) {
  if (text.size() > limits.max_bytes) {
    return Status::Config(limits.max_bytes % (1u << 20) == 0 ? fmt::format("larger than {} MiB", limits.max_bytes >> 20)
                                                            : fmt::format("larger than {} bytes", limits.max_bytes),
                          Location{file, 0});
  }
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return Status::Internal("cannot start the YAML parser");
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  Builder<Json>& b = *builder;
  Status status;
  // Only the first document counts, as with libyaml's loader.
  while (!b.done()) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      status = Status::Config(parser.problem ? parser.problem : "cannot parse",
                              Location{file, static_cast<int>(parser.problem_mark.line) + 1});
      break;
    }
    const bool end = event.type == YAML_STREAM_END_EVENT;
    const bool ok = b.Add(event);
    yaml_event_delete(&event);
    if (!ok) {
      status = b.status();
      break;
    }
    if (end) break;
  }
  yaml_parser_delete(&parser);
  return status;
}

}  // namespace

Status ReadYaml(const std::string& text, const std::string& file, nlohmann::json* out, const YamlLimits& limits) {
  Builder<nlohmann::json> builder(file, limits);
  Status status = Parse(text, file, limits, &builder);
  if (status.ok()) *out = std::move(builder.root());
  return status;
}

Status ReadYamlForRuby(const std::string& text, const std::string& file, RubyYaml* out, const YamlLimits& limits) {
  Builder<nlohmann::ordered_json> builder(file, limits, /*ruby=*/true);
  Status status = Parse(text, file, limits, &builder);
  if (!status.ok()) return status;
  out->document = builder.document();
  out->aliases = builder.aliases();
  out->value = std::move(builder.root());
  return status;
}

}  // namespace jetsam
