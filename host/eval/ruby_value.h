// Copying values between the VM and the host.
#pragma once
#include <mruby.h>
#include <mruby/string.h>

#include <string>
#include <string_view>
#include <nlohmann/json.hpp>

#include "jetsam/status.h"
#include "jetsam/value.h"

namespace jetsam::eval {

// Deep copy of a Ruby value. Cycles and nesting past 100 levels become Value::Other.
Value RubyToValue(mrb_state* mrb, mrb_value v);

// A Ruby String's bytes ("" for anything else).
std::string RubyString(mrb_value v);

// A Ruby String's bytes in place (`s` must be a String), valid while the String is unchanged.
inline std::string_view View(mrb_value s) { return {RSTRING_PTR(s), static_cast<size_t>(RSTRING_LEN(s))}; }

// JSON (facts) to Ruby: objects become Hashes with String keys.
mrb_value JsonToRuby(mrb_state* mrb, const nlohmann::json& j);

}  // namespace jetsam::eval
