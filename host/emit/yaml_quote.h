// When a YAML plain scalar would be read back as something other than the string it holds.
#pragma once
#include <string_view>

namespace jetsam::emit {

enum class Quote { kPlain, kSingle, kDouble };

// kPlain when the string reads back as itself unquoted; kSingle when it needs quotes;
// kDouble when it holds characters only double quotes can escape (control characters).
Quote QuoteFor(std::string_view s);

}  // namespace jetsam::emit
