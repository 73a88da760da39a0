#include "core/utf8.h"

#include <cstdint>
#include <cstring>

namespace jetsam::utf8 {

long Next(std::string_view s, size_t* at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const size_t i = *at;
  const unsigned char b0 = byte(i);
  ++*at;
  if (b0 < 0x80) return b0;
  int extra;
  long cp, min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    extra = 1, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    extra = 2, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    extra = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (i + extra >= s.size()) return -1;
  for (int k = 1; k <= extra; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  *at = i + 1 + extra;
  return cp;
}

size_t FirstInvalid(std::string_view s) {
  // Settings are mostly ASCII: eight bytes at a time while none has its high bit set.
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  for (size_t at = 0; at < s.size();) {
    if (s.size() - at >= 8) {
      uint64_t word;
      std::memcpy(&word, s.data() + at, 8);
      if ((word & kHighBits) == 0) {
        at += 8;
        continue;
      }
    }
    const size_t start = at;
    if (Next(s, &at) < 0) return start;
  }
  return std::string_view::npos;
}

bool Valid(std::string_view s) { return FirstInvalid(s) == std::string_view::npos; }

bool MustEscape(long c) {
  if (c < 0) return true;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;  // C0, DEL, C1 (NEL is U+0085)
  if (c < 0xA0) return false;
  if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) return true;  // noncharacters
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x061C:  // Arabic letter mark
    case 0x180E:  // Mongolian vowel separator
    case 0xFEFF:  // byte order mark, zero-width no-break space
      return true;
    default:
      break;
  }
  return (c >= 0x200B && c <= 0x200F) ||  // zero-width spaces and joiners, LRM, RLM
         (c >= 0x2028 && c <= 0x202E) ||  // line and paragraph separators, LRE..RLO
         (c >= 0x2060 && c <= 0x206F) ||  // word joiner, invisible operators, LRI..PDI, ...
         (c >= 0xFFF9 && c <= 0xFFFB) ||  // interlinear annotation
         (c >= 0xE0000 && c <= 0xE007F);  // tags
}

}  // namespace jetsam::utf8
