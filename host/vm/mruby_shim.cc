#include "vm/mruby_shim.h"

#include <cstring>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/compile.h>
#include <mruby/debug.h>
#include <mruby/error.h>
#include <mruby/irep.h>
#include <mruby/proc.h>

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
    const mrb_irep* irep = proc->body.irep;
    if (!irep || !irep->debug_info) continue;
    ptrdiff_t idx = ci->pc - irep->iseq;
    if (idx > 0) --idx;  // pc has moved past the call
    int32_t line = mrb_debug_get_line(mrb, irep, static_cast<uint32_t>(idx));
    const char* file = mrb_debug_get_filename(mrb, irep, static_cast<uint32_t>(idx));
    if (line > 0 && file) return Location{file, line};
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

bool IsParserStackOverflow(const char* message) { return message && std::strcmp(message, "memory exhausted") == 0; }

}  // namespace jetsam::vm::shim
