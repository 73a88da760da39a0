#include "emit/yaml_quote.h"

#include <array>
#include <cctype>
#include <string>

#include "core/utf8.h"

namespace jetsam::emit {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// YAML 1.1 and 1.2 words a loader turns into null, a boolean, a merge key or (PyYAML) a value.
bool IsReservedWord(std::string_view s) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan", "<<", "="};
  const std::string lower = Lower(s);
  for (auto w : kWords)
    if (lower == w) return true;
  return lower == "+.inf" || lower == "-.inf";
}

// Numbers, dates, times and sexagesimals all start with a digit, or a sign or dot before one.
// Quoting every such string is more than strictly needed, and always safe.
bool LooksNumeric(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') ++i;
  return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
}

bool StartsWithIndicator(char c) {
  static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  return kIndicators.find(c) != std::string_view::npos;
}

}  // namespace

Quote QuoteFor(std::string_view s) {
  // Line breaks (LF, CR, NEL, U+2028, U+2029) and what YAML may not hold raw (controls, DEL,
  // U+FFFE, ...) only double quotes can escape; the other characters text escapes go there too,
  // so a reader sees them.
  for (size_t at = 0; at < s.size();)
    if (utf8::MustEscape(utf8::Next(s, &at))) return Quote::kDouble;
  if (s.empty() || IsReservedWord(s) || LooksNumeric(s) || StartsWithIndicator(s.front()) ||
      s.starts_with("...") ||  // a document end marker at the start of a line
      s.front() == ' ' || s.back() == ' ' || s.back() == ':' ||
      s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos)
    return Quote::kSingle;
  return Quote::kPlain;
}

}  // namespace jetsam::emit
