#include "vm/mruby_shim.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/compile.h>
#include <mruby/debug.h>
#include <mruby/dump.h>
#include <mruby/error.h>
#include <mruby/irep.h>
#include <mruby/opcode.h>
#include <mruby/proc.h>
#include <mruby/variable.h>

extern "C" {
// Debian's libmruby exports each gem's initialiser under the name its build generates.
void GENERATED_TMP_mrb_mruby_compar_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_enum_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_string_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_numeric_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_array_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_hash_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_range_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_proc_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_symbol_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_object_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_fiber_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_enumerator_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_enum_lazy_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_toplevel_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_kernel_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_class_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_pack_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_sprintf_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_time_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_struct_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_random_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_math_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_complex_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_rational_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_metaprog_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_method_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_eval_gem_init(mrb_state*);
}

namespace jetsam::vm::shim {
namespace {

using GemInit = void (*)(mrb_state*);
constexpr GemInit kAllowedGems[] = {
    GENERATED_TMP_mrb_mruby_compar_ext_gem_init,  GENERATED_TMP_mrb_mruby_enum_ext_gem_init,
    GENERATED_TMP_mrb_mruby_string_ext_gem_init,  GENERATED_TMP_mrb_mruby_numeric_ext_gem_init,
    GENERATED_TMP_mrb_mruby_array_ext_gem_init,   GENERATED_TMP_mrb_mruby_hash_ext_gem_init,
    GENERATED_TMP_mrb_mruby_range_ext_gem_init,   GENERATED_TMP_mrb_mruby_proc_ext_gem_init,
    GENERATED_TMP_mrb_mruby_symbol_ext_gem_init,  GENERATED_TMP_mrb_mruby_object_ext_gem_init,
    GENERATED_TMP_mrb_mruby_fiber_gem_init,       GENERATED_TMP_mrb_mruby_enumerator_gem_init,
    GENERATED_TMP_mrb_mruby_enum_lazy_gem_init,   GENERATED_TMP_mrb_mruby_toplevel_ext_gem_init,
    GENERATED_TMP_mrb_mruby_kernel_ext_gem_init,  GENERATED_TMP_mrb_mruby_class_ext_gem_init,
    GENERATED_TMP_mrb_mruby_pack_gem_init,        GENERATED_TMP_mrb_mruby_sprintf_gem_init,
    GENERATED_TMP_mrb_mruby_time_gem_init,        GENERATED_TMP_mrb_mruby_struct_gem_init,
    GENERATED_TMP_mrb_mruby_random_gem_init,      GENERATED_TMP_mrb_mruby_math_gem_init,
    GENERATED_TMP_mrb_mruby_complex_gem_init,     GENERATED_TMP_mrb_mruby_rational_gem_init,
    GENERATED_TMP_mrb_mruby_metaprog_gem_init,    GENERATED_TMP_mrb_mruby_method_gem_init,
    GENERATED_TMP_mrb_mruby_eval_gem_init,
};

// mruby 3.1 packs the arguments of a call with more than 14 of them (or a splat) into an Array.
constexpr int kPackedArgs = 15;

// The file:line a frame of `irep`'s code is at, from its debug information (empty without it).
Location LineOf(mrb_state* mrb, const mrb_callinfo* ci, const mrb_irep* irep) {
  if (!irep || !irep->debug_info || !ci->pc) return {};
  ptrdiff_t idx = ci->pc - irep->iseq;
  if (idx > 0) --idx;  // pc has moved past the call
  int32_t line = mrb_debug_get_line(mrb, irep, static_cast<uint32_t>(idx));
  const char* file = mrb_debug_get_filename(mrb, irep, static_cast<uint32_t>(idx));
  return line > 0 && file ? Location{file, line} : Location{};
}

}  // namespace

void InitAllowedGems(mrb_state* mrb) {
  int arena = mrb_gc_arena_save(mrb);
  for (GemInit init : kAllowedGems) {
    init(mrb);
    mrb_gc_arena_restore(mrb, arena);
  }
}

bool InCall(mrb_state* mrb) { return mrb && mrb->c && mrb->c->ci; }

Location InnermostRubyLocation(mrb_state* mrb) {
  if (!InCall(mrb)) return {};
  for (const mrb_callinfo* ci = mrb->c->ci; ci >= mrb->c->cibase; --ci) {
    const RProc* proc = ci->proc;
    if (!proc || MRB_PROC_CFUNC_P(proc) || !ci->pc) continue;
    Location where = LineOf(mrb, ci, proc->body.irep);
    if (!where.empty()) return where;
  }
  return {};
}

bool PlainCallArgs(mrb_state* mrb, mrb_int* argc, const mrb_value** argv, mrb_value* block) {
  const mrb_callinfo* ci = mrb->c->ci;
  const bool packed = ci->n == kPackedArgs;
  if (ci->nk != 0 || (packed && !mrb_array_p(ci->stack[1]))) return false;
  *argc = mrb_get_argc(mrb);
  *argv = mrb_get_argv(mrb);
  // The block follows the arguments (or their packed Array) on the frame's stack.
  *block = ci->stack[packed ? 2 : ci->n + 1];
  return true;
}

bool BecomeSubclassInstance(mrb_state* mrb, mrb_value obj, RClass* subclass) {
  if (mrb_immediate_p(obj) || mrb_frozen_p(mrb_basic_ptr(obj))) return false;
  if (mrb_obj_class(mrb, obj) != subclass->super) return false;
  mrb_basic_ptr(obj)->c = subclass;
  return true;
}

RProc* Compile(mrb_state* mrb, mrb_parser_state* parser, mrbc_context* context, bool* gave_up) {
  *gave_up = false;
  // no_exec: mrb_load_exec compiles and hands back the Proc, so that a failure to compile is
  // told apart from an exception the code raised by where it happens, not by its message.
  context->no_exec = TRUE;
  mrb_value proc = mrb_load_exec(mrb, parser, context);  // frees the parser
  context->no_exec = FALSE;
  if (mrb_proc_p(proc)) return mrb_proc_ptr(proc);
  // The code generator reports giving up as a ScriptError; running out of memory meanwhile
  // leaves the NoMemoryError.
  if (mrb->exc && mrb_obj_class(mrb, mrb_obj_value(mrb->exc)) == E_SCRIPT_ERROR) {
    mrb->exc = nullptr;
    *gave_up = true;
  }
  return nullptr;
}

bool DumpCompiled(mrb_state* mrb, RProc* proc, uint8_t** bytes, size_t* size) {
  return mrb_dump_irep(mrb, proc->body.irep, MRB_DUMP_DEBUG_INFO, bytes, size) == MRB_DUMP_OK;
}

RProc* LoadCompiled(mrb_state* mrb, mrbc_context* context, const uint8_t* bytes, size_t size) {
  context->no_exec = TRUE;
  mrb_value proc = mrb_load_irep_buf_cxt(mrb, bytes, size, context);
  context->no_exec = FALSE;
  return mrb_proc_p(proc) ? mrb_proc_ptr(proc) : nullptr;
}

void RunTopLevel(mrb_state* mrb, RProc* proc) {
  // As mrb_load_exec runs it: at top level, with Object as the target class.
  MRB_PROC_SET_TARGET_CLASS(proc, mrb->object_class);
  if (mrb->c->ci) mrb_vm_ci_target_class_set(mrb->c->ci, mrb->object_class);
  mrb_top_run(mrb, proc, mrb_top_self(mrb), 0);
}

void RunBytecodeAtTopLevel(mrb_state* mrb, const uint8_t* bytecode) {
  mrbc_context* context = mrbc_context_new(mrb);
  context->no_exec = TRUE;
  mrb_value proc = mrb_load_irep_cxt(mrb, bytecode, context);
  mrbc_context_free(mrb, context);
  if (mrb_proc_p(proc)) RunTopLevel(mrb, mrb_proc_ptr(proc));
  if (mrb->exc) {
    mrb_value exc = mrb_obj_value(mrb->exc);
    mrb->exc = nullptr;
    mrb_exc_raise(mrb, exc);
  }
}

std::vector<const void*> CodeOf(const RProc* proc) {
  std::vector<const void*> code;
  if (!proc || MRB_PROC_CFUNC_P(proc)) return code;
  std::vector<const mrb_irep*> todo{proc->body.irep};
  while (!todo.empty()) {
    const mrb_irep* irep = todo.back();
    todo.pop_back();
    if (!irep) continue;
    code.push_back(irep);
    for (int i = 0; i < irep->rlen; ++i) todo.push_back(irep->reps[i]);
  }
  return code;
}

void VisitFrames(mrb_state* mrb, bool (*visit)(const Frame& frame, void* data), void* data) {
  if (!InCall(mrb)) return;
  // A fiber's `prev` is the fiber that resumed it (the root fiber has none).
  for (const mrb_context* c = mrb->c; c; c = c->prev) {
    for (const mrb_callinfo* ci = c->ci; ci && ci >= c->cibase; --ci) {
      Frame f{c, ci - c->cibase, nullptr, ci};
      if (ci->proc && !MRB_PROC_CFUNC_P(ci->proc)) f.code = ci->proc->body.irep;
      if (!visit(f, data)) return;
    }
  }
}

Frame CurrentFrame(mrb_state* mrb) {
  const mrb_callinfo* ci = mrb->c->ci;
  return Frame{mrb->c, ci - mrb->c->cibase, nullptr, ci};
}

Location FrameLine(mrb_state* mrb, const Frame& frame) {
  const auto* ci = static_cast<const mrb_callinfo*>(frame.callinfo);
  if (!ci) return {};
  return LineOf(mrb, ci, static_cast<const mrb_irep*>(frame.code));
}

bool BacktraceSetByRuby(mrb_state* mrb, mrb_value exc) {
  // mruby keeps the backtrace it records at a raise in the hidden variable `backtrace`, packed
  // (not an Array); set_backtrace puts the caller's Array of Strings there instead.
  return mrb_array_p(mrb_iv_get(mrb, exc, mrb_intern_lit(mrb, "backtrace")));
}

mrb_func_t OwnCFunction(mrb_state* mrb, RClass* c, const char* name) {
  if (!c) return nullptr;
  RClass* owner = c;
  mrb_method_t m = mrb_method_search_vm(mrb, &owner, mrb_intern_cstr(mrb, name));
  if (owner != c || MRB_METHOD_UNDEF_P(m) || !MRB_METHOD_CFUNC_P(m)) return nullptr;
  return MRB_METHOD_CFUNC(m);
}

void DefineWrapper(mrb_state* mrb, RClass* c, const char* name, mrb_func_t wrapper, mrb_func_t original,
                   mrb_int data) {
  mrb_value env[2] = {mrb_cptr_value(mrb, reinterpret_cast<void*>(original)), mrb_int_value(mrb, data)};
  RProc* proc = mrb_proc_new_cfunc_with_env(mrb, wrapper, 2, env);
  mrb_method_t method;
  MRB_METHOD_FROM_PROC(method, proc);
  mrb_define_method_raw(mrb, c, mrb_intern_cstr(mrb, name), method);
}

mrb_func_t WrappedOriginal(mrb_state* mrb) {
  return reinterpret_cast<mrb_func_t>(mrb_cptr(mrb_proc_cfunc_env_get(mrb, 0)));
}

mrb_int WrappedData(mrb_state* mrb) { return mrb_integer(mrb_proc_cfunc_env_get(mrb, 1)); }

void GrowthRefused(mrb_state* mrb, const void* block, size_t size) {
#ifndef MRB_GC_FIXED_ARENA
  if (mrb && block && block == mrb->gc.arena) mrb->gc.arena_capa = static_cast<int>(size / sizeof(RBasic*));
#endif
}

void CollectSoon(mrb_state* mrb) { mrb->gc.threshold = 0; }

void AdoptAllocatorData(mrb_state* mrb, void* ud) { mrb->allocf_ud = ud; }

bool IsParserStackOverflow(const char* message) { return message && std::strcmp(message, "memory exhausted") == 0; }

ParserError ReadParserError(std::string msg) {
  if (msg.rfind("syntax error, ", 0) == 0) msg.erase(0, 14);
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t at = msg.find(from); at != std::string::npos; at = msg.find(from, at + to.size())) msg.replace(at, from.size(), to);
  };
  replace("$end", "end of file");
  replace("keyword_end", "`end`");
  if (msg.empty()) msg = "invalid syntax";
  const bool at_end = msg.find("end of file") != std::string::npos;
  return ParserError{std::move(msg), at_end};
}

bool ParserWantsMore(const mrb_parser_state* p) {
  if (p->parsing_heredoc || p->lex_strterm) return true;
  if (p->nerr > 0) {
    const char* message = p->error_buffer[0].message;
    return message && std::string_view(message).rfind("syntax error, unexpected $end", 0) == 0;
  }
  switch (p->lstate) {
    case EXPR_DOT:
    case EXPR_CLASS:
    case EXPR_FNAME:
    case EXPR_VALUE:
      return true;
    default:
      return false;
  }
}

// --- a Proc's compiled code

namespace {

// mruby 3.1's instructions: an opcode byte, then operands in one of these formats (mruby/ops.h),
// widened by an OP_EXT1..3 prefix.
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

// The name of the variable at `level` scopes above the Proc's, register `index`.
std::string OuterName(mrb_state* mrb, const RProc* proc, uint32_t level, uint32_t index) {
  const RProc* scope = Climb(proc, level);
  if (!scope || !scope->upper || MRB_PROC_CFUNC_P(scope->upper)) return {};
  return LocalName(mrb, scope->upper->body.irep, index);
}

// Notes every upvar of `irep` (at `depth` blocks inside the Proc) that leaves the Proc.
void CollectOuter(mrb_state* mrb, const RProc* proc, const mrb_irep* irep, uint32_t depth,
                  std::vector<OuterVariable>* out) {
  for (size_t pc = 0; pc < irep->ilen;) {
    Insn insn = Decode(irep, pc);
    if (!insn.size) return;
    if (IsUpvar(insn.op) && insn.c >= depth) {
      std::string name = OuterName(mrb, proc, insn.c - depth, insn.b);
      auto same = [&](const OuterVariable& v) { return v.name == name && (!name.empty() || (v.level == insn.c - depth && v.index == insn.b)); };
      auto it = std::find_if(out->begin(), out->end(), same);
      if (it == out->end()) it = out->insert(out->end(), OuterVariable{name, insn.c - depth, insn.b, false});
      if (insn.op == OP_SETUPVAR) it->assigned = true;
    }
    pc += insn.size;
  }
  for (uint16_t i = 0; i < irep->rlen; ++i) CollectOuter(mrb, proc, irep->reps[i], depth + 1, out);
}

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

// Whether a candidate's code (`c`, compiled with the outer variables as its top level's locals,
// `cand_top`) is the original's (`o`, of `proc`), at `depth` blocks inside the Proc.
bool SameCode(mrb_state* mrb, const RProc* proc, const mrb_irep* cand_top, const mrb_irep* o, const mrb_irep* c,
              uint32_t depth) {
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
      if (x.a != y.a || y.c != depth || OuterName(mrb, proc, x.c - depth, x.b) != LocalName(mrb, cand_top, y.b)) {
        return false;
      }
    } else if (std::memcmp(o->iseq + pc, c->iseq + pc, x.size) != 0) {
      return false;
    }
    if (mrb_debug_get_line(mrb, o, static_cast<uint32_t>(pc)) != mrb_debug_get_line(mrb, c, static_cast<uint32_t>(pc))) {
      return false;
    }
    pc += x.size;
  }
  for (uint16_t i = 0; i < o->rlen; ++i) {
    if (!SameCode(mrb, proc, cand_top, o->reps[i], c->reps[i], depth + 1)) return false;
  }
  return true;
}

void LineSpanOf(mrb_state* mrb, const mrb_irep* irep, int* first, int* last) {
  for (size_t pc = 0; pc < irep->ilen; ++pc) {
    int line = mrb_debug_get_line(mrb, irep, static_cast<uint32_t>(pc));
    if (line <= 0) continue;
    *first = *first == 0 ? line : std::min(*first, line);
    *last = std::max(*last, line);
  }
  for (uint16_t i = 0; i < irep->rlen; ++i) LineSpanOf(mrb, irep->reps[i], first, last);
}

}  // namespace

const void* ProcCode(const RProc* proc) { return proc && !MRB_PROC_CFUNC_P(proc) ? proc->body.irep : nullptr; }

std::vector<OuterVariable> OuterVariables(mrb_state* mrb, const RProc* proc) {
  std::vector<OuterVariable> out;
  if (ProcCode(proc)) CollectOuter(mrb, proc, proc->body.irep, 0, &out);
  return out;
}

void ProcLineSpan(mrb_state* mrb, const RProc* proc, int* first, int* last) {
  *first = *last = 0;
  if (ProcCode(proc)) LineSpanOf(mrb, proc->body.irep, first, last);
}

bool SameProcCode(mrb_state* mrb, const RProc* proc, const RProc* file) {
  if (!ProcCode(proc) || !ProcCode(file)) return false;
  const mrb_irep* top = file->body.irep;
  return top->rlen == 1 && SameCode(mrb, proc, top, proc->body.irep, top->reps[0], 0);
}

mrb_value OuterValue(const RProc* proc, const OuterVariable& variable) {
  const RProc* scope = Climb(proc, variable.level);
  const REnv* env = scope ? MRB_PROC_ENV(scope) : nullptr;
  return env && env->stack && variable.index < static_cast<uint32_t>(MRB_ENV_LEN(env)) ? env->stack[variable.index]
                                                                                     : mrb_nil_value();
}

}  // namespace jetsam::vm::shim
