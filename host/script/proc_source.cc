#include "script/proc_source.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include <mruby.h>
#include <mruby/compile.h>
#include <mruby/debug.h>
#include <mruby/irep.h>
#include <mruby/opcode.h>
#include <mruby/proc.h>

#include <fmt/format.h>

#include "vm/mruby_shim.h"  // its guard: mruby 3.1, as this file reads mruby's structures

namespace jetsam::script {
namespace {

// --- mruby 3.1's instructions: an opcode byte, then operands in one of these formats
// (mruby/ops.h), widened by an OP_EXT1..3 prefix.
enum class Format : uint8_t { Z, B, BB, BBB, BS, BSS, S, W };
constexpr Format kFormats[] = {
#define OPCODE(name, format) Format::format,
#include <mruby/ops.h>
#undef OPCODE
};

struct Insn {
  uint8_t op = 0;
  uint32_t a = 0, b = 0, c = 0;
  size_t size = 0;  // 0: past the end, or not an instruction
};

Insn Decode(const mrb_irep* irep, size_t pc) {
  const mrb_code* code = irep->iseq;
  const size_t end = irep->ilen;
  size_t at = pc;
  Insn insn;
  bool ok = true;
  auto byte = [&]() -> uint32_t {
    if (at >= end) {
      ok = false;
      return 0;
    }
    return code[at++];
  };
  auto read = [&](int bytes) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | byte();
    return v;
  };
  insn.op = static_cast<uint8_t>(byte());
  int ext = 0;
  if (insn.op == OP_EXT1 || insn.op == OP_EXT2 || insn.op == OP_EXT3) {
    ext = insn.op - OP_EXT1 + 1;
    insn.op = static_cast<uint8_t>(byte());
  }
  if (!ok || insn.op >= sizeof kFormats) return {};
  const int a_bytes = ext == 1 || ext == 3 ? 2 : 1, b_bytes = ext == 2 || ext == 3 ? 2 : 1;
  switch (kFormats[insn.op]) {
    case Format::Z: break;
    case Format::B: insn.a = read(a_bytes); break;
    case Format::BB: insn.a = read(a_bytes); insn.b = read(b_bytes); break;
    case Format::BBB: insn.a = read(a_bytes); insn.b = read(b_bytes); insn.c = read(1); break;
    case Format::BS: insn.a = read(a_bytes); insn.b = read(2); break;
    case Format::BSS: insn.a = read(a_bytes); insn.b = read(2); insn.c = read(2); break;
    case Format::S: insn.a = read(2); break;
    case Format::W: insn.a = read(3); break;
  }
  if (!ok) return {};
  insn.size = at - pc;
  return insn;
}

bool IsUpvar(uint8_t op) { return op == OP_GETUPVAR || op == OP_SETUPVAR; }

// The name of local variable `index` (a register number) of `irep`, or "" when it has none.
std::string LocalName(mrb_state* mrb, const mrb_irep* irep, uint32_t index) {
  if (!irep || !irep->lv || index == 0 || index >= irep->nlocals || !irep->lv[index - 1]) return {};
  return mrb_sym_name(mrb, irep->lv[index - 1]);
}

// The Proc `levels` scopes above `proc` (0: proc itself), or null.
const RProc* Climb(const RProc* proc, uint32_t levels) {
  for (uint32_t i = 0; proc && i < levels; ++i) proc = proc->upper;
  return proc;
}

struct Original {
  mrb_state* mrb;
  const RProc* proc;
  std::vector<ProcSource::Variable> captures;
  std::string assigned;
  bool unreadable = false;  // an upvar with no name (an anonymous argument): cannot be moved

  // Notes every upvar of `irep` (at `depth` blocks inside the Proc) that leaves the Proc.
  void Collect(const mrb_irep* irep, uint32_t depth) {
    for (size_t pc = 0; pc < irep->ilen;) {
      Insn insn = Decode(irep, pc);
      if (!insn.size) return;
      if (IsUpvar(insn.op) && insn.c >= depth) {
        std::string name = Name(insn.c - depth, insn.b);
        if (name.empty()) {
          unreadable = true;
        } else {
          if (insn.op == OP_SETUPVAR && assigned.empty()) assigned = name;
          auto same = [&](const ProcSource::Variable& c) { return c.name == name; };
          if (std::none_of(captures.begin(), captures.end(), same)) captures.push_back({name, insn.c - depth, insn.b});
        }
      }
      pc += insn.size;
    }
    for (uint16_t i = 0; i < irep->rlen; ++i) Collect(irep->reps[i], depth + 1);
  }

  std::string Name(uint32_t level, uint32_t index) const {
    const RProc* scope = Climb(proc, level);
    if (!scope || !scope->upper || MRB_PROC_CFUNC_P(scope->upper)) return {};
    return LocalName(mrb, scope->upper->body.irep, index);
  }
};

bool SamePool(const mrb_pool_value& x, const mrb_pool_value& y) {
  if ((x.tt & IREP_TT_NFLAG) != (y.tt & IREP_TT_NFLAG)) return false;
  if (x.tt & IREP_TT_NFLAG) {
    if (x.tt != y.tt) return false;
    switch (x.tt) {
      case IREP_TT_INT32: return x.u.i32 == y.u.i32;
      case IREP_TT_FLOAT: return std::memcmp(&x.u.f, &y.u.f, sizeof x.u.f) == 0;
      default: return x.u.i64 == y.u.i64;
    }
  }
  size_t len = x.tt >> 2;
  return len == (y.tt >> 2) && std::memcmp(x.u.str, y.u.str, len) == 0;
}

// Whether a candidate's code (`cand`, compiled with the captured variables as its top level's
// locals) is the original's (`orig`): the same instructions, symbols, literals, nested code and
// lines, with each upvar that leaves the Proc naming the same variable.
struct Comparer {
  mrb_state* mrb;
  const Original& original;
  const mrb_irep* cand_top;

  bool Same(const mrb_irep* o, const mrb_irep* c, uint32_t depth) const {
    if (o->ilen != c->ilen || o->nlocals != c->nlocals || o->nregs != c->nregs || o->plen != c->plen ||
        o->slen != c->slen || o->rlen != c->rlen || o->clen != c->clen) {
      return false;
    }
    if (!std::equal(o->syms, o->syms + o->slen, c->syms)) return false;
    for (uint16_t i = 0; i < o->plen; ++i) {
      if (!SamePool(o->pool[i], c->pool[i])) return false;
    }
    for (size_t pc = 0; pc < o->ilen;) {
      Insn x = Decode(o, pc), y = Decode(c, pc);
      if (!x.size || x.size != y.size || x.op != y.op) return false;
      if (IsUpvar(x.op) && x.c >= depth) {
        if (x.a != y.a || y.c != depth || original.Name(x.c - depth, x.b) != LocalName(mrb, cand_top, y.b)) return false;
      } else if (std::memcmp(o->iseq + pc, c->iseq + pc, x.size) != 0) {
        return false;
      }
      if (mrb_debug_get_line(mrb, o, static_cast<uint32_t>(pc)) != mrb_debug_get_line(mrb, c, static_cast<uint32_t>(pc))) {
        return false;
      }
      pc += x.size;
    }
    for (uint16_t i = 0; i < o->rlen; ++i) {
      if (!Same(o->reps[i], c->reps[i], depth + 1)) return false;
    }
    return true;
  }
};

// The first and last line of `irep`'s code and the code nested in it.
void LineSpan(mrb_state* mrb, const mrb_irep* irep, int* first, int* last) {
  for (size_t pc = 0; pc < irep->ilen; ++pc) {
    int line = mrb_debug_get_line(mrb, irep, static_cast<uint32_t>(pc));
    if (line <= 0) continue;
    *first = *first == 0 ? line : std::min(*first, line);
    *last = std::max(*last, line);
  }
  for (uint16_t i = 0; i < irep->rlen; ++i) LineSpan(mrb, irep->reps[i], first, last);
}

struct Token {
  size_t offset;  // into the text
  int line;
  bool brace;     // { or }; else do or end
  size_t size;
};

bool IdentChar(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '?' || ch == '!'; }

// The `{`/`do` (open) or `}`/`end` tokens of lines [first, last] of `text`, in order. Strings and
// comments are not told apart: a wrong candidate does not compile to the Proc's code.
std::vector<Token> Tokens(std::string_view text, const std::vector<size_t>& line_starts, int first, int last,
                          bool open) {
  std::vector<Token> tokens;
  const char brace = open ? '{' : '}';
  const std::string_view word = open ? "do" : "end";
  for (int line = std::max(first, 1); line <= last && line <= static_cast<int>(line_starts.size()); ++line) {
    size_t start = line_starts[line - 1];
    size_t end = line < static_cast<int>(line_starts.size()) ? line_starts[line] : text.size();
    for (size_t at = start; at < end; ++at) {
      if (text[at] == brace) {
        tokens.push_back({at, line, true, 1});
      } else if (text.compare(at, word.size(), word) == 0 && (at == start || !IdentChar(text[at - 1])) &&
                 (at + word.size() >= text.size() || !IdentChar(text[at + word.size()]))) {
        tokens.push_back({at, line, false, word.size()});
      }
    }
  }
  return tokens;
}

}  // namespace

bool ProcSources::Find(mrb_state* mrb, const RProc* proc, const std::string& name, const std::string& text,
                       ProcSource* out, std::string* error) {
  if (!proc || MRB_PROC_CFUNC_P(proc)) {
    *error = "it is a method made in C, not a Proc literal";
    return false;
  }
  const mrb_irep* irep = proc->body.irep;
  if (auto it = found_.find(irep); it != found_.end()) {
    *out = it->second;
    return true;
  }
  Original original{mrb, proc, {}, {}, false};
  original.Collect(irep, 0);
  if (original.unreadable) {
    *error = "it reads a variable of the script that has no name";
    return false;
  }
  int first = 0, last = 0;
  LineSpan(mrb, irep, &first, &last);
  if (first == 0) {
    *error = "its code has no line information";
    return false;
  }
  std::vector<size_t> line_starts{0};
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) line_starts.push_back(at + 1);
  // The opener is on the first line or a few before it (`do |a,` ... `b|` across lines); the
  // closer on the last line or after it.
  std::vector<Token> openers = Tokens(text, line_starts, first - 4, first, true);
  std::vector<Token> closers = Tokens(text, line_starts, last, last + 200, false);
  std::reverse(openers.begin(), openers.end());  // the nearest first
  std::string decls;
  for (const auto& c : original.captures) decls += c.name + " = nil; ";
  mrbc_context* cxt = mrbc_context_new(mrb);
  mrbc_filename(mrb, cxt, name.c_str());
  cxt->capture_errors = TRUE;
  bool found = false;
  for (const Token& open : openers) {
    for (const Token& close : closers) {
      if (found) break;
      if (close.offset <= open.offset || close.brace != open.brace) continue;
      std::string block = text.substr(open.offset, close.offset + close.size - open.offset);
      std::string candidate = std::string(open.line - 1, '\n') + decls + "proc " + block;
      int arena = mrb_gc_arena_save(mrb);
      mrb_parser_state* parser = mrb_parse_nstring(mrb, candidate.data(), candidate.size(), cxt);
      if (parser && parser->nerr == 0) {
        bool gave_up = false;
        RProc* compiled = vm::shim::Compile(mrb, parser, cxt, &gave_up);
        const mrb_irep* top = compiled ? compiled->body.irep : nullptr;
        if (top && top->rlen == 1 && Comparer{mrb, original, top}.Same(irep, top->reps[0], 0)) {
          out->line = open.line;
          out->block = std::move(block);
          found = true;
        }
      } else if (parser) {
        mrb_parser_free(parser);
      }
      mrb_gc_arena_restore(mrb, arena);
    }
    if (found) break;
  }
  mrbc_context_free(mrb, cxt);
  if (!found) {
    *error = fmt::format("its source between lines {} and {} of {} could not be told apart", first, last, name);
    return false;
  }
  out->captured = std::move(original.captures);
  out->assigned = std::move(original.assigned);
  found_.emplace(irep, *out);
  return true;
}

std::vector<mrb_value> CapturedValues(const RProc* proc, const ProcSource& source) {
  std::vector<mrb_value> values;
  for (const auto& v : source.captured) {
    const RProc* scope = Climb(proc, v.level);
    const REnv* env = scope ? MRB_PROC_ENV(scope) : nullptr;
    values.push_back(env && env->stack && v.index < static_cast<uint32_t>(MRB_ENV_LEN(env)) ? env->stack[v.index]
                                                                                         : mrb_nil_value());
  }
  return values;
}

}  // namespace jetsam::script
