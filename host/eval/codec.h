// An evaluation's outcome as bytes, to cross from the sandboxed child to the parent.
#pragma once
#include <cstddef>
#include <string>

#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam::eval {

// `max_cost` bounds what the decoded result may cost in memory (each value and text at its
// in-memory size): a result beyond it is encoded as a kLimit outcome instead.
std::string EncodeOutcome(const Status& status, const EvalResult& result, size_t max_cost);
// Returns the child's Status (or kInternal when the bytes are not an outcome, kLimit when they
// would cost more than `max_cost`).
Status DecodeOutcome(const std::string& bytes, EvalResult* result, size_t max_cost);

}  // namespace jetsam::eval
