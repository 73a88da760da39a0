// The explain model: where every action and resource of every role came from
// (host/analyze/explain.cc). host/emit/explain_text.cc renders it; `--format json` prints it.
#pragma once
#include "jetsam/compile.h"
#include "jetsam/settings.h"

namespace jetsam {

// Per role, policy and statement: each action and resource with its origin, switches, notes
// where Jets differs from its docs, and a summary per role.
Json Explain(const Compiled& compiled, const Settings& settings);

}  // namespace jetsam
