// When a YAML plain scalar would be read back as something other than the string it holds.
#pragma once
#include <string_view>

namespace jetsam::emit {

enum class Quote { kPlain, kSingle, kDouble };

// kPlain when the string reads back as itself unquoted; kSingle when it needs quotes;
// kDouble when it holds characters only double quotes can escape (utf8::MustEscape: control
// characters, line breaks, invisible format characters, noncharacters) or bytes that are not UTF-8.
Quote QuoteFor(std::string_view s);

}  // namespace jetsam::emit
