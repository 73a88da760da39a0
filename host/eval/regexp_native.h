// Regular expressions for Ruby code in a VM, matched by PCRE2 with Ruby's syntax translated where
// the two differ (regexp_native.cc). The Ruby side (mrblib/regexp.rb: Regexp, MatchData, and the
// String methods that take a pattern) is written over three module functions of Jetsam::Host.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include <mruby.h>

namespace jetsam::eval {

// Defines on `module`:
//   regexp_check(source, options) -> nil; RegexpError when PCRE2 cannot compile it
//   regexp_search(source, options, string, byte_start, anchored = false) -> nil, or [begin, end,
//     ...] byte offsets of the match and of each group (nil for a group that took no part),
//     and where the match started when that is before group 0 (a \K moved it);
//     `anchored`: only a match that starts at byte_start
//   regexp_names(source, options) -> [[name, group], ...] in name order
//   regexp_last(match, [whole, pre, post, group 1...]) -> match: sets $~, $&, $`, $', $1 to $9
// options: Regexp::IGNORECASE 1, EXTENDED 2, MULTILINE 4 (Ruby's: `.` matches a newline).
// A match that backtracks without end stops with RegexpError at a bound of its own, well before
// the evaluation's time limit. RegexpError is looked up when raised: define it first.
void InstallRegexpNative(mrb_state* mrb, RClass* module);

// Ruby's pattern syntax as PCRE2 reads it: `(?m)` is PCRE2's `(?s)`, `(?i)` reaches the end of
// its group (`(?i:...)`), `\h` a hex digit, `\v` a vertical tab, `\u`, `\p{Word}`, `{,n}`, a
// quantifier after a quantifier quantifies a group, nested classes and `&&` become look-aheads
// (`extended`: the pattern has Regexp::EXTENDED, its comments are copied as they are). Empty
// *error when it translates; else what PCRE2 cannot do as Ruby does ((?~...), \g<name>) or
// what Ruby refuses and PCRE2 would read ((?s), (*VERB), \1 beside named groups).
std::string RubyPatternToPcre(std::string_view source, bool extended, std::string* error);

}  // namespace jetsam::eval
