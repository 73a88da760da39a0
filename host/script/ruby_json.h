// JSON.generate, JSON.pretty_generate and JSON.parse for scripts, on nlohmann/json.
#pragma once
#include <string>

#include <mruby.h>

#include "jetsam/policy.h"

namespace jetsam::script {

// How deep JSON may nest, either way (Ruby's json has the same default, max_nesting 100).
constexpr int kMaxJsonNesting = 100;

// Ruby data to JSON: Hash (keys as Strings: a Symbol's name, another key's to_s), Array, String,
// Symbol (its name), Integer, Float, true, false, nil; any other object as its to_s. False, with
// the reason in *error, for NaN or Infinity, nesting deeper than kMaxJsonNesting (cycles too),
// or a to_s that raised. Calls Ruby (to_s): run it under Protected.
bool RubyToJson(mrb_state* mrb, mrb_value v, Json* out, std::string* error);

// The text JSON.generate (pretty: JSON.pretty_generate) writes: as Ruby's json does, except that
// the characters that no jetsam output writes raw (core/utf8.h MustEscape) are \u escapes.
std::string JsonGenerate(const Json& value, bool pretty);

// Defines Native.json_generate(obj, pretty) and Native.json_parse(text, symbolize_names).
void DefineJsonNatives(mrb_state* mrb, RClass* native);

}  // namespace jetsam::script
