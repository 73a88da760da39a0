#include <gtest/gtest.h>

#include "jetsam/emit.h"

namespace jetsam {
namespace {

TEST(TextSafe, EscapesWhatCouldSpoofAndKeepsTheRest) {
  EXPECT_EQ(TextSafe("\n0 errors, 0 warnings, 0 infos\n\x1b[8m"), "\\n0 errors, 0 warnings, 0 infos\\n\\e[8m");
  EXPECT_EQ(TextSafe("a\rb\tc\x7f\x01"), "a\\rb\\tc\\x7F\\x01");
  EXPECT_EQ(TextSafe("s3:GetObject\u2028- iam:*\u0085\u202Ex\u2066\ufeff"),
            "s3:GetObject\\u2028- iam:*\\u0085\\u202Ex\\u2066\\uFEFF");
  EXPECT_EQ(TextSafe("\xff\xc3("), "\\xFF\\xC3(");
  EXPECT_EQ(TextSafe("\U000E0001"), "\\u{E0001}");
  EXPECT_EQ(TextSafe("arn:aws:s3:::caf\u00e9/* \\n"), "arn:aws:s3:::caf\u00e9/* \\n");
}

TEST(TextSafe, StatusAndNotice) {
  Status s = Status::Config("bad\nline", Location{"x\x1b.rb", 3}, "hint\r");
  // A file name with more than letters, digits and ._-/+()@, is quoted (Location::str).
  EXPECT_EQ(StatusText(s), "\"x\\e.rb\":3: bad\\nline\n  hint: hint\\r");
  Notice n;
  n.message = "m\u2028";
  n.where = Location{"config/jets/deploy.rb", 2};
  EXPECT_EQ(NoticeText(n), "config/jets/deploy.rb:2: warning: m\\u2028");
}

TEST(JsonText, EscapesWhatJsonLeavesRaw) {
  Json j = Json::array({"a\u2028b", "\x7f", "\u0085", "\u202e", "\U000E0001", "\xff", "caf\u00e9"});
  EXPECT_EQ(JsonText(j),
            "[\n  \"a\\u2028b\",\n  \"\\u007f\",\n  \"\\u0085\",\n  \"\\u202e\",\n  \"\\udb40\\udc01\",\n"
            "  \"\ufffd\",\n  \"caf\u00e9\"\n]\n");
  // The same data for a JSON reader.
  EXPECT_EQ(Json::parse(JsonText(j))[0], "a\u2028b");
  EXPECT_EQ(Json::parse(JsonText(j))[4], "\U000E0001");
}

}  // namespace
}  // namespace jetsam
