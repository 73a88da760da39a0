// The dotenv gem's Parser (3.1), by hand: its LINE regexp is matched here with the same choices
// the regexp engine makes, in linear time (a .env file comes from the checkout, and a
// backtracking engine on an unterminated quote is quadratic).
#include "eval/dotenv.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace jetsam::eval {
namespace {

constexpr size_t kNone = std::string::npos;

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool NameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool KeyChar(char c) { return NameChar(c) || c == '.'; }

// The text the gem parses: read as "rb:bom|utf-8" (a BOM dropped), \r\n and \r as \n.
std::string Normalize(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// One match of LINE: the key, whether `export` preceded it, the raw value, where the match ends.
struct Line {
  size_t key_begin = 0, key_end = 0;
  bool exported = false;
  bool has_value = false;
  size_t value_begin = 0, value_end = 0;
  size_t end = 0;
};

// LINE = ^\s*(export\s+)?([\w.]+)(?:(?:\s*=\s*?|:\s+?)('(?:\\'|[^'])*'|"(?:\\"|[^"])*"|[^#\n]+)?)?\s*(?:#.*)?(?:$|\z)
// (the quoted alternatives with a leading \s*).
class LineMatcher {
 public:
  explicit LineMatcher(const std::string& s) : s_(s), n_(s.size()), eol_(n_ + 1, n_) {
    for (size_t i = n_; i-- > 0;) eol_[i] = s_[i] == '\n' ? i : eol_[i + 1];
    for (char quote : {'\'', '"'}) Prepare(quote);
  }

  // LINE at the line start `p`. On failure, `*first` is where its leading \s* stopped: every
  // line start up to there fails the same way.
  bool At(size_t p, Line* m, size_t* first) const {
    size_t i = SkipSpace(p);
    *first = i;
    if (s_.compare(i, 6, "export") == 0 && i + 6 < n_ && Space(s_[i + 6])) {
      m->exported = true;
      if (KeyAt(SkipSpace(i + 6), m)) return true;
    }
    m->exported = false;
    return KeyAt(i, m);
  }

 private:
  size_t SkipSpace(size_t i) const {
    while (i < n_ && Space(s_[i])) ++i;
    return i;
  }

  // \s*(?:#.*)?(?:$|\z) at k: where the match ends, or kNone. The \s* is greedy and may cross
  // lines; backing off, it stops at the last line break it crossed.
  size_t Trailer(size_t k) const {
    size_t w = SkipSpace(k);
    if (w == n_) return n_;
    if (s_[w] == '#') return eol_[w];
    for (size_t j = w; j > k; --j)
      if (s_[j - 1] == '\n') return j - 1;
    return kNone;
  }

  // For one quote character: the first unescaped quote at or after each position, and the last
  // quote at or before each position that the trailer accepts (a closing the regexp can settle on).
  void Prepare(char quote) {
    auto& hard = quote == '"' ? hard_double_ : hard_single_;
    auto& good = quote == '"' ? good_double_ : good_single_;
    hard.assign(n_ + 1, kNone);
    good.assign(n_ + 1, kNone);
    for (size_t i = n_; i-- > 0;) {
      hard[i] = hard[i + 1];
      if (s_[i] == quote && (i == 0 || s_[i - 1] != '\\')) hard[i] = i;
    }
    size_t last = kNone;
    for (size_t i = 0; i < n_; ++i) {
      if (s_[i] == quote && Trailer(i + 1) != kNone) last = i;
      good[i] = last;
    }
  }

  // '(?:\\'|[^'])*' (or with ") opening at `open`: the closing quote, or kNone. The content runs
  // to the first unescaped quote; backing off, each escaped quote before it may close instead,
  // the last first.
  size_t Closing(size_t open) const {
    const char quote = s_[open];
    const auto& hard = quote == '"' ? hard_double_ : hard_single_;
    const auto& good = quote == '"' ? good_double_ : good_single_;
    if (open + 1 >= n_) return kNone;
    size_t limit = hard[open + 1] == kNone ? n_ - 1 : hard[open + 1];
    size_t q = good[limit];
    return q != kNone && q > open ? q : kNone;
  }

  bool KeyAt(size_t j, Line* m) const {
    size_t k = j;
    while (k < n_ && KeyChar(s_[k])) ++k;
    if (k == j) return false;
    m->key_begin = j;
    m->key_end = k;
    m->has_value = false;
    // The separator: \s*= (the lazy \s*? after it takes nothing: what follows always matches),
    // else : and one character of space.
    size_t eq = SkipSpace(k);
    if (eq < n_ && s_[eq] == '=') return ValueAt(eq + 1, m);
    if (k + 1 < n_ && s_[k] == ':' && Space(s_[k + 1])) return ValueAt(k + 2, m);
    m->end = Trailer(k);
    return m->end != kNone;
  }

  bool ValueAt(size_t v, Line* m) const {
    size_t w = SkipSpace(v);
    if (w < n_ && (s_[w] == '\'' || s_[w] == '"')) {
      // Single quotes are tried first, but a value opens with one quote character only.
      size_t close = Closing(w);
      if (close != kNone) return Take(v, close + 1, m);
    }
    if (v < n_ && s_[v] != '#' && s_[v] != '\n') {
      size_t r = v;
      while (r < n_ && s_[r] != '#' && s_[r] != '\n') ++r;
      return Take(v, r, m);
    }
    m->end = Trailer(v);
    return m->end != kNone;
  }

  bool Take(size_t begin, size_t end, Line* m) const {
    m->has_value = true;
    m->value_begin = begin;
    m->value_end = end;
    m->end = Trailer(end);
    return m->end != kNone;
  }

  const std::string& s_;
  const size_t n_;
  std::vector<size_t> eol_;  // the next line break at or after each position (n_: none)
  std::vector<size_t> hard_single_, hard_double_, good_single_, good_double_;
};

// Ruby's String#strip.
std::string_view Strip(std::string_view v) {
  auto ws = [](char c) { return c == '\0' || Space(c); };
  while (!v.empty() && ws(v.front())) v.remove_prefix(1);
  while (!v.empty() && ws(v.back())) v.remove_suffix(1);
  return v;
}

std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.substr(i, from.size()) == from) {
      out += to;
      i += from.size();
    } else {
      out += s[i++];
    }
  }
  return out;
}

// A backslash before any character but $ is dropped (gsub(/\\([^$])/, '\1')).
std::string Unescape(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size() && v[i + 1] != '$') ++i;
    out += v[i];
  }
  return out;
}

// Where the balanced `(...)` opening at `open` ends (one past its `)`), or kNone. Every group
// holds at least one character, as (?<cmd>\((?:[^()]|\g<cmd>)+\)) requires.
size_t BalancedEnd(std::string_view v, size_t open) {
  std::vector<bool> filled{false};
  for (size_t k = open + 1; k < v.size(); ++k) {
    if (v[k] == '(') {
      filled.back() = true;
      filled.push_back(false);
    } else if (v[k] == ')') {
      if (!filled.back()) return kNone;
      filled.pop_back();
      if (filled.empty()) return k + 1;
    } else {
      filled.back() = true;
    }
  }
  return kNone;
}

class ValueParser {
 public:
  ValueParser(const std::vector<DotenvVar>& file_vars, const std::map<std::string, size_t>& index,
              const std::map<std::string, std::string>& environment)
      : vars_(file_vars), index_(index), env_(environment) {}

  // Dotenv::Parser#parse_value.
  void Parse(std::string_view raw, DotenvVar* var) const {
    std::string_view v = Strip(raw);
    char quote = 0;
    if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front()) {
      quote = v.front();
      v = v.substr(1, v.size() - 2);
    }
    std::string value(v);
    if (quote == '"') value = ExpandNewlines(value);
    if (quote != '\'') {
      value = Unescape(value);
      value = Variables(value);
      value = Commands(value, &var->commands);
    }
    var->value = std::move(value);
  }

 private:
  const std::string* Lookup(const std::string& name) const {
    auto it = index_.find(name);
    if (it != index_.end()) return &vars_[it->second].value;
    auto e = env_.find(name);
    return e == env_.end() ? nullptr : &e->second;
  }

  // \n and \r in double quotes: kept as written, unless DOTENV_LINEBREAK_MODE is "legacy".
  std::string ExpandNewlines(const std::string& v) const {
    const std::string* mode = Lookup("DOTENV_LINEBREAK_MODE");
    if (mode && *mode == "legacy") return ReplaceAll(ReplaceAll(v, "\\n", "\n"), "\\r", "\r");
    return ReplaceAll(ReplaceAll(v, "\\n", "\\\\n"), "\\r", "\\\\r");
  }

  // Substitutions::Variable: (\\)?(\$)(?!\()\{?([A-Z0-9_]+)?\}?  (case-insensitive)
  std::string Variables(const std::string& v) const {
    std::string out;
    for (size_t i = 0; i < v.size();) {
      const bool escaped = v[i] == '\\' && i + 1 < v.size() && v[i + 1] == '$';
      const size_t dollar = escaped ? i + 1 : i;
      if (v[dollar] != '$' || (dollar + 1 < v.size() && v[dollar + 1] == '(')) {
        out += v[i++];
        continue;
      }
      size_t j = dollar + 1;
      if (j < v.size() && v[j] == '{') ++j;
      const size_t name_begin = j;
      while (j < v.size() && NameChar(v[j])) ++j;
      const std::string name = v.substr(name_begin, j - name_begin);
      if (j < v.size() && v[j] == '}') ++j;
      if (escaped || name.empty()) {
        out.append(v, dollar, j - dollar);
      } else if (const std::string* value = Lookup(name)) {
        out += *value;
      }
      i = j;
    }
    return out;
  }

  // Substitutions::Command: (\\)?\$(\(...\)) runs a shell command. Not here: a placeholder.
  static std::string Commands(const std::string& v, std::vector<DotenvCommand>* commands) {
    std::string out;
    for (size_t i = 0; i < v.size();) {
      const bool escaped = v[i] == '\\' && i + 1 < v.size() && v[i + 1] == '$';
      const size_t dollar = escaped ? i + 1 : i;
      size_t end = kNone;
      if (v[dollar] == '$' && dollar + 1 < v.size() && v[dollar + 1] == '(') end = BalancedEnd(v, dollar + 1);
      if (end == kNone) {
        out += v[i++];
        continue;
      }
      if (escaped) {
        out.append(v, dollar, end - dollar);
      } else {
        DotenvCommand c;
        c.command = v.substr(dollar + 2, end - dollar - 3);
        c.placeholder = "<command:" + c.command + ">";
        out += c.placeholder;
        commands->push_back(std::move(c));
      }
      i = end;
    }
    return out;
  }

  const std::vector<DotenvVar>& vars_;
  const std::map<std::string, size_t>& index_;
  const std::map<std::string, std::string>& env_;
};

// Where the scan goes on after a match that ended at `end`: the first line start from there.
size_t NextStart(const std::string& s, size_t end) {
  if (end == 0 || end >= s.size() || s[end - 1] == '\n') return end;
  size_t eol = s.find('\n', end);
  return eol == kNone ? s.size() : eol + 1;
}

}  // namespace

std::vector<std::string> DotenvFiles(const std::string& env, const std::string& extra) {
  std::vector<std::string> files;
  if (!extra.empty()) files.push_back(fmt::format("config/jets/env/.env.{}.{}", env, extra));
  files.push_back(fmt::format("config/jets/env/.env.{}", env));
  files.push_back("config/jets/env/.env");
  return files;
}

Status ParseDotenv(std::string_view text, const std::string& file,
                   const std::map<std::string, std::string>& environment, std::vector<DotenvVar>* out) {
  const std::string s = Normalize(text);
  const LineMatcher matcher(s);
  std::vector<DotenvVar> vars;
  std::map<std::string, size_t> index;  // the gem's @hash: a name keeps its first place
  const ValueParser values(vars, index, environment);
  int line = 1;
  size_t counted = 0;  // `line` is the line of s[counted]
  auto line_of = [&](size_t pos) {
    line += static_cast<int>(std::count(s.begin() + counted, s.begin() + pos, '\n'));
    counted = pos;
    return line;
  };
  for (size_t p = 0; p < s.size();) {
    Line m;
    size_t first = 0;
    if (!matcher.At(p, &m, &first)) {
      size_t eol = s.find('\n', first);
      p = eol == kNone ? s.size() : eol + 1;
      continue;
    }
    const std::string key = s.substr(m.key_begin, m.key_end - m.key_begin);
    DotenvVar var;
    var.name = key;
    var.line = line_of(m.key_begin);
    auto existing = environment.find(key);
    if (key != "DOTENV_LINEBREAK_MODE" && existing != environment.end()) {
      var.value = existing->second;  // the gem keeps what ENV holds
    } else if (m.exported && !m.has_value) {
      // `export NAME` alone only checks that NAME is set.
      if (!index.count(key)) {
        return Status::Config(
            fmt::format("`export {}` names a variable the file has not set: the dotenv gem stops here, and so does Jets",
                        key),
            Location{file, var.line}, fmt::format("set it on an earlier line ({}=value), or remove this line", key));
      }
      p = NextStart(s, m.end);
      continue;
    } else {
      values.Parse(m.has_value ? std::string_view(s).substr(m.value_begin, m.value_end - m.value_begin) : "", &var);
    }
    auto [it, added] = index.emplace(key, vars.size());
    if (added) {
      vars.push_back(std::move(var));
    } else {
      vars[it->second] = std::move(var);
    }
    p = NextStart(s, m.end);
  }
  *out = std::move(vars);
  return Status::Ok();
}

Status LoadDotenv(const std::map<std::string, std::string>& sources, const std::vector<std::string>& files,
                  std::map<std::string, std::string>* environment, std::vector<LoadedVar>* loaded) {
  for (const auto& file : files) {
    auto text = sources.find(file);
    if (text == sources.end()) continue;  // the gem ignores a file that is not there
    std::vector<DotenvVar> vars;
    if (Status s = ParseDotenv(text->second, file, *environment, &vars); !s.ok()) return s;
    for (auto& var : vars) {
      if (!environment->emplace(var.name, var.value).second) continue;  // ENV.update keeps what is set
      loaded->push_back(LoadedVar{var.name, std::move(var.value), Location{file, var.line}, std::move(var.commands)});
    }
  }
  return Status::Ok();
}

}  // namespace jetsam::eval
