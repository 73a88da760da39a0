#include "analyze/pattern_sets.h"

#include <string_view>
#include <unordered_map>

namespace jetsam::analyze {
namespace {

// One step of a pattern: a literal character, one character or a run of them (a run may be
// empty), either of which may exclude ':' or '/'.
struct Token {
  enum Kind : std::uint8_t { kLiteral, kOne, kRun } kind = kLiteral;
  char c = 0;
  bool no_colon = false, no_slash = false;
  bool Takes(char x) const {
    if (kind == kLiteral) return x == c;
    return !(no_colon && x == ':') && !(no_slash && x == '/');
  }
};

// A pattern's automaton: the state is the set of positions reached (bit i: tokens [0, i)
// matched), a run at i letting i + 1 in for free.
struct Glob {
  std::vector<Token> t;
  std::size_t offset = 0, words = 0;  // where its bits are in the product state
  std::vector<bool> any_tail;         // tokens [i, end) are unrestricted runs: anything after matches (i < end)
};

// An IAM pattern: within the first five fields of an ARN, wildcards hold no ':'.
std::vector<Token> PatternTokens(std::string_view p) {
  std::vector<Token> out;
  int colons = p.rfind("arn:", 0) == 0 ? 0 : 5;
  for (char c : p) {
    const bool in_fields = colons < 5;
    if (c == '*') out.push_back({Token::kRun, 0, in_fields, false});
    else if (c == '?') out.push_back({Token::kOne, 0, in_fields, false});
    else out.push_back({Token::kLiteral, c, false, false});
    if (c == ':') ++colons;
  }
  return out;
}

// A format: each ${...} one or more characters, with what `holds` allows it.
std::vector<Token> FormatTokens(const TypedArnFormat& f) {
  std::vector<Token> out;
  std::size_t var = 0;
  const std::string& s = f.format;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t close = s.find('}', i + 2);
      if (close != std::string::npos) {
        const std::uint8_t h = var < f.holds.size() ? f.holds[var] : 1;
        ++var;
        const bool no_slash = !(h & 1), no_colon = !(h & 2);
        out.push_back({Token::kOne, 0, no_colon, no_slash});
        out.push_back({Token::kRun, 0, no_colon, no_slash});
        i = close + 1;
        continue;
      }
    }
    out.push_back({Token::kLiteral, s[i], false, false});
    ++i;
  }
  return out;
}

bool Bit(const std::uint64_t* s, std::size_t i) { return (s[i / 64] >> (i % 64)) & 1; }
void Set(std::uint64_t* s, std::size_t i) { s[i / 64] |= std::uint64_t{1} << (i % 64); }

void Close(const Glob& g, std::uint64_t* s) {
  for (std::size_t i = 0; i < g.t.size(); ++i)
    if (g.t[i].kind == Token::kRun && Bit(s, i)) Set(s, i + 1);
}

void Step(const Glob& g, const std::uint64_t* from, char c, std::uint64_t* to) {
  for (std::size_t w = 0; w < g.words; ++w) to[w] = 0;
  for (std::size_t i = 0; i < g.t.size(); ++i) {
    if (!Bit(from, i) || !g.t[i].Takes(c)) continue;
    Set(to, g.t[i].kind == Token::kRun ? i : i + 1);
  }
  Close(g, to);
}

bool Empty(const Glob& g, const std::uint64_t* s) {
  for (std::size_t w = 0; w < g.words; ++w)
    if (s[w]) return false;
  return true;
}

bool Accepts(const Glob& g, const std::uint64_t* s) { return Bit(s, g.t.size()); }

bool MatchesAnyContinuation(const Glob& g, const std::uint64_t* s) {
  for (std::size_t i = 0; i < g.t.size(); ++i)  // at the end only nothing more matches
    if (g.any_tail[i] && Bit(s, i)) return true;
  return false;
}

}  // namespace

Exists FindArn(const PatternQuery& q, std::string* witness, std::size_t budget, std::size_t max_steps,
               std::size_t* steps) {
  // The globs, in order: all_of, the groups (of_type as one more), then none_of.
  std::vector<Glob> globs;
  std::size_t words = 0;
  auto add = [&](std::vector<Token> tokens) {
    Glob g;
    g.t = std::move(tokens);
    g.offset = words;
    g.words = (g.t.size() + 1 + 63) / 64;
    g.any_tail.assign(g.t.size() + 1, false);
    g.any_tail[g.t.size()] = true;
    for (std::size_t i = g.t.size(); i-- > 0;) {
      const Token& k = g.t[i];
      g.any_tail[i] = k.kind == Token::kRun && !k.no_colon && !k.no_slash && g.any_tail[i + 1];
    }
    words += g.words;
    globs.push_back(std::move(g));
  };
  for (const auto& p : q.all_of) add(PatternTokens(p));
  std::vector<std::pair<std::size_t, std::size_t>> groups;  // [begin, end) in globs
  for (const auto& group : q.one_of) {
    if (group.empty()) return Exists::kNo;  // no pattern to match
    groups.emplace_back(globs.size(), globs.size() + group.size());
    for (const auto& p : group) add(PatternTokens(p));
  }
  if (!q.of_type.empty()) {
    groups.emplace_back(globs.size(), globs.size() + q.of_type.size());
    for (const auto& f : q.of_type) add(FormatTokens(f));
  }
  const std::size_t none_begin = globs.size();
  for (const auto& p : q.none_of) add(PatternTokens(p));
  if (words == 0) words = 1;

  // The alphabet: every character a pattern names, and one that none does.
  bool named[256] = {};
  std::string alphabet;
  for (const auto& g : globs)
    for (const Token& k : g.t)
      if (k.kind == Token::kLiteral && !named[static_cast<unsigned char>(k.c)]) {
        named[static_cast<unsigned char>(k.c)] = true;
        alphabet += k.c;
      }
  for (char c : std::string_view("x0123456789abcdefghijklmnopqrstuvwyz-_.ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if (!named[static_cast<unsigned char>(c)]) {
      alphabet += c;
      break;
    }

  auto dead = [&](const std::uint64_t* s) {
    for (std::size_t k = 0; k < q.all_of.size(); ++k)
      if (Empty(globs[k], s + globs[k].offset)) return true;
    for (auto [b, e] : groups) {
      bool any = false;
      for (std::size_t k = b; k < e && !any; ++k) any = !Empty(globs[k], s + globs[k].offset);
      if (!any) return true;
    }
    for (std::size_t k = none_begin; k < globs.size(); ++k)
      if (MatchesAnyContinuation(globs[k], s + globs[k].offset)) return true;
    return false;
  };
  auto accepts = [&](const std::uint64_t* s) {
    for (std::size_t k = 0; k < q.all_of.size(); ++k)
      if (!Accepts(globs[k], s + globs[k].offset)) return false;
    for (auto [b, e] : groups) {
      bool any = false;
      for (std::size_t k = b; k < e && !any; ++k) any = Accepts(globs[k], s + globs[k].offset);
      if (!any) return false;
    }
    for (std::size_t k = none_begin; k < globs.size(); ++k)
      if (Accepts(globs[k], s + globs[k].offset)) return false;
    return true;
  };

  // A state's expansion steps every token for every character, then looks at each again (dead,
  // accepts): a few ARN-long patterns full of wildcards make each state thousands of times
  // dearer, so the work is bounded as well.
  std::size_t tokens = 0;
  for (const auto& g : globs) tokens += g.t.size() + 1;
  const std::size_t state_cost = 2 * alphabet.size() * tokens;
  std::size_t spent = 0;
  struct Report {
    std::size_t* steps;
    const std::size_t& spent;
    ~Report() { if (steps) *steps = spent; }
  } report{steps, spent};

  std::vector<std::uint64_t> states;  // state i at [i * words, (i + 1) * words)
  std::vector<std::pair<std::uint32_t, char>> parent;
  std::unordered_map<std::string, std::uint32_t> seen;
  auto key = [&](const std::uint64_t* s) {
    return std::string(reinterpret_cast<const char*>(s), words * sizeof(std::uint64_t));
  };
  std::vector<std::uint64_t> start(words, 0);
  for (const auto& g : globs) {
    Set(start.data() + g.offset, 0);
    Close(g, start.data() + g.offset);
  }
  if (dead(start.data())) return Exists::kNo;
  states = start;
  parent.emplace_back(0, 0);
  seen.emplace(key(start.data()), 0);
  std::vector<std::uint64_t> next(words);
  for (std::uint32_t at = 0; at < parent.size(); ++at) {
    if (accepts(states.data() + std::size_t{at} * words)) {
      std::string out;
      for (std::uint32_t i = at; i != 0; i = parent[i].first) out += parent[i].second;
      *witness = std::string(out.rbegin(), out.rend());
      return Exists::kYes;
    }
    if (state_cost > max_steps - spent) return Exists::kUndecided;
    spent += state_cost;
    for (char c : alphabet) {
      const std::uint64_t* from = states.data() + std::size_t{at} * words;
      for (const auto& g : globs) Step(g, from + g.offset, c, next.data() + g.offset);
      if (dead(next.data())) continue;
      auto [it, inserted] = seen.emplace(key(next.data()), static_cast<std::uint32_t>(parent.size()));
      if (!inserted) continue;
      if (parent.size() >= budget) return Exists::kUndecided;
      states.insert(states.end(), next.begin(), next.end());
      parent.emplace_back(at, c);
    }
  }
  return Exists::kNo;
}

}  // namespace jetsam::analyze
