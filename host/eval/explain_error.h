// The errors a config file's evaluation raises, rewritten into what its author needs to know:
// the setting it misspelt or misplaced (or named the Jets 5 way), the template it is, the sandbox
// that refused it.
#pragma once
#include <functional>
#include <string>

#include "eval/runtime.h"
#include "jetsam/evaluate.h"
#include "jetsam/settings.h"
#include "jetsam/status.h"

namespace jetsam::eval {

// Rewrites `error`, raised while the checkout's files ran, when it says something a person would
// read differently; otherwise returns it as it is. `defaults` gives Jets' default settings of all
// three objects (built only when a message needs them).
Status ExplainError(const Status& error, const Recorder& recorder, const Sources& sources,
                    const std::function<Settings()>& defaults);

// `path` (config/jets/NAME.rb.tt) is an ERB template where Jets reads config/jets/NAME.rb.
Status TemplateError(const std::string& path, const std::string& text);

}  // namespace jetsam::eval
