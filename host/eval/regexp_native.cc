#include "eval/regexp_native.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <mruby/array.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// mruby raises with longjmp, which skips C++ destructors: every function here raises only when it
// holds nothing to destroy (messages in fixed buffers; compiled patterns owned by the cache).

namespace jetsam::eval {
namespace {

constexpr mrb_int kIgnoreCase = 1, kExtended = 2, kMultiline = 4;

// What one match may cost before it stops with RegexpError: PCRE2's own default step bound
// (some 10 million, well under a second), and a bound on the memory it backtracks in (KiB).
constexpr uint32_t kMatchLimit = 10'000'000;
constexpr uint32_t kHeapLimitKib = 32 * 1024;

// Compiled patterns by options and source. Owned here, outside the VM's memory, so that nothing
// of the VM (which a checkpoint may put back as it was) points at them. Cleared when it holds
// this many, or this many bytes: a config that compiles patterns without end costs memory the
// VM's limit does not count, so that is bounded here.
constexpr size_t kMaxCached = 256;
constexpr size_t kMaxCachedBytes = 16u << 20;
// The longest pattern compiled (Ruby has no bound; a config's patterns are far shorter).
constexpr size_t kMaxPatternBytes = 256u << 10;

struct Cached {
  std::unordered_map<std::string, pcre2_code*> codes;
  size_t bytes = 0;
};

Cached& Cache() {
  static auto* cache = new Cached;  // never destroyed: children exit without it
  return *cache;
}

pcre2_compile_context* CompileContext() {
  static pcre2_compile_context* context = [] {
    pcre2_compile_context* c = pcre2_compile_context_create(nullptr);
    if (c) pcre2_set_max_pattern_length(c, kMaxPatternBytes);
    return c;
  }();
  return context;
}

pcre2_match_context* MatchContext() {
  static pcre2_match_context* context = [] {
    pcre2_match_context* c = pcre2_match_context_create(nullptr);
    if (c) {
      pcre2_set_match_limit(c, kMatchLimit);
      pcre2_set_heap_limit(c, kHeapLimitKib);
    }
    return c;
  }();
  return context;
}

bool IsOptionLetter(char c) { return c == 'i' || c == 'm' || c == 'x' || c == '-'; }

// Compiles (or finds) the pattern; null with *message set when it cannot be compiled.
pcre2_code* Compiled(std::string_view source, mrb_int options, char* message, size_t size) {
  std::string key = std::to_string(options & 7) + ":" + std::string(source);
  Cached& cache = Cache();
  if (auto it = cache.codes.find(key); it != cache.codes.end()) return it->second;
  std::string error;
  std::string pattern = RubyPatternToPcre(source, (options & kExtended) != 0, &error);
  if (!error.empty()) {
    std::snprintf(message, size, "%s is not supported here", error.c_str());
    return nullptr;
  }
  uint32_t flags = PCRE2_MULTILINE | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DUPNAMES;  // Ruby's ^ and $ are per line; a name may name two groups
  if (options & kIgnoreCase) flags |= PCRE2_CASELESS;
  if (options & kExtended) flags |= PCRE2_EXTENDED;
  if (options & kMultiline) flags |= PCRE2_DOTALL;
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* compiled = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), flags, &code,
                                       &offset, CompileContext());
  uint32_t names = 0;
  if (compiled && pcre2_pattern_info(compiled, PCRE2_INFO_NAMECOUNT, &names) == 0 && names > 0) {
    // As Ruby: where a pattern names groups, its plain parentheses only group.
    pcre2_code_free(compiled);
    compiled = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), flags | PCRE2_NO_AUTO_CAPTURE,
                             &code, &offset, CompileContext());
  }
  if (!compiled) {
    PCRE2_UCHAR text[160];
    pcre2_get_error_message(code, text, sizeof text);
    std::snprintf(message, size, "%s", reinterpret_cast<const char*>(text));
    return nullptr;
  }
  size_t bytes = 0;
  pcre2_pattern_info(compiled, PCRE2_INFO_SIZE, &bytes);
  if (cache.codes.size() >= kMaxCached || cache.bytes + bytes > kMaxCachedBytes) {
    for (auto& [k, c] : cache.codes) pcre2_code_free(c);
    cache.codes.clear();
    cache.bytes = 0;
  }
  cache.codes.emplace(std::move(key), compiled);
  cache.bytes += bytes;
  return compiled;
}

// As Ruby's: the message and the pattern, here cut to its first kShownPatternBytes (a config's
// error is printed, and a pattern can be as long as kMaxPatternBytes).
constexpr size_t kShownPatternBytes = 120;

[[noreturn]] void RaiseRegexpError(mrb_state* mrb, const char* message, mrb_value source) {
  RClass* error = mrb_class_get(mrb, "RegexpError");
  size_t shown = static_cast<size_t>(RSTRING_LEN(source));
  if (shown > kShownPatternBytes) {
    shown = kShownPatternBytes;
    while (shown > 0 && (static_cast<unsigned char>(RSTRING_PTR(source)[shown]) & 0xC0) == 0x80) --shown;  // whole characters
  }
  const bool cut = shown < static_cast<size_t>(RSTRING_LEN(source));
  mrb_raisef(mrb, error, "%s: /%v%s/", message, mrb_str_new(mrb, RSTRING_PTR(source), static_cast<mrb_int>(shown)),
             cut ? "..." : "");
}

pcre2_code* CompiledOrRaise(mrb_state* mrb, mrb_value source, mrb_int options) {
  char message[256];
  pcre2_code* code = Compiled(std::string_view(RSTRING_PTR(source), RSTRING_LEN(source)), options, message, sizeof message);
  if (!code) RaiseRegexpError(mrb, message, source);
  return code;
}

mrb_value RegexpCheck(mrb_state* mrb, mrb_value) {
  mrb_value source;
  mrb_int options;
  mrb_get_args(mrb, "Si", &source, &options);
  CompiledOrRaise(mrb, source, options);
  return mrb_nil_value();
}

mrb_value RegexpSearch(mrb_state* mrb, mrb_value) {
  mrb_value source, subject;
  mrb_int options, start;
  mrb_bool anchored = false;
  mrb_get_args(mrb, "SiSi|b", &source, &options, &subject, &start, &anchored);
  pcre2_code* code = CompiledOrRaise(mrb, source, options);
  if (start < 0 || start > RSTRING_LEN(subject)) return mrb_nil_value();
  uint32_t captures = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
  const mrb_int pairs = static_cast<mrb_int>(captures) + 1;
  // Made before the match: filling it within its capacity allocates nothing, so nothing raises
  // while the match data is held.
  mrb_value offsets = mrb_ary_new_capa(mrb, 2 * pairs + 1);
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(code, nullptr);
  if (!data) mrb_raise(mrb, E_RUNTIME_ERROR, "out of memory matching a regular expression");
  int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(RSTRING_PTR(subject)), RSTRING_LEN(subject),
                       static_cast<PCRE2_SIZE>(start), anchored ? PCRE2_ANCHORED : 0, data, MatchContext());
  if (rc < 0) {
    pcre2_match_data_free(data);
    if (rc == PCRE2_ERROR_NOMATCH) return mrb_nil_value();
    char message[200];
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT) {
      std::snprintf(message, sizeof message, "the match backtracks without end (stopped at jetsam's bound)");
    } else {
      PCRE2_UCHAR text[160];
      pcre2_get_error_message(rc, text, sizeof text);
      std::snprintf(message, sizeof message, "%s", reinterpret_cast<const char*>(text));
    }
    RaiseRegexpError(mrb, message, source);
  }
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
  const uint32_t set = pcre2_get_ovector_count(data);
  for (mrb_int i = 0; i < pairs; ++i) {
    const bool unset = static_cast<uint32_t>(i) >= set || i >= rc || ovector[2 * i] == PCRE2_UNSET;
    mrb_ary_push(mrb, offsets, unset ? mrb_nil_value() : mrb_int_value(mrb, static_cast<mrb_int>(ovector[2 * i])));
    mrb_ary_push(mrb, offsets, unset ? mrb_nil_value() : mrb_int_value(mrb, static_cast<mrb_int>(ovector[2 * i + 1])));
  }
  // Past a \K the match starts before group 0 does: Ruby's =~ answers that start.
  const PCRE2_SIZE started = pcre2_get_startchar(data);
  if (started != ovector[0]) mrb_ary_push(mrb, offsets, mrb_int_value(mrb, static_cast<mrb_int>(started)));
  pcre2_match_data_free(data);
  return offsets;
}

mrb_value RegexpNames(mrb_state* mrb, mrb_value) {
  mrb_value source;
  mrb_int options;
  mrb_get_args(mrb, "Si", &source, &options);
  pcre2_code* code = CompiledOrRaise(mrb, source, options);
  uint32_t count = 0, entry = 0;
  PCRE2_SPTR table = nullptr;
  pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
  pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry);
  pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
  mrb_value names = mrb_ary_new_capa(mrb, count);
  for (uint32_t i = 0; i < count; ++i) {
    PCRE2_SPTR row = table + static_cast<size_t>(i) * entry;
    const mrb_int group = (row[0] << 8) | row[1];
    mrb_value pair = mrb_assoc_new(mrb, mrb_str_new_cstr(mrb, reinterpret_cast<const char*>(row + 2)), mrb_int_value(mrb, group));
    mrb_ary_push(mrb, names, pair);
  }
  return names;  // in name order (PCRE2's table)
}

// $~ and what Ruby reads from it: $&, $`, $' and $1 to $9 (`parts`: [whole, pre, post, groups...],
// nil with no match). mruby compiles $1 to a read of the global "$1".
mrb_value RegexpLast(mrb_state* mrb, mrb_value) {
  mrb_value match, parts;
  mrb_get_args(mrb, "oo", &match, &parts);
  static const char* const kNames[] = {"$&", "$`", "$'", "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9"};
  mrb_gv_set(mrb, mrb_intern_lit(mrb, "$~"), match);
  const mrb_int given = mrb_array_p(parts) ? RARRAY_LEN(parts) : 0;
  for (mrb_int i = 0; i < static_cast<mrb_int>(sizeof kNames / sizeof *kNames); ++i) {
    mrb_gv_set(mrb, mrb_intern_cstr(mrb, kNames[i]), i < given ? mrb_ary_ref(mrb, parts, i) : mrb_nil_value());
  }
  return match;
}

}  // namespace

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The escape letters Ruby reads as more than the letter itself; any other letter after a
// backslash is that letter (PCRE2 refuses most of them, and reads \Q \E \N \L \U otherwise).
bool IsRubyEscapeLetter(char c) {
  return std::string_view("tnrfvaedDwWsSbBAzZGKRXkgpPhHxucCM").find(c) != std::string_view::npos;
}

// Ruby's \p{Alpha} and the like are its POSIX classes ([[:alpha:]]), which PCRE2's \p does not
// all know. The name in lower case when `name` is one (Ruby ignores case, spaces and _ in it).
std::string PosixPropertyName(std::string_view name) {
  std::string folded;
  for (char c : name) {
    if (c == ' ' || c == '_') continue;
    folded += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  for (const char* posix : {"alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct",
                            "space", "upper", "xdigit", "word"}) {
    if (folded == posix) return folded;
  }
  return {};
}

bool NamesGroups(std::string_view s) {
  for (size_t i = 0; i + 3 < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '(' && s[i + 1] == '?' && (s[i + 2] == '\'' || (s[i + 2] == '<' && (IsAsciiLetter(s[i + 3]) || s[i + 3] == '_')))) {
      return true;
    }
  }
  return false;
}

// The escape at s[*i] (a backslash) as PCRE2 reads it: appended to *out, *i left on its last
// character. False with *error set when PCRE2 cannot read it as Ruby does.
// What the translation knows of the pattern: whether it names groups, and the names of the
// groups opened so far (Ruby refers back to those only).
struct PatternFacts {
  bool named = false;
  std::unordered_set<std::string_view> names;  // a set: a long hostile pattern has many
};

bool TranslateEscape(std::string_view s, size_t* i, bool in_class, const PatternFacts& facts, std::string* out,
                     std::string* error) {
  const char n = s[++*i];
  if (n == 'h') {
    *out += in_class ? "0-9a-fA-F" : "[0-9a-fA-F]";  // Ruby's hex digit; PCRE2's horizontal space
  } else if (n == 'H') {
    if (in_class) {
      *error = "\\H inside a character class";
      return false;
    }
    *out += "[^0-9a-fA-F]";
  } else if (n == 'v') {
    *out += "\\x0B";  // Ruby's vertical tab; PCRE2's vertical space
  } else if (n == 'u') {  // \uHHHH and \u{H H...}: code points
    if (*i + 1 < s.size() && s[*i + 1] == '{') {
      const size_t close = s.find('}', *i + 2);
      if (close == std::string_view::npos) {
        *error = "\\u{ without its }";
        return false;
      }
      const std::string_view points = s.substr(*i + 2, close - *i - 2);
      for (size_t at = 0; at < points.size();) {
        if (points[at] == ' ') {
          ++at;
          continue;
        }
        size_t len = 0;
        while (at + len < points.size() && IsHexDigit(points[at + len])) ++len;
        if (len == 0) {
          *error = "a \\u{...} that is not hexadecimal";
          return false;
        }
        *out += "\\x{";
        out->append(points.substr(at, len));
        *out += "}";
        at += len;
      }
      *i = close;
    } else if (*i + 4 < s.size() && IsHexDigit(s[*i + 1]) && IsHexDigit(s[*i + 2]) && IsHexDigit(s[*i + 3]) &&
               IsHexDigit(s[*i + 4])) {
      *out += "\\x{";
      out->append(s.substr(*i + 1, 4));
      *out += "}";
      *i += 4;
    } else {
      *error = "a \\u without four hexadecimal digits";
      return false;
    }
  } else if ((n == 'p' || n == 'P') && *i + 1 < s.size() && s[*i + 1] == '{') {
    const size_t close = s.find('}', *i + 2);
    std::string_view name = close == std::string_view::npos ? std::string_view() : s.substr(*i + 2, close - *i - 2);
    bool negated = n == 'P';
    if (!name.empty() && name[0] == '^') {
      negated = !negated;
      name.remove_prefix(1);
    }
    const std::string posix = PosixPropertyName(name);
    if (posix.empty()) {  // a script or category, \p{Greek}: PCRE2 reads those as Ruby does
      *out += '\\';
      *out += n;
      return true;
    }
    const std::string cls = std::string(negated ? "[:^" : "[:") + posix + ":]";
    *out += in_class ? cls : "[" + cls + "]";
    *i = close;
  } else if ((n == 'k' || n == 'g') && *i + 2 < s.size() && (s[*i + 1] == '<' || s[*i + 1] == '\'')) {
    const size_t close = s.find(s[*i + 1] == '<' ? '>' : '\'', *i + 2);
    const std::string_view ref = close == std::string_view::npos ? std::string_view() : s.substr(*i + 2, close - *i - 2);
    const bool number = !ref.empty() && (IsDigit(ref[0]) || ((ref[0] == '-' || ref[0] == '+') && ref.size() > 1));
    if (number && facts.named) {
      *error = "a numbered back-reference beside named groups (use the name)";
      return false;
    }
    if (n == 'g' && ref != "0") {
      // Ruby's called group keeps what the call matched; PCRE2's keeps what it matched before.
      *error = "a subroutine call (\\g<name>) other than \\g<0>";
      return false;
    }
    if (n == 'k' && !number && !facts.names.contains(ref)) {
      *error = "a back-reference to a group not named before it";
      return false;
    }
    if (number && n == 'k') {  // \k<1> and \k<-1>: PCRE2's \g{1} and \g{-1}
      *out += "\\g{";
      out->append(ref);
      *out += "}";
      *i = close;
    } else {
      *out += '\\';
      *out += n;
    }
  } else if (!in_class && n >= '1' && n <= '9' && facts.named) {
    *error = "a numbered back-reference beside named groups (use the name)";
    return false;
  } else if (n == 'C' && !(*i + 2 < s.size() && s[*i + 1] == '-')) {
    *error = "\\C without a control character (\\C-x)";
    return false;
  } else if (n == 'C' || n == 'M') {
    *error = "the \\";
    *error += n;
    *error += "-x escape";
    return false;
  } else if (IsAsciiLetter(n) && !IsRubyEscapeLetter(n)) {
    *out += n;  // Ruby reads \Q, \y and the like as the letter
  } else {
    *out += '\\';
    *out += n;
  }
  return true;
}

// A quantifier's length at s[i] ({n}, {n,}, {n,m}, {,m}), 0 when the brace is a character;
// *exact: it is {n}.
size_t IntervalLength(std::string_view s, size_t i, bool* exact) {
  size_t j = i + 1;
  size_t low = 0, high = 0;
  while (j < s.size() && IsDigit(s[j])) ++j, ++low;
  *exact = j < s.size() && s[j] == '}';
  if (*exact) return low > 0 ? j + 1 - i : 0;
  if (j >= s.size() || s[j] != ',') return 0;
  ++j;
  while (j < s.size() && IsDigit(s[j])) ++j, ++high;
  if (j >= s.size() || s[j] != '}' || (low == 0 && high == 0)) return 0;
  return j + 1 - i;
}

// `out` with "(?:" put before each of `opens` (positions in it).
std::string WithGroupsOpened(const std::string& out, std::vector<size_t> opens) {
  if (opens.empty()) return out;
  std::sort(opens.begin(), opens.end());
  std::string wrapped;
  wrapped.reserve(out.size() + 3 * opens.size());
  size_t from = 0;
  for (size_t at : opens) {
    wrapped.append(out, from, at - from);
    wrapped += "(?:";
    from = at;
  }
  wrapped.append(out, from, std::string::npos);
  return wrapped;
}

// How deep classes may nest ([a[b[c]]]): each level is a frame of TranslateClass.
constexpr int kMaxClassDepth = 32;

// The class at s[*i] ('['), Ruby's, as a PCRE2 expression that matches one character alike,
// appended to *out; *i left on its ']'. A plain class stays one; nested classes (a union),
// && (an intersection) and \H become look-aheads around classes, which PCRE2 has no syntax for:
// [a-z&&[^aeiou]] is (?:(?=[a-z])(?:[^aeiou])).
bool TranslateClass(std::string_view s, size_t* i, const PatternFacts& facts, int depth, std::string* out,
                    std::string* error) {
  if (depth > kMaxClassDepth) {
    *error = "character classes nested this deep";
    return false;
  }
  size_t at = *i + 1;
  const bool negated = at < s.size() && s[at] == '^';
  if (negated) ++at;
  std::vector<std::string> operands;  // between &&
  std::string plain;                  // this operand's characters, ranges and POSIX classes
  std::vector<std::string> nested;    // this operand's classes within
  bool plain_only = false;            // the last operand is a plain class
  auto finish_operand = [&] {
    plain_only = !plain.empty() && nested.empty();
    std::vector<std::string> parts;
    if (!plain.empty()) {
      // A first ^ would negate, a first : . = read as a POSIX class: Ruby's are characters.
      const bool escape = plain[0] == '^' || plain[0] == ':' || plain[0] == '.' || plain[0] == '=';
      parts.push_back("[" + std::string(escape ? "\\" : "") + plain + "]");
    }
    for (auto& n : nested) parts.push_back(std::move(n));
    std::string operand;
    if (parts.empty()) {
      operand = "(?!)";  // [a&&] matches nothing in Ruby
    } else if (parts.size() == 1) {
      operand = std::move(parts[0]);
    } else {
      operand = "(?:";
      for (size_t k = 0; k < parts.size(); ++k) operand += (k ? "|" : "") + parts[k];
      operand += ")";
    }
    operands.push_back(std::move(operand));
    plain.clear();
    nested.clear();
  };
  if (at < s.size() && s[at] == ']') {  // a ']' first is itself
    plain += "\\]";
    ++at;
  }
  for (; at < s.size() && s[at] != ']'; ++at) {
    const char c = s[at];
    if (c == '\\' && at + 1 < s.size()) {
      if (s[at + 1] == 'H') {  // not a hex digit: no range PCRE2 puts in a class
        nested.push_back("[^0-9a-fA-F]");
        ++at;
        continue;
      }
      if (!TranslateEscape(s, &at, true, facts, &plain, error)) return false;
    } else if (c == '[' && at + 1 < s.size() && s[at + 1] == ':' && s.find(":]", at + 2) != std::string_view::npos) {
      const size_t end = s.find(":]", at + 2);  // a POSIX class, [:alpha:]
      plain.append(s.substr(at, end + 2 - at));
      at = end + 1;
    } else if (c == '[') {
      std::string inner;
      if (!TranslateClass(s, &at, facts, depth + 1, &inner, error)) return false;
      nested.push_back(std::move(inner));
    } else if (c == '&' && at + 1 < s.size() && s[at + 1] == '&') {
      finish_operand();
      ++at;
    } else {
      plain += c;
    }
  }
  if (at >= s.size()) {
    *error = "a character class without its ]";
    return false;
  }
  finish_operand();
  *i = at;
  std::string set;
  if (operands.size() == 1) {
    set = std::move(operands[0]);
  } else {
    set = "(?:";
    for (size_t k = 0; k + 1 < operands.size(); ++k) set += "(?=" + operands[k] + ")";
    set += operands.back() + ")";
  }
  if (!negated) {
    *out += set;
  } else if (operands.size() == 1 && plain_only) {
    *out += "[^" + set.substr(1);  // a plain class: PCRE2's own negation
  } else {
    *out += "(?:(?!" + set + ")[\\s\\S])";
  }
  return true;
}

}  // namespace

std::string RubyPatternToPcre(std::string_view s, bool extended, std::string* error) {
  error->clear();
  std::string out;
  out.reserve(s.size() + 8);
  PatternFacts facts;
  facts.named = NamesGroups(s);
  struct Group {
    size_t start;  // in out
    int closers;   // option groups to close with it: Ruby's (?i) reaches to the end of its group,
                   // every alternative after it included, as (?i:...) does
  };
  std::vector<Group> groups{{0, 0}};  // the pattern itself first
  // The last atom (where it starts in out, npos for none) and what quantifies it: Ruby reads a
  // quantifier after a quantifier (a**, a{2}?, a{1,3}+) as one around a group, PCRE2 as an
  // error or as lazy or possessive.
  constexpr size_t kNone = std::string::npos;
  size_t atom = kNone;
  enum { kBare, kQuantified, kInterval, kFinished } quantified = kBare;
  std::vector<size_t> opens;  // where a group is opened around an atom quantified twice
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    bool exact = false;
    const size_t interval = c == '{' ? IntervalLength(s, i, &exact) : 0;
    if (c == '*' || c == '+' || c == '?' || interval > 0) {
      const bool modifier = (quantified == kQuantified && (c == '?' || c == '+')) || (quantified == kInterval && c == '?');
      if (modifier) {
        out += c;  // lazy or possessive
        quantified = kFinished;
        continue;
      }
      if (quantified != kBare && atom != kNone) {
        opens.push_back(atom);
        out += ')';
      }
      if (interval > 0) {
        out += '{';
        if (s[i + 1] == ',') out += '0';  // Ruby's {,n} is {0,n}
        out.append(s.substr(i + 1, interval - 1));
        i += interval - 1;
        quantified = exact ? kFinished : kInterval;  // Ruby's a{2}? is (a{2})?, a{1,2}? lazy
      } else {
        out += c;
        quantified = kQuantified;
      }
      continue;
    }
    atom = out.size();
    quantified = kBare;
    if (c == '\\' && i + 1 < s.size()) {
      if (!TranslateEscape(s, &i, false, facts, &out, error)) return {};
      continue;
    }
    if (c == '#' && extended) {  // a comment, to the end of its line
      size_t end = s.find('\n', i);
      if (end == std::string_view::npos) end = s.size();
      out.append(s.substr(i, end - i));
      i = end - 1;
      atom = kNone;
      continue;
    }
    if (c == '[') {
      if (!TranslateClass(s, &i, facts, 0, &out, error)) return {};
      continue;
    }
    if (c == '(' && i + 1 < s.size() && s[i + 1] == '*') {
      *error = "(* (a PCRE2 verb)";
      return {};
    }
    if (c == '(' && i + 2 < s.size() && s[i + 1] == '?') {
      const char k = s[i + 2];
      if (k == '#') {  // a comment, to its ')'
        size_t end = s.find(')', i);
        if (end == std::string_view::npos) end = s.size() - 1;
        out.append(s.substr(i, end + 1 - i));
        i = end;
        atom = kNone;
        continue;
      }
      if (k == '~') {
        *error = "the absence operator (?~...)";
        return {};
      }
      if (IsOptionLetter(k)) {
        // Ruby's option groups, (?mi-x) and (?m:...): its m is PCRE2's s (dot matches newline).
        size_t j = i + 2;
        while (j < s.size() && IsOptionLetter(s[j])) ++j;
        if (j < s.size() && (s[j] == ')' || s[j] == ':')) {
          out += "(?";
          for (size_t m = i + 2; m < j; ++m) out += s[m] == 'm' ? 's' : s[m];
          out += ':';
          if (s[j] == ')') {
            ++groups.back().closers;  // open to the end of the enclosing group
          } else {
            groups.push_back({atom, 0});
          }
          atom = kNone;
          i = j;
          continue;
        }
      }
      if ((k == '<' || k == '\'') && i + 3 < s.size() && (IsAsciiLetter(s[i + 3]) || s[i + 3] == '_')) {
        const size_t end = s.find(k == '<' ? '>' : '\'', i + 3);  // a named group: its name
        if (end != std::string_view::npos) facts.names.insert(s.substr(i + 3, end - i - 3));
      }
      if (std::string_view(":=!<>'(").find(k) == std::string_view::npos) {
        *error = "the group option (?";
        *error += k;
        return {};
      }
    }
    if (c == '(') {
      groups.push_back({atom, 0});
      atom = kNone;
    } else if (c == ')' && groups.size() == 1) {
      *error = "an unmatched close parenthesis";  // else it could close an option group opened here
      return {};
    } else if (c == ')') {
      out.append(static_cast<size_t>(groups.back().closers), ')');
      atom = groups.back().start;
      groups.pop_back();
    } else if (c == '|') {
      atom = kNone;
    }
    out += c;
  }
  out.append(static_cast<size_t>(groups.front().closers), ')');
  return WithGroupsOpened(out, std::move(opens));
}

void InstallRegexpNative(mrb_state* mrb, RClass* module) {
  mrb_define_module_function(mrb, module, "regexp_check", RegexpCheck, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, module, "regexp_search", RegexpSearch, MRB_ARGS_ARG(4, 1));
  mrb_define_module_function(mrb, module, "regexp_names", RegexpNames, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, module, "regexp_last", RegexpLast, MRB_ARGS_REQ(2));
}

}  // namespace jetsam::eval
