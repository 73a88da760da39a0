// Copying values between the VM and the host.
#pragma once
#include <mruby.h>
#include <nlohmann/json.hpp>

#include "jetsam/value.h"

namespace jetsam::bindings {

// Deep copy of a Ruby value. Cycles and nesting past 100 levels become Value::Other.
Value RubyToValue(mrb_state* mrb, mrb_value v);

// JSON (facts) to Ruby: objects become Hashes with String keys.
mrb_value JsonToRuby(mrb_state* mrb, const nlohmann::json& j);

}  // namespace jetsam::bindings
