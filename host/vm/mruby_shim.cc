#include "vm/mruby_shim.h"

#include <cstring>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/compile.h>
#include <mruby/debug.h>
#include <mruby/error.h>
#include <mruby/irep.h>
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

void RunTopLevel(mrb_state* mrb, RProc* proc) {
  // As mrb_load_exec runs it: at top level, with Object as the target class.
  MRB_PROC_SET_TARGET_CLASS(proc, mrb->object_class);
  if (mrb->c->ci) mrb_vm_ci_target_class_set(mrb->c->ci, mrb->object_class);
  mrb_top_run(mrb, proc, mrb_top_self(mrb), 0);
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

}  // namespace jetsam::vm::shim
