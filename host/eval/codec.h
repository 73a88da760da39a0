// An evaluation's outcome as bytes, to cross from the sandboxed child to the parent.
#pragma once
#include <string>

#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam::eval {

std::string EncodeOutcome(const Status& status, const EvalResult& result);
// Returns the child's Status (or kInternal when the bytes are not an outcome).
Status DecodeOutcome(const std::string& bytes, EvalResult* result);

}  // namespace jetsam::eval
