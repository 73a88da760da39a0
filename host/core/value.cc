#include "jetsam/value.h"

#include <fmt/format.h>

namespace jetsam {
namespace {

bool IsPlainSymbol(const std::string& s) {
  if (s.empty() || !(isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool last = i + 1 == s.size();
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || (last && (c == '?' || c == '!' || c == '=')))) return false;
  }
  return true;
}

std::string QuoteRuby(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '#': out += "#"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

}  // namespace

Value Value::Integer(int64_t i) {
  Value v;
  v.kind_ = Kind::kInteger;
  v.integer_ = i;
  return v;
}

Value Value::Float(double d, std::string ruby_to_s) {
  Value v;
  v.kind_ = Kind::kFloat;
  v.float_ = d;
  v.text_ = std::move(ruby_to_s);
  return v;
}

Value Value::Array(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kArray;
  v.items_ = std::move(items);
  return v;
}

Value Value::Hash(std::vector<Pair> pairs) {
  Value v;
  v.kind_ = Kind::kHash;
  v.pairs_ = std::move(pairs);
  return v;
}

Value Value::Other(std::string class_name, std::string to_s) {
  Value v;
  v.kind_ = Kind::kOther;
  v.class_name_ = std::move(class_name);
  v.text_ = std::move(to_s);
  return v;
}

const Value* Value::Find(std::string_view key) const {
  for (const auto& [k, v] : pairs_) {
    if (k.is_text() && k.text() == key) return &v;
  }
  return nullptr;
}

std::string Value::ToS() const {
  switch (kind_) {
    case Kind::kNil: return "";
    case Kind::kTrue: return "true";
    case Kind::kFalse: return "false";
    case Kind::kInteger: return std::to_string(integer_);
    case Kind::kFloat:
    case Kind::kString:
    case Kind::kSymbol:
    case Kind::kOther: return text_;
    case Kind::kArray:
    case Kind::kHash: return Inspect();
  }
  return {};
}

std::string Value::Inspect() const {
  switch (kind_) {
    case Kind::kNil: return "nil";
    case Kind::kString: return QuoteRuby(text_);
    case Kind::kSymbol: return IsPlainSymbol(text_) ? ":" + text_ : ":" + QuoteRuby(text_);
    case Kind::kOther: return text_.empty() ? "#<" + class_name_ + ">" : text_;
    case Kind::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < items_.size(); ++i) out += (i ? ", " : "") + items_[i].Inspect();
      return out + "]";
    }
    case Kind::kHash: {
      std::string out = "{";
      for (size_t i = 0; i < pairs_.size(); ++i) {
        const auto& [k, v] = pairs_[i];
        out += i ? ", " : "";
        // Ruby 3.4 style, as people now read it: {Action: "x"} and {"Action" => "x"}.
        if (k.is_symbol() && IsPlainSymbol(k.text())) {
          out += k.text() + ": ";
        } else {
          out += k.Inspect() + " => ";
        }
        out += v.Inspect();
      }
      return out + "}";
    }
    default: return ToS();
  }
}

nlohmann::ordered_json Value::ToJson() const {
  switch (kind_) {
    case Kind::kNil: return nullptr;
    case Kind::kTrue: return true;
    case Kind::kFalse: return false;
    case Kind::kInteger: return integer_;
    case Kind::kFloat: return float_;
    case Kind::kString:
    case Kind::kSymbol: return text_;
    case Kind::kOther: return text_;
    case Kind::kArray: {
      auto out = nlohmann::ordered_json::array();
      for (const auto& item : items_) out.push_back(item.ToJson());
      return out;
    }
    case Kind::kHash: {
      auto out = nlohmann::ordered_json::object();
      for (const auto& [k, v] : pairs_) out[k.ToS()] = v.ToJson();
      return out;
    }
  }
  return nullptr;
}

bool Value::operator==(const Value& o) const {
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::kInteger: return integer_ == o.integer_;
    case Kind::kFloat: return float_ == o.float_;
    case Kind::kString:
    case Kind::kSymbol: return text_ == o.text_;
    case Kind::kOther: return class_name_ == o.class_name_ && text_ == o.text_;
    case Kind::kArray: return items_ == o.items_;
    case Kind::kHash: return pairs_ == o.pairs_;
    default: return true;
  }
}

}  // namespace jetsam
