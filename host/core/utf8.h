// UTF-8 as jetsam judges a config's strings: one strict decoder, and the one list of characters
// that no output may write raw (text escapes them, YAML double-quotes and escapes them, JSON
// writes them as \u escapes).
#pragma once
#include <cstddef>
#include <string_view>

namespace jetsam::utf8 {

// Decodes the character at s[*at] and advances *at past it. Returns the code point, or -1 for a
// byte that starts no valid UTF-8 sequence (overlong forms, surrogates and values above
// U+10FFFF included); *at then moves past that one byte.
long Next(std::string_view s, size_t* at);

// Whether every byte of `s` belongs to a valid UTF-8 sequence.
bool Valid(std::string_view s);
// The byte offset of the first invalid byte, or npos.
size_t FirstInvalid(std::string_view s);

// Characters that can change how output reads without being seen: C0 and C1 controls (ESC, CR,
// LF, NEL), DEL, the line and paragraph separators, bidi controls and the other invisible
// format characters, and Unicode noncharacters (U+FFFE, U+FFFF, ...), which YAML forbids.
bool MustEscape(long code_point);

}  // namespace jetsam::utf8
