// Turning a Ruby exception into a Status that names the config file and line.
#pragma once
#include <cstdint>
#include <string>

#include <mruby.h>

#include "jetsam/status.h"

namespace jetsam::vm {

// The innermost frame of `exc`'s backtrace that belongs to a config file (frames of the
// embedded mrblib carry no line information and are skipped).
Location ExceptionLocation(mrb_state* mrb, mrb_value exc);

// "NoMethodError: undefined method 'x' for nil" at its location; NoMemoryError and
// SystemStackError become kLimit with a hint. `refused_at` is where the heap last refused an
// allocation: the location of a memory error, whose exception carries no backtrace.
Status ExceptionToStatus(mrb_state* mrb, mrb_value exc, bool memory_exhausted, int64_t memory_limit,
                         const Location& refused_at = {});

// The location of the innermost Ruby frame with line information: where a config file's
// code is running right now. Empty when no config code is on the stack.
Location CallerLocation(mrb_state* mrb);

}  // namespace jetsam::vm
