// IAM wildcard matching, ARN-format matching and the edit distance behind the suggestions.
// None of these touch the embedded data.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "iamdata/arn_format.h"
#include "iamdata/arn_match.h"
#include "jetsam/iamdata.h"

namespace jetsam::iam {

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

// One element of a tokenized ARN format: a literal character, or a variable with its flags.
struct FormatItem {
  char c;
  bool variable;
  std::uint8_t flags;
};

bool VarHolds(std::uint8_t flags, char c) {
  if (c == ':') return flags & layout::kVarColon;
  if (c == '/') return flags & layout::kVarSlash;
  return true;
}

// The automaton of MatchArnFormat with one bit per format item (formats of up to 62 items:
// every one of the reference). at: "at item j, nothing of it taken"; in: "inside variable j,
// one or more characters taken". Each ARN character moves every live state at once.
bool MatchBits(std::string_view arn, const FormatItem* items, std::size_t m) {
  std::uint64_t vars = 0, slash_ok = 0, colon_ok = 0, literals = 0;
  char chars[64];
  for (std::size_t j = 0; j < m; ++j) {
    const std::uint64_t bit = std::uint64_t{1} << j;
    chars[j] = items[j].c;
    if (items[j].variable) {
      vars |= bit;
      if (items[j].flags & layout::kVarSlash) slash_ok |= bit;
      if (items[j].flags & layout::kVarColon) colon_ok |= bit;
    } else {
      literals |= bit;
    }
  }
  const std::uint64_t end = std::uint64_t{1} << m, all = (end << 1) - 1;
  std::uint64_t at = 1, in = 0;
  for (char c : arn) {
    at |= in << 1;  // a variable that took a character may end there
    if (c == '*') {
      // The ARN's '*' stands for any run: it may cover any stretch of the format from the first
      // live state on, ending anywhere (inside a variable too).
      const std::uint64_t live = at | in;
      if (!live) return false;
      at = all & ~((live & (~live + 1)) - 1);
      in = at & vars;
      continue;
    }
    std::uint64_t same = 0;
    if (c == '?') {
      same = literals;
    } else {
      for (std::size_t j = 0; j < m; ++j) same |= std::uint64_t{chars[j] == c} << j;
      same &= literals;
    }
    std::uint64_t holds = vars;
    if (c == ':') holds &= colon_ok;
    else if (c == '/') holds &= slash_ok;
    in = (at | in) & holds;
    at = (at & same) << 1;
    if (!(at | in)) return false;
  }
  at |= in << 1;
  return (at & end) != 0;
}

// The same automaton over byte arrays, for longer formats.
bool MatchBytes(std::string_view arn, const FormatItem* items, std::size_t m) {
  std::vector<std::uint8_t> states(4 * (m + 1), 0);
  std::uint8_t *at = states.data(), *in = at + (m + 1), *next_at = in + (m + 1), *next_in = next_at + (m + 1);
  at[0] = 1;
  auto close = [&] {
    for (std::size_t j = 0; j < m; ++j)
      if (in[j]) at[j + 1] = 1;
  };
  for (char c : arn) {
    close();
    if (c == '*') {
      std::size_t first = 0;
      while (first <= m && !at[first] && !in[first]) ++first;
      if (first > m) return false;
      for (std::size_t j = first; j <= m; ++j) {
        at[j] = 1;
        if (j < m && items[j].variable) in[j] = 1;
      }
      continue;
    }
    std::fill(next_at, next_at + m + 1, 0);
    std::fill(next_in, next_in + m + 1, 0);
    bool live = false;
    for (std::size_t j = 0; j < m; ++j) {
      const FormatItem& it = items[j];
      if (it.variable) {
        if ((at[j] || in[j]) && (c == '?' || VarHolds(it.flags, c))) {
          next_in[j] = 1;
          live = true;
        }
      } else if (at[j] && (c == '?' || c == it.c)) {
        next_at[j + 1] = 1;
        live = true;
      }
    }
    if (!live) return false;
    std::swap(at, next_at);
    std::swap(in, next_in);
  }
  close();
  return at[m] != 0;
}

}  // namespace

namespace internal {

bool MatchArnFormat(std::string_view arn, std::string_view format, const std::uint8_t* flags, std::size_t count) {
  FormatItem small[64];
  std::vector<FormatItem> big;
  FormatItem* items = small;
  if (format.size() > 64) {
    big.resize(format.size());
    items = big.data();
  }
  std::size_t m = 0, var_index = 0;
  for (std::size_t i = 0; i < format.size();) {
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      std::size_t close = format.find('}', i + 2);
      if (close != std::string_view::npos) {
        std::uint8_t f = var_index < count ? flags[var_index] : layout::kVarSlash;
        ++var_index;
        items[m++] = FormatItem{0, true, f};
        i = close + 1;
        continue;
      }
    }
    items[m++] = FormatItem{format[i], false, 0};
    ++i;
  }
  return m < 63 ? MatchBits(arn, items, m) : MatchBytes(arn, items, m);
}

}  // namespace internal

bool ArnMatchesFormat(std::string_view arn, std::string_view format) {
  const std::vector<std::uint8_t> flags = layout::FormatFlags(format);
  return internal::MatchArnFormat(arn, format, flags.data(), flags.size());
}

std::vector<std::string_view> SplitArnFormats(std::string_view arn_format) {
  return layout::SplitAlternatives(arn_format);
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
