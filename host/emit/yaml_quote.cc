#include "emit/yaml_quote.h"

#include <array>
#include <cctype>
#include <string>

namespace jetsam::emit {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// YAML 1.1 and 1.2 words a loader turns into null or a boolean, in any case.
bool IsReservedWord(std::string_view s) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan", "<<"};
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
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return Quote::kDouble;
  if (s.empty() || IsReservedWord(s) || LooksNumeric(s) || StartsWithIndicator(s.front()) ||
      s.front() == ' ' || s.back() == ' ' || s.back() == ':' ||
      s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos)
    return Quote::kSingle;
  return Quote::kPlain;
}

}  // namespace jetsam::emit
