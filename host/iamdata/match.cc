// IAM wildcard matching, ARN-format matching and the edit distance behind the suggestions.
// None of these touch the embedded data.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "jetsam/iamdata.h"

namespace jetsam::iam {
namespace {

inline char Fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool IamWildcardMatch(std::string_view pattern, std::string_view text, bool case_insensitive) {
  // Greedy match with a single backtrack point: on a mismatch, let the last '*' absorb one
  // more character. Linear for the usual patterns, O(n*m) at worst, no recursion.
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, mark = 0;
  auto eq = [&](char a, char b) { return case_insensitive ? Fold(a) == Fold(b) : a == b; };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || eq(pattern[p], text[t]))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

// One element of a tokenized ARN format.
struct FormatItem {
  enum Kind : std::uint8_t { kChar, kVar } kind;
  char c = 0;              // kChar: the literal character
  bool colon_ok = false;   // kVar: may hold ':'
};

// Variables never hold ':', except the last one of a format whose resource part (after the
// fifth ':') has no ':' of its own: S3's ${ObjectName} may, Lambda's ${FunctionName} in
// "function:${FunctionName}" may not (a qualified function ARN is the alias/version type).
std::vector<FormatItem> TokenizeFormat(std::string_view format) {
  std::vector<FormatItem> out;
  int colons = 0;
  bool resource_colon = false;
  for (std::size_t i = 0; i < format.size();) {
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      std::size_t close = format.find('}', i + 2);
      if (close != std::string_view::npos) {
        out.push_back({FormatItem::kVar, 0, false});
        i = close + 1;
        continue;
      }
    }
    if (format[i] == ':' && ++colons > 5) resource_colon = true;
    out.push_back({FormatItem::kChar, format[i], false});
    ++i;
  }
  if (!out.empty() && out.back().kind == FormatItem::kVar && colons >= 5 && !resource_colon) out.back().colon_ok = true;
  return out;
}

class ArnMatcher {
 public:
  ArnMatcher(std::string_view arn, const std::vector<FormatItem>& fmt)
      : arn_(arn), fmt_(fmt), memo_((arn.size() + 1) * (fmt.size() + 1) * 2, -1) {}

  // i: position in the ARN, j: position in the format, in_var: the variable at j has already
  // taken at least one character.
  bool Match(std::size_t i, std::size_t j, bool in_var) {
    std::int8_t& m = memo_[(i * (fmt_.size() + 1) + j) * 2 + (in_var ? 1 : 0)];
    if (m >= 0) return m != 0;
    bool r = Compute(i, j, in_var);
    m = r ? 1 : 0;
    return r;
  }

 private:
  bool Compute(std::size_t i, std::size_t j, bool in_var) {
    const bool arn_done = i == arn_.size(), fmt_done = j == fmt_.size();
    if (arn_done && fmt_done) return true;
    if (!fmt_done && fmt_[j].kind != FormatItem::kChar) {
      const FormatItem& v = fmt_[j];
      if (in_var && Match(i, j + 1, false)) return true;  // the variable ends here
      if (arn_done) return false;
      char c = arn_[i];
      if (c == '*') {
        // The ARN's '*' may cover the rest of the variable and beyond, or only part of it.
        return Match(i, j + 1, false) || Match(i + 1, j, true) || Match(i + 1, j + 1, false);
      }
      if (c == ':' && !v.colon_ok) return false;
      return Match(i + 1, j, true);
    }
    if (arn_done) return false;
    char c = arn_[i];
    if (c == '*') return Match(i + 1, j, false) || (!fmt_done && Match(i, j + 1, false));
    if (fmt_done) return false;
    if (c == '?' || c == fmt_[j].c) return Match(i + 1, j + 1, false);
    return false;
  }

  std::string_view arn_;
  const std::vector<FormatItem>& fmt_;
  std::vector<std::int8_t> memo_;
};

}  // namespace

bool ArnMatchesFormat(std::string_view arn, std::string_view format) {
  std::vector<FormatItem> fmt = TokenizeFormat(format);
  ArnMatcher m(arn, fmt);
  return m.Match(0, 0, false);
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and adjacent
  // transpositions each cost 1 ("dyanmodb" -> "dynamodb" is 1).
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = Fold(a[i - 1]) == Fold(b[j - 1]);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && Fold(a[i - 1]) == Fold(b[j - 2]) && Fold(a[i - 2]) == Fold(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace jetsam::iam
