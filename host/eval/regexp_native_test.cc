// Ruby's pattern syntax as PCRE2 reads it (what the two engines read differently).
#include "eval/regexp_native.h"

#include <gtest/gtest.h>

namespace jetsam::eval {
namespace {

std::string Pcre(std::string_view ruby, bool extended = false) {
  std::string error;
  std::string out = RubyPatternToPcre(ruby, extended, &error);
  return error.empty() ? out : "error: " + error;
}

TEST(RubyPatternToPcre, KeepsWhatBothReadAlike) {
  for (const char* same : {R"(\Aprod-(\d+)\z)", R"((?<name>\w+)\k<name>)", R"(a(?=b)(?<!c)\Z)", R"([^\]a-z]+)",
                           R"([[:alpha:]_]+)", R"(\p{L}\s\S\w\W\d\D\b)", R"(x{2,3}?(?:y|z)*+)"}) {
    EXPECT_EQ(Pcre(same), same);
  }
}

TEST(RubyPatternToPcre, RubysMOptionIsDotAll) {
  EXPECT_EQ(Pcre("(?m)a.b"), "(?s:a.b)");
  EXPECT_EQ(Pcre("(?mi:a.b)"), "(?si:a.b)");
  EXPECT_EQ(Pcre("(?-mix:a)"), "(?-six:a)");
  EXPECT_EQ(Pcre("(?<m>x)"), "(?<m>x)") << "a group named m is no option";
  EXPECT_EQ(Pcre(R"(\(?m\)x)"), R"(\(?m\)x)") << "an escaped parenthesis opens no group: m is a letter there";
}

TEST(RubyPatternToPcre, AnOptionReachesTheEndOfItsGroup) {
  // Ruby reads a(?i)b|c as a(?i:b|c); PCRE2 as (?:a(?i)b)|(?i:c).
  EXPECT_EQ(Pcre("a(?i)b|c"), "a(?i:b|c)");
  EXPECT_EQ(Pcre("(x(?i)y|z)w"), "(x(?i:y|z))w");
  EXPECT_EQ(Pcre("(?i)a(?-i)b"), "(?i:a(?-i:b))");
  EXPECT_EQ(Pcre("(?#a)b)x"), "error: an unmatched close parenthesis") << "a comment's ) closes no group";
  EXPECT_EQ(Pcre("(?i))?x"), "error: an unmatched close parenthesis") << "not (?i:)?x";
}

TEST(RubyPatternToPcre, RubysEscapes) {
  EXPECT_EQ(Pcre(R"(\v)"), R"(\x0B)");
  EXPECT_EQ(Pcre(R"(\u00e9[\u{61 62}])"), R"(\x{00e9}[\x{61}\x{62}])");
  EXPECT_EQ(Pcre(R"(\p{Word}[\p{^Digit}]\P{alpha}\p{Greek})"), R"([[:word:]][[:^digit:]][[:^alpha:]]\p{Greek})");
  EXPECT_EQ(Pcre(R"((a)\k<1>\k<-1>)"), R"((a)\g{1}\g{-1})");
  EXPECT_EQ(Pcre(R"(\Q\y\E)"), "QyE") << "Ruby reads an unknown letter escape as the letter";
  EXPECT_EQ(Pcre("a{,2}"), "a{0,2}");
  EXPECT_EQ(Pcre("[:alpha:]"), R"([\:alpha:])") << "a class of letters in Ruby, not a POSIX class";
}

TEST(RubyPatternToPcre, AQuantifierAfterAQuantifierQuantifiesAGroup) {
  EXPECT_EQ(Pcre("a**"), "(?:a*)*");
  EXPECT_EQ(Pcre("a{2}?"), "(?:a{2})?") << "Ruby's {n}? is not lazy";
  EXPECT_EQ(Pcre("a{1,3}+b"), "(?:a{1,3})+b") << "Ruby's {n,m}+ is not possessive";
  EXPECT_EQ(Pcre("(ab)*?+"), "(?:(ab)*?)+");
  EXPECT_EQ(Pcre("[a-c]{2}{3}"), "(?:[a-c]{2}){3}");
  EXPECT_EQ(Pcre(R"(\d{,2})"), R"(\d{0,2})");
  for (const char* same : {"a*?", "a++", "a?+", "a{1,2}?", "a{2,}?", "x{,}", "{", "a{b}*"}) {
    EXPECT_EQ(Pcre(same), same);
  }
}

TEST(RubyPatternToPcre, NestedClassesAndIntersections) {
  EXPECT_EQ(Pcre("[a[bc]]"), "(?:[a]|[bc])");
  EXPECT_EQ(Pcre("[^a[bc]]"), R"((?:(?!(?:[a]|[bc]))[\s\S]))");
  EXPECT_EQ(Pcre("[a-z&&[^aeiou]]"), "(?:(?=[a-z])[^aeiou])");
  EXPECT_EQ(Pcre("[^a-c&&b]"), R"((?:(?!(?:(?=[a-c])[b]))[\s\S]))");
  EXPECT_EQ(Pcre("[a&&]"), "(?:(?=[a])(?!))") << "an empty operand is the empty set";
  EXPECT_EQ(Pcre(R"([\H_])"), "(?:[_]|[^0-9a-fA-F])");
  EXPECT_EQ(Pcre("[^:a]"), R"([^\:a])");
  EXPECT_EQ(Pcre("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
            "error: character classes nested this deep");
  EXPECT_EQ(Pcre("[ab"), "error: a character class without its ]");
}

TEST(RubyPatternToPcre, HIsAHexDigit) {
  EXPECT_EQ(Pcre(R"(\A\h+\z)"), R"(\A[0-9a-fA-F]+\z)");
  EXPECT_EQ(Pcre(R"([\h_])"), R"([0-9a-fA-F_])");
  EXPECT_EQ(Pcre(R"(\H)"), R"([^0-9a-fA-F])");
  EXPECT_EQ(Pcre(R"(\k<n>(?<n>a))"), "error: a back-reference to a group not named before it");
  EXPECT_EQ(Pcre(R"((?<n>a)\k'n')"), R"((?<n>a)\k'n')");
  EXPECT_EQ(Pcre(R"(\\h)"), R"(\\h)") << "an escaped backslash, then the letter h";
}

TEST(RubyPatternToPcre, WhatPcre2ReadsOtherwiseIsRefused) {
  EXPECT_EQ(Pcre("(?s)a"), "error: the group option (?s") << "not a Ruby option";
  EXPECT_EQ(Pcre("(*FAIL)"), "error: (* (a PCRE2 verb)");
  EXPECT_EQ(Pcre("(?~ab)"), "error: the absence operator (?~...)");
  EXPECT_EQ(Pcre(R"((?<n>a)\1)"), "error: a numbered back-reference beside named groups (use the name)");
  EXPECT_EQ(Pcre(R"(\C)"), R"(error: \C without a control character (\C-x))");
  EXPECT_EQ(Pcre(R"((?<w>a)\g<w>)"), R"(error: a subroutine call (\g<name>) other than \g<0>)")
      << "PCRE2 keeps the group's first capture, Ruby the call's";
  EXPECT_EQ(Pcre(R"(\((?:[^()]|\g<0>)*\))"), R"(\((?:[^()]|\g<0>)*\))");
}

TEST(RubyPatternToPcre, ExtendedCommentsAreCopied) {
  EXPECT_EQ(Pcre("a # [no [class]\nb", true), "a # [no [class]\nb");
  EXPECT_EQ(Pcre("a # [no [class]\nb", false), "error: a character class without its ]")
      << "without x, # is a character and [ opens a class";
}

}  // namespace
}  // namespace jetsam::eval
