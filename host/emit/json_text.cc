// The one way jetsam writes JSON for programs.
#include <fmt/format.h>

#include "core/utf8.h"
#include "jetsam/emit.h"

namespace jetsam {

namespace {

std::string Escaped(const Json& value, int indent) {
  // `replace`: a string that is not UTF-8 must not throw out of the emitter.
  const std::string text = value.dump(indent, ' ', false, Json::error_handler_t::replace);
  // The dump escapes C0 controls only. Every other character TextSafe escapes can stand only
  // inside a string here, where a \u escape reads back as the same character.
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    // ASCII below DEL passes as it is (a C0 control here is the dump's own layout): copy runs.
    size_t run = at;
    while (run < text.size() && static_cast<unsigned char>(text[run]) < 0x7F) ++run;
    out.append(text, at, run - at);
    at = run;
    if (at == text.size()) break;
    const size_t start = at;
    const long c = utf8::Next(text, &at);
    if (c < 0x20 || !utf8::MustEscape(c)) {
      out.append(text, start, at - start);
    } else if (c <= 0xFFFF) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      const long v = c - 0x10000;
      out += fmt::format("\\u{:04x}\\u{:04x}", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
    }
  }
  return out;
}

}  // namespace

std::string JsonText(const Json& value) { return Escaped(value, 2) + "\n"; }
std::string JsonLine(const Json& value) { return Escaped(value, -1) + "\n"; }
std::string JsonDump(const Json& value, int indent) { return Escaped(value, indent); }

}  // namespace jetsam
