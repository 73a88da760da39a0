// JSON for Ruby code in a VM: parse (nlohmann/json) and generate, as Ruby's json gem does them.
// The Ruby side (mrblib/stdlib/json.rb) defines JSON and ActiveSupport's as_json/to_json over
// these two module functions; any VM that loads that file and calls InstallJsonNative has JSON.
#pragma once
#include <mruby.h>

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

}  // namespace jetsam::eval
