#include <gtest/gtest.h>

#include <string>

#include "core/utf8.h"

namespace jetsam::utf8 {
namespace {

TEST(Utf8, ValidAndInvalid) {
  for (const char* s : {"", "s3:GetObject", "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf"})
    EXPECT_TRUE(Valid(s)) << s;
  // A lone byte, a cut sequence, an overlong form, a surrogate, above U+10FFFF.
  for (const char* s : {"\xff", "a\xc3", "\xc3(", "\xe2\x80", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80"})
    EXPECT_FALSE(Valid(s)) << s;
  EXPECT_EQ(FirstInvalid("s3:Get\xffObject"), 6u);
}

// The ASCII fast path reads eight bytes at a time: an invalid byte or a character at every
// offset around those words is found as the decoder alone finds it.
TEST(Utf8, FirstInvalidAtEveryOffset) {
  for (size_t prefix = 0; prefix < 20; ++prefix) {
    const std::string ascii(prefix, 'a');
    EXPECT_EQ(FirstInvalid(ascii + "\xff" + std::string(9, 'b')), prefix) << prefix;
    EXPECT_EQ(FirstInvalid(ascii + "\xe2\x80"), prefix) << prefix;  // cut at the end
    EXPECT_EQ(FirstInvalid(ascii + "\xf0\x9f\x98\x80" + std::string(9, 'b')), std::string_view::npos) << prefix;
    EXPECT_EQ(FirstInvalid(ascii + "\xc3\xa9\xc3" + std::string(9, 'b')), prefix + 2) << prefix;
  }
}

TEST(Utf8, NextStepsOverOneInvalidByte) {
  const std::string s = "\xc3(a";
  size_t at = 0;
  EXPECT_EQ(Next(s, &at), -1);
  EXPECT_EQ(at, 1u);
  EXPECT_EQ(Next(s, &at), '(');
}

TEST(Utf8, MustEscape) {
  for (long c : {0x00L, 0x0AL, 0x0DL, 0x1BL, 0x7FL, 0x85L, 0x9BL, 0xADL, 0x200BL, 0x200EL, 0x2028L, 0x2029L,
                 0x202AL, 0x202EL, 0x2066L, 0x2069L, 0xFEFFL, 0xFFFEL, 0xFFFFL, 0x1FFFEL, 0xFDD0L, 0xE0001L, -1L})
    EXPECT_TRUE(MustEscape(c)) << c;
  for (long c : {0x20L, 0x61L, 0x7EL, 0xA0L, 0xE9L, 0x2010L, 0x2030L, 0xFFFDL, 0x1F600L})
    EXPECT_FALSE(MustEscape(c)) << c;
}

}  // namespace
}  // namespace jetsam::utf8
