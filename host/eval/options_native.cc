#include "eval/options_native.h"

#include <cstdint>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/data.h>
#include <mruby/hash.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "eval/runtime.h"

// What mrblib/options.rb's method_missing does, for the two cases that build Jets' defaults:
//
//   node.key           a key the node holds: @__values[key]
//   node.key = value   while Jets' defaults are built (Jetsam.__loc is nil), a value that is not
//                      an Array: @__values[key] = value, @__known[key] = true, and an Options
//                      value learns its path
//
// Keys are frozen Strings made once per method name, so neither the lookup nor Hash#[]= (which
// dups an unfrozen String key) makes garbage. Everything else (`key?`, a read of a missing key,
// a config file's own assignment, lists, arguments, blocks) goes to the Ruby method unchanged.
//
// Ruby can leave this function by longjmp (mruby is C): nothing here may need a destructor.

namespace jetsam::eval {
namespace {

// The method's environment: per mrb_state, so a process may hold several VMs.
enum Slot : mrb_int {
  kKeys,     // KeyTable (Data)
  kKeyList,  // Array: the KeyTable's Strings, which the GC must see
  kOptions,  // Jetsam::Options
  kValues,   // :@__values
  kKnown,    // :@__known
  kPath,     // :@__path
  kRuby,     // :__method_missing_ruby
  kAdopt,    // :__adopt_path
  kList,     // Jetsam::List
  kOwners,   // Jetsam::List::OWNERS
  kSlots
};

mrb_value Env(mrb_state* mrb, Slot slot) { return mrb_proc_cfunc_env_get(mrb, slot); }
mrb_sym EnvSym(mrb_state* mrb, Slot slot) { return mrb_symbol(Env(mrb, slot)); }

// The Ruby implementation, with the arguments method_missing was given (name first).
mrb_value Ruby(mrb_state* mrb, mrb_value self, mrb_int argc, const mrb_value* argv, mrb_value block) {
  // argv points into the VM stack, which the call may move: copy it first.
  mrb_value args = mrb_ary_new_from_values(mrb, argc, argv);
  return mrb_funcall_with_block(mrb, self, EnvSym(mrb, kRuby), RARRAY_LEN(args), RARRAY_PTR(args), block);
}

// Keyword arguments (mruby passes them apart) or an unusual frame: mruby's own reading of the
// arguments, then the Ruby method.
mrb_value RubyAnyFrame(mrb_state* mrb, mrb_value self) {
  const mrb_value* argv;
  mrb_int argc;
  mrb_value block;
  mrb_get_args(mrb, "*&", &argv, &argc, &block);
  return Ruby(mrb, self, argc, argv, block);
}

// Method name => its frozen key String: an open-addressed table (symbols are not dense: mruby
// packs short names into the symbol itself). 0 is no symbol.
struct KeyTable {
  mrb_sym* names;
  mrb_value* keys;
  size_t capacity;  // a power of two
  size_t count;
};

void FreeKeyTable(mrb_state* mrb, void* p) {
  auto* table = static_cast<KeyTable*>(p);
  if (!table) return;
  mrb_free(mrb, table->names);
  mrb_free(mrb, table->keys);
  mrb_free(mrb, table);
}

const mrb_data_type kKeyTableType = {"Jetsam::Options keys", FreeKeyTable};

size_t Slot0(mrb_sym name, size_t capacity) {
  return static_cast<size_t>((static_cast<uint64_t>(name) * 0x9E3779B97F4A7C15ull) >> 32) & (capacity - 1);
}

void Grow(mrb_state* mrb, KeyTable* table) {
  size_t capacity = table->capacity ? table->capacity * 2 : 512;
  auto* names = static_cast<mrb_sym*>(mrb_calloc(mrb, capacity, sizeof(mrb_sym)));
  auto* keys = static_cast<mrb_value*>(mrb_calloc(mrb, capacity, sizeof(mrb_value)));
  for (size_t i = 0; i < table->capacity; ++i) {
    if (table->names[i] == 0) continue;
    size_t j = Slot0(table->names[i], capacity);
    while (names[j] != 0) j = (j + 1) & (capacity - 1);
    names[j] = table->names[i];
    keys[j] = table->keys[i];
  }
  mrb_free(mrb, table->names);
  mrb_free(mrb, table->keys);
  *table = {names, keys, capacity, table->count};
}

// The frozen String key for a method name (`timeout=` and `timeout` both give "timeout").
mrb_value KeyFor(mrb_state* mrb, mrb_sym name, const char* s, mrb_int len) {
  auto* table = static_cast<KeyTable*>(DATA_PTR(Env(mrb, kKeys)));
  if (table->capacity) {
    for (size_t i = Slot0(name, table->capacity);; i = (i + 1) & (table->capacity - 1)) {
      if (table->names[i] == name) return table->keys[i];
      if (table->names[i] == 0) break;
    }
  }
  mrb_value key = mrb_str_new_frozen(mrb, s, static_cast<size_t>(len));
  mrb_ary_push(mrb, Env(mrb, kKeyList), key);
  if (2 * (table->count + 1) > table->capacity) Grow(mrb, table);
  size_t i = Slot0(name, table->capacity);
  while (table->names[i] != 0) i = (i + 1) & (table->capacity - 1);
  table->names[i] = name;
  table->keys[i] = key;
  ++table->count;
  return key;
}

// A value whose assignment needs nothing but the two Hash writes (Options#__set's cheap branch).
bool Plain(mrb_value v) {
  switch (mrb_type(v)) {
    case MRB_TT_FALSE:  // nil and false
    case MRB_TT_TRUE:
    case MRB_TT_INTEGER:
    case MRB_TT_FLOAT:
    case MRB_TT_SYMBOL:
    case MRB_TT_STRING:
    case MRB_TT_HASH:
      return true;
    default:
      return false;
  }
}

bool IsOptions(mrb_state* mrb, mrb_value v) {
  return mrb_type(v) == MRB_TT_OBJECT && mrb_obj_class(mrb, v) == mrb_class_ptr(Env(mrb, kOptions));
}

// Options#__child_path(key), for a parent path that is a String.
mrb_value ChildPath(mrb_state* mrb, mrb_value path, const char* key, mrb_int len) {
  if (RSTRING_LEN(path) == 0) return mrb_str_new(mrb, key, static_cast<size_t>(len));
  mrb_value child = mrb_str_dup(mrb, path);
  mrb_str_cat(mrb, child, ".", 1);
  mrb_str_cat(mrb, child, key, static_cast<size_t>(len));
  return child;
}

// Whether every value of a node is one Options#__adopt_path knows without asking it is_a?.
int CheckValue(mrb_state* mrb, mrb_value, mrb_value value, void* data) {
  if (!Plain(value) && !mrb_array_p(value) && !IsOptions(mrb, value)) {
    *static_cast<bool*>(data) = false;
    return 1;
  }
  return 0;
}

void AdoptPath(mrb_state* mrb, mrb_value node, mrb_value path);

struct AdoptChildren {
  mrb_value path;
};

int AdoptChild(mrb_state* mrb, mrb_value key, mrb_value value, void* data) {
  if (!IsOptions(mrb, value) || !mrb_string_p(key)) return 0;
  mrb_value path = static_cast<AdoptChildren*>(data)->path;
  int arena = mrb_gc_arena_save(mrb);
  AdoptPath(mrb, value, ChildPath(mrb, path, RSTRING_PTR(key), RSTRING_LEN(key)));
  mrb_gc_arena_restore(mrb, arena);
  return 0;
}

// Options#__adopt_path(path) for a tree built by Jets' defaults (a few levels deep): each node
// without a path takes its own. A node holding anything unusual is left to the Ruby method.
void AdoptPath(mrb_state* mrb, mrb_value node, mrb_value path) {
  if (!mrb_nil_p(mrb_iv_get(mrb, node, EnvSym(mrb, kPath)))) return;
  mrb_value values = mrb_iv_get(mrb, node, EnvSym(mrb, kValues));
  bool simple = mrb_hash_p(values);
  if (simple) mrb_hash_foreach(mrb, mrb_hash_ptr(values), CheckValue, &simple);
  if (!simple) {
    mrb_funcall_argv(mrb, node, EnvSym(mrb, kAdopt), 1, &path);
    return;
  }
  mrb_iv_set(mrb, node, EnvSym(mrb, kPath), path);
  AdoptChildren children{path};
  mrb_hash_foreach(mrb, mrb_hash_ptr(values), AdoptChild, &children);
}

// `node.key = value` while defaults are built; false: the Ruby method must do it.
bool FastSet(mrb_state* mrb, mrb_value self, mrb_value key_name, mrb_value value, mrb_value* out) {
  auto* recorder = static_cast<Recorder*>(mrb->ud);
  if (recorder == nullptr || recorder->defining <= 0) return false;  // Jetsam.__loc may be a line
  mrb_value values = mrb_iv_get(mrb, self, EnvSym(mrb, kValues));
  mrb_value known = mrb_iv_get(mrb, self, EnvSym(mrb, kKnown));
  if (!mrb_hash_p(values) || !mrb_hash_p(known)) return false;
  bool list = mrb_array_p(value);
  bool options = !list && !Plain(value) && IsOptions(mrb, value);
  if (!list && !options && !Plain(value)) return false;
  mrb_int len;
  const char* s = mrb_sym_name_len(mrb, mrb_symbol(key_name), &len);
  mrb_value key = KeyFor(mrb, mrb_symbol(key_name), s, len - 1);
  if (list) {
    // Jetsam::List.adopt(value, self, key, nil, previous): a new Jets default list needs only
    // its owner; replacing a value is the Ruby method's.
    if (!mrb_nil_p(mrb_hash_fetch(mrb, values, key, mrb_nil_value()))) return false;
    mrb_value owners = Env(mrb, kOwners);
    if (!mrb_hash_p(owners)) return false;
    if (mrb_obj_class(mrb, value) == mrb->array_class && !mrb_frozen_p(mrb_basic_ptr(value))) {
      mrb_basic_ptr(value)->c = mrb_class_ptr(Env(mrb, kList));  // as Jetsam.__adopt_list
    }
    mrb_value owner[2] = {self, key};
    mrb_hash_set(mrb, owners, mrb_int_value(mrb, mrb_obj_id(value)), mrb_ary_new_from_values(mrb, 2, owner));
  } else if (options) {
    // value.__adopt_path(__child_path(key)) unless @__path.nil?
    mrb_value path = mrb_iv_get(mrb, self, EnvSym(mrb, kPath));
    if (!mrb_nil_p(path)) {
      if (!mrb_string_p(path)) return false;
      if (mrb_nil_p(mrb_iv_get(mrb, value, EnvSym(mrb, kPath)))) AdoptPath(mrb, value, ChildPath(mrb, path, s, len - 1));
    }
  }
  mrb_hash_set(mrb, values, key, value);
  mrb_hash_set(mrb, known, key, mrb_true_value());
  *out = value;
  return true;
}

mrb_value MethodMissing(mrb_state* mrb, mrb_value self) {
  const mrb_callinfo* ci = mrb->c->ci;
  bool packed = ci->n == 15;
  if (ci->nk != 0 || (packed && !mrb_array_p(ci->stack[1]))) return RubyAnyFrame(mrb, self);
  // mrb_get_args(mrb, "*!&", ...) without parsing a format: 15 means packed in an Array.
  const mrb_value* argv = packed ? RARRAY_PTR(ci->stack[1]) : ci->stack + 1;
  mrb_int argc = packed ? RARRAY_LEN(ci->stack[1]) : ci->n;
  mrb_value block = ci->stack[packed ? 2 : ci->n + 1];
  if (argc < 1 || !mrb_symbol_p(argv[0])) return Ruby(mrb, self, argc, argv, block);
  mrb_int len;
  const char* s = mrb_sym_name_len(mrb, mrb_symbol(argv[0]), &len);
  if (len < 2) return Ruby(mrb, self, argc, argv, block);
  char last = s[len - 1];
  if (last == '=') {
    mrb_value result;
    if (argc == 2 && FastSet(mrb, self, argv[0], argv[1], &result)) return result;
  } else if (last != '?' && argc == 1 && mrb_nil_p(block)) {
    mrb_value values = mrb_iv_get(mrb, self, EnvSym(mrb, kValues));
    if (mrb_hash_p(values)) {
      mrb_value key = KeyFor(mrb, mrb_symbol(argv[0]), s, len);
      mrb_value value = mrb_hash_fetch(mrb, values, key, mrb_undef_value());
      if (!mrb_undef_p(value)) return value;
    }
  }
  return Ruby(mrb, self, argc, argv, block);
}

}  // namespace

void InstallOptionsNative(mrb_state* mrb) {
  RClass* options = mrb_class_get_under(mrb, mrb_module_get(mrb, "Jetsam"), "Options");
  mrb_value env[kSlots];
  auto* table = static_cast<KeyTable*>(mrb_malloc(mrb, sizeof(KeyTable)));
  *table = {nullptr, nullptr, 0, 0};
  env[kKeys] = mrb_obj_value(mrb_data_object_alloc(mrb, mrb->object_class, table, &kKeyTableType));
  env[kKeyList] = mrb_ary_new(mrb);
  env[kOptions] = mrb_obj_value(options);
  env[kValues] = mrb_symbol_value(mrb_intern_lit(mrb, "@__values"));
  env[kKnown] = mrb_symbol_value(mrb_intern_lit(mrb, "@__known"));
  env[kPath] = mrb_symbol_value(mrb_intern_lit(mrb, "@__path"));
  env[kRuby] = mrb_symbol_value(mrb_intern_lit(mrb, "__method_missing_ruby"));
  env[kAdopt] = mrb_symbol_value(mrb_intern_lit(mrb, "__adopt_path"));
  RClass* list = mrb_class_get_under(mrb, mrb_module_get(mrb, "Jetsam"), "List");
  env[kList] = mrb_obj_value(list);
  env[kOwners] = mrb_const_get(mrb, mrb_obj_value(list), mrb_intern_lit(mrb, "OWNERS"));
  RProc* proc = mrb_proc_new_cfunc_with_env(mrb, MethodMissing, kSlots, env);
  mrb_method_t method;
  MRB_METHOD_FROM_PROC(method, proc);
  mrb_define_method_raw(mrb, options, mrb_intern_lit(mrb, "method_missing"), method);
}

}  // namespace jetsam::eval
