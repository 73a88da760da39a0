// Short builders for the compile and emit tests: Ruby values and settings written by hand.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "jetsam/settings.h"
#include "jetsam/value.h"

namespace jetsam::fixtures {

inline Value S(std::string s) { return Value::String(std::move(s)); }
inline Value Sym(std::string s) { return Value::Symbol(std::move(s)); }
inline Value I(int64_t i) { return Value::Integer(i); }
inline Value A(std::vector<Value> items = {}) { return Value::Array(std::move(items)); }
inline Value H(std::vector<Value::Pair> pairs = {}) { return Value::Hash(std::move(pairs)); }
// A Symbol-keyed pair, as `Action: x` in Ruby.
inline Value::Pair P(std::string key, Value v) { return {Value::Symbol(std::move(key)), std::move(v)}; }
// A String-keyed pair, as `"Action" => x` in Ruby.
inline Value::Pair SP(std::string key, Value v) { return {Value::String(std::move(key)), std::move(v)}; }
inline Value Strings(std::vector<std::string> items) {
  std::vector<Value> out;
  for (auto& s : items) out.push_back(S(std::move(s)));
  return A(std::move(out));
}
inline Location At(std::string file, int line) { return Location{std::move(file), line}; }

// A setting the Jets default left untouched.
inline Setting Default(std::string path, Value v) {
  Setting s;
  s.path = std::move(path);
  s.value = std::move(v);
  return s;
}

// A setting assigned at `where`; every top-level item comes from there too.
inline Setting Assigned(std::string path, Value v, Location where) {
  Setting s = Default(std::move(path), std::move(v));
  s.where = where;
  s.item_origins.assign(s.value.is_array() ? s.value.items().size() : 0, where);
  s.history.push_back(Change{where, "set"});
  return s;
}

}  // namespace jetsam::fixtures
