// JSON for Ruby code in a VM: parse (nlohmann/json) and generate, as Ruby's json gem does them.
// The Ruby side (mrblib/stdlib/json.rb; ActiveSupport's as_json/to_json in
// mrblib/active_support/json.rb) is written over these two module functions of Jetsam::Host: any
// VM that loads that file and calls InstallJsonNative has JSON (a config's and a script's do).
#pragma once
#include <string>

#include <mruby.h>
#include <nlohmann/json.hpp>

namespace jetsam::eval {

// Defines on `module`:
//   json_parse(text, symbolize_names, max_nesting) -> the value (JSON::ParserError,
//     JSON::NestingError when nested deeper than max_nesting, 0 meaning no limit)
//   json_generate(value, pretty, escape_html, max_nesting) -> String (JSON::GeneratorError for
//     text that is not UTF-8 or a NaN, JSON::NestingError). Hashes, Arrays, Strings, Symbols,
//     numbers, true, false and nil are written as such; any other object as its to_s, as the
//     json gem does. escape_html writes <, > and & as \u003c... (ActiveSupport's to_json).
// The JSON exception classes are looked up when raised: define them (json.rb) before use.
void InstallJsonNative(mrb_state* mrb, RClass* module);

// The same conversions for the host's own use (the script stage's answers and arguments), so that
// every VM's JSON is this one.
//
// JSON to Ruby as json_parse makes it. Raises (NoMemoryError): call it under a handler.
mrb_value JsonToRuby(mrb_state* mrb, const nlohmann::ordered_json& json, bool symbolize_names);
// `value` as json_generate(value, pretty) writes it (nesting bounded at Ruby's default, 100), into
// *text. False when it cannot be written: *exception is what Ruby code it ran (a to_s) raised,
// else *error names the JSON error ("JSON::NestingError: nesting of 100 is too deep"). Raises
// nothing.
bool WriteJson(mrb_state* mrb, mrb_value value, bool pretty, std::string* text, std::string* error,
               mrb_value* exception);

}  // namespace jetsam::eval
