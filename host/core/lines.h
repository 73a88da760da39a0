// One line of a text, by the 1-based number that a file:line names.
#pragma once
#include <string_view>

namespace jetsam {

// Line `line` of `text` without its newline; empty when the text has fewer lines.
inline std::string_view LineOf(std::string_view text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  if (start > text.size()) return {};
  const size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

}  // namespace jetsam
