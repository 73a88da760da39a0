// A Ruby value as the config left it, copied out of the VM: no mruby type crosses this line.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace jetsam {

class Value {
 public:
  enum class Kind { kNil, kTrue, kFalse, kInteger, kFloat, kString, kSymbol, kArray, kHash, kOther };
  using Pair = std::pair<Value, Value>;

  Value() = default;
  static Value Nil() { return Value(); }
  static Value Bool(bool b) { Value v; v.kind_ = b ? Kind::kTrue : Kind::kFalse; return v; }
  static Value Integer(int64_t i);
  // `ruby_to_s` is Ruby's own Float#to_s text ("1.0", "1.0e+20"): Jets stringifies with it.
  static Value Float(double d, std::string ruby_to_s);
  static Value String(std::string s) { return Text(Kind::kString, std::move(s)); }
  static Value Symbol(std::string s) { return Text(Kind::kSymbol, std::move(s)); }
  static Value Array(std::vector<Value> items = {});
  static Value Hash(std::vector<Pair> pairs = {});
  // Any other object (a Proc, a Range): kept as its class name and its to_s.
  static Value Other(std::string class_name, std::string to_s);

  Kind kind() const { return kind_; }
  bool is_nil() const { return kind_ == Kind::kNil; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_symbol() const { return kind_ == Kind::kSymbol; }
  bool is_text() const { return is_string() || is_symbol(); }  // String or Symbol
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_hash() const { return kind_ == Kind::kHash; }
  bool truthy() const { return kind_ != Kind::kNil && kind_ != Kind::kFalse; }

  int64_t integer() const { return integer_; }
  double number() const { return float_; }
  const std::string& text() const { return text_; }  // String, Symbol, Float's to_s, Other's to_s
  const std::string& class_name() const { return class_name_; }
  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  const std::vector<Pair>& pairs() const { return pairs_; }
  std::vector<Pair>& pairs() { return pairs_; }

  // Hash lookup where a Symbol key and a String key of the same text are the same key.
  const Value* Find(std::string_view key) const;

  // Ruby's `inspect`, for messages: ["s3", {Action: "x"}].
  std::string Inspect() const;
  // Ruby's `to_s` of a scalar (nil -> "", :sym -> "sym", 1.5 -> "1.5").
  std::string ToS() const;
  // Plain JSON for people and programs: symbols become strings, hash keys their to_s.
  nlohmann::ordered_json ToJson() const;

  bool operator==(const Value& o) const;

 private:
  static Value Text(Kind k, std::string s) { Value v; v.kind_ = k; v.text_ = std::move(s); return v; }
  Kind kind_ = Kind::kNil;
  int64_t integer_ = 0;
  double float_ = 0;
  std::string text_;
  std::string class_name_;
  std::vector<Value> items_;
  std::vector<Pair> pairs_;
};

}  // namespace jetsam
