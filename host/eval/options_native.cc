#include "eval/options_native.h"

#include <cstring>
#include <string_view>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "eval/ruby_value.h"
#include "eval/runtime.h"
#include "vm/mruby_shim.h"

// A node keeps its values in a Hash under an instance variable whose name Ruby cannot spell
// (instance_variable_get wants an "@"), and is frozen once made: no Ruby code can read that
// Hash, give the node methods of its own or set its variables. Where each value came from is in
// the Recorder's Provenance, by the node's address.
//
// mruby raises by longjmp, which skips C++ destructors: each native makes every call that can
// raise (into the VM, or out of memory) first, holding only mruby values and plain pointers,
// and does its C++ bookkeeping after, with no call into the VM. So nothing leaks when a config
// makes a native raise (and rescues it, as often as it likes), and no record is left
// half-changed.

namespace jetsam::eval {
namespace {

mrb_value Frozen(mrb_state* mrb, mrb_value s) {
  mrb_obj_freeze(mrb, s);
  return s;
}

// A key as OrderedOptions reads it (`key.to_s`), as a plain frozen String: what the node's
// Hash is keyed by.
mrb_value KeyValue(mrb_state* mrb, mrb_value key) {
  if (mrb_symbol_p(key)) return Frozen(mrb, mrb_sym_str(mrb, mrb_symbol(key)));
  if (!mrb_string_p(key)) key = mrb_obj_as_string(mrb, key);
  if (mrb_frozen_p(mrb_basic_ptr(key)) && mrb_obj_class(mrb, key) == mrb->string_class) return key;
  return Frozen(mrb, mrb_str_new(mrb, RSTRING_PTR(key), RSTRING_LEN(key)));
}

const World& TheWorld(mrb_state* mrb) { return *RecorderOf(mrb)->world; }

// The path of a node, for messages ("(root)" for an object's root or a node not stored yet).
std::string_view NodeName(mrb_state* mrb, mrb_value node) {
  NodeRecord* n = RecorderOf(mrb)->prov.Node(mrb_ptr(node));
  return n && n->path && !n->path->empty() ? std::string_view(*n->path) : std::string_view("(root)");
}

mrb_value ValuesOrRaise(mrb_state* mrb, mrb_value self) {
  mrb_value values = NodeValues(mrb, self);
  if (!mrb_hash_p(values)) mrb_raise(mrb, E_TYPE_ERROR, "uninitialized settings (OrderedOptions.allocate)");
  return values;
}

void RaiseIfSealed(mrb_state* mrb) {
  if (RecorderOf(mrb)->sealed) mrb_raise(mrb, E_RUNTIME_ERROR, "settings cannot change once the config files have run");
}

void RaiseIfOverBudget(mrb_state* mrb, size_t n) {
  if (!RecorderOf(mrb)->prov.Spend(n)) {
    mrb_raise(mrb, E_RUNTIME_ERROR, "the config made more settings changes than jetsam records");
  }
}

bool InDefaults(mrb_state* mrb) { return Who(mrb).defaults; }

// --- lists ---------------------------------------------------------------------------------

mrb_value Snapshot(mrb_state* mrb, const ListRecord& l) {
  return l.snapshot < 0 ? mrb_nil_value() : mrb_ary_ref(mrb, RecorderOf(mrb)->keep, l.snapshot);
}

bool SameItems(mrb_state*, mrb_value a, mrb_value b) {
  if (!mrb_array_p(a) || !mrb_array_p(b) || RARRAY_LEN(a) != RARRAY_LEN(b)) return false;
  for (mrb_int i = 0; i < RARRAY_LEN(a); ++i) {
    if (!(KeyOf(RARRAY_PTR(a)[i]) == KeyOf(RARRAY_PTR(b)[i]))) return false;
  }
  return true;
}

// A copy of the list's items, kept alive (so that no address it holds is reused) as its record's
// snapshot. Raises only when out of memory.
void TakeSnapshot(mrb_state* mrb, mrb_value list, ListRecord* l) {
  mrb_value copy = mrb_ary_new_from_values(mrb, RARRAY_LEN(list), RARRAY_PTR(list));
  if (l->snapshot < 0) {
    l->snapshot = Keep(mrb, copy);
  } else {
    mrb_ary_set(mrb, RecorderOf(mrb)->keep, l->snapshot, copy);
  }
}

using Origins = std::unordered_map<ItemKey, Location, ItemKeyHash>;

// The items of `snapshot`, each a Jets default.
Origins AllDefaults(mrb_value snapshot) {
  Origins o;
  if (mrb_array_p(snapshot)) {
    for (mrb_int i = 0; i < RARRAY_LEN(snapshot); ++i) o.emplace(KeyOf(RARRAY_PTR(snapshot)[i]), Location{});
  }
  return o;
}

// Each item of `list` keeps its origin in `known`, or takes `where`.
Origins OriginsFor(mrb_value list, const Origins& known, const Location& where) {
  Origins o;
  for (mrb_int i = 0; i < RARRAY_LEN(list); ++i) {
    ItemKey k = KeyOf(RARRAY_PTR(list)[i]);
    auto it = known.find(k);
    o.emplace(k, it == known.end() ? where : it->second);
  }
  return o;
}

void Touch(KeyRecord& k, const Location& where, const char* op) {
  k.where = where;
  k.history.push_back({where, op});
}

bool Owns(const ListRecord& l, mrb_value node, mrb_value key) {
  for (const auto& o : l.owners) {
    if (o.node == mrb_ptr(node) && o.key == View(key)) return true;
  }
  return false;
}

// `node[key] = list`, the VM's part: the list takes the settings list class (in place, keeping
// its identity), is kept alive, and gets a snapshot; a new owner's key is kept alive too (the
// Hash may hold an equal String of its own). Raises only when out of memory.
void PrepareList(mrb_state* mrb, mrb_value node, mrb_value key, mrb_value list, bool defaults) {
  Recorder* r = RecorderOf(mrb);
  vm::shim::BecomeSubclassInstance(mrb, list, r->world->list);
  bool fresh = r->prov.List(mrb_ptr(list)) == nullptr;
  if (fresh) Keep(mrb, list);
  ListRecord* l = &r->prov.AddList(mrb_ptr(list));
  if (!Owns(*l, node, key)) Keep(mrb, key);
  // A list the defaults store again: nothing new to record.
  if (!(defaults && !fresh && l->snapshot >= 0)) TakeSnapshot(mrb, list, l);
}

// `node[key] = list` at `origin`, the host's part; `previous` is what the key held.
void RecordList(mrb_state* mrb, mrb_value node, mrb_value key, mrb_value list, mrb_value previous,
                const Origin& origin) {
  const bool defaults = origin.defaults;
  Recorder* r = RecorderOf(mrb);
  ListRecord* l = r->prov.List(mrb_ptr(list));
  if (!l) return;
  if (!Owns(*l, node, key)) l->owners.push_back({mrb_ptr(node), std::string(View(key)), key});
  if (defaults) return;
  Origins inherited;
  ListRecord* p = mrb_array_p(previous) ? r->prov.List(mrb_ptr(previous)) : nullptr;
  if (p) inherited = p->origins ? *p->origins : AllDefaults(Snapshot(mrb, *p));
  l->origins = OriginsFor(list, inherited, origin.where);
  l->untracked = false;
}

// After a change of a tracked list: its items' origins and the history of every setting that
// still holds it (the host's part; `before` is the snapshot the change started from).
void RecordListChange(mrb_state* mrb, mrb_value list, mrb_value before, const char* op) {
  Recorder* r = RecorderOf(mrb);
  ListRecord* l = r->prov.List(mrb_ptr(list));
  Origin origin = Who(mrb);
  if (!origin.defaults || l->origins) {
    if (!l->origins) l->origins = AllDefaults(before);
    l->origins = OriginsFor(list, *l->origins, origin.defaults ? Location{} : origin.where);
  }
  if (origin.defaults) return;
  for (const ListOwner& owner : l->owners) {
    // Does the owner still hold this list? (A String key: the Hash runs no Ruby and allocates
    // nothing to find it.)
    mrb_value values = NodeValues(mrb, mrb_obj_value(const_cast<void*>(owner.node)));
    if (!mrb_hash_p(values)) continue;
    mrb_value v = mrb_hash_fetch(mrb, values, owner.key_value, mrb_undef_value());
    if (mrb_undef_p(v) || !mrb_array_p(v) || mrb_ptr(v) != mrb_ptr(list)) continue;
    Touch(r->prov.AddNode(owner.node).Key(owner.key), origin.where, op);
  }
}

// Array methods that change an Array, and how a change by each is named in a setting's history.
struct Mutator {
  const char* name;
  const char* op;
};
constexpr Mutator kMutators[] = {
    {"<<", "append"},       {"push", "append"},      {"append", "append"},   {"concat", "append"},
    {"unshift", "append"},  {"prepend", "append"},   {"insert", "append"},   {"[]=", "mutate"},
    {"replace", "set"},     {"initialize_copy", "set"}, {"initialize", "set"}, {"delete", "remove"},
    {"delete_at", "remove"}, {"delete_if", "remove"}, {"reject!", "remove"}, {"select!", "remove"},
    {"filter!", "remove"},  {"keep_if", "remove"},   {"clear", "remove"},    {"uniq!", "remove"},
    {"compact!", "remove"}, {"pop", "remove"},       {"shift", "remove"},    {"slice!", "remove"},
    {"map!", "mutate"},     {"collect!", "mutate"},  {"flatten!", "mutate"}, {"sort!", "mutate"},
    {"sort_by!", "mutate"}, {"reverse!", "mutate"},  {"rotate!", "mutate"},  {"shuffle!", "mutate"},
    {"fill", "mutate"},
};

// List#NAME: Array's own C function with the caller's arguments, then the record. A method of
// Array written in Ruby is not wrapped: it changes the list through these.
mrb_value ListMethod(mrb_state* mrb, mrb_value self) {
  mrb_func_t original = vm::shim::WrappedOriginal(mrb);
  mrb_int op = vm::shim::WrappedData(mrb);
  Recorder* r = RecorderOf(mrb);
  ListRecord* l = r->prov.List(mrb_ptr(self));  // records are never removed: stays valid
  if (l) {
    RaiseIfSealed(mrb);
    if (!SameItems(mrb, self, Snapshot(mrb, *l))) l->untracked = true;
  }
  mrb_value result = original(mrb, self);
  if (!l) return result;
  RaiseIfOverBudget(mrb, 1 + static_cast<size_t>(RARRAY_LEN(self)));
  // The VM's part: the snapshot the change started from stays alive while a new one is taken.
  mrb_value before = Snapshot(mrb, *l);
  mrb_gc_protect(mrb, before);
  TakeSnapshot(mrb, self, l);
  RecordListChange(mrb, self, before, kMutators[op].op);
  return result;
}

mrb_value ListClass(mrb_state* mrb, mrb_value) { return mrb_obj_value(mrb->array_class); }

// --- nodes ---------------------------------------------------------------------------------

// Stores a Jets default: frozen all the way down (the list itself stays open to `<<`), so that
// no config can change a default in place and have it still count as Jets'. Raises nothing.
void FreezeDeep(mrb_state* mrb, mrb_value v, int depth);

struct FreezeCtx {
  int depth;
};

int FreezeHashPair(mrb_state* mrb, mrb_value key, mrb_value val, void* data) {
  int depth = static_cast<FreezeCtx*>(data)->depth;
  FreezeDeep(mrb, key, depth + 1);
  FreezeDeep(mrb, val, depth + 1);
  return 0;
}

int FreezeIvar(mrb_state* mrb, mrb_sym, mrb_value val, void* data) {
  FreezeDeep(mrb, val, static_cast<FreezeCtx*>(data)->depth + 1);
  return 0;
}

void FreezeItems(mrb_state* mrb, mrb_value ary, int depth) {
  for (mrb_int i = 0; i < RARRAY_LEN(ary); ++i) FreezeDeep(mrb, RARRAY_PTR(ary)[i], depth + 1);
}

void FreezeDeep(mrb_state* mrb, mrb_value v, int depth) {
  if (mrb_immediate_p(v) || depth > 32 || IsNode(mrb, v)) return;
  if (mrb_frozen_p(mrb_basic_ptr(v))) return;
  FreezeCtx ctx{depth};
  switch (mrb_type(v)) {
    case MRB_TT_ARRAY:
      FreezeItems(mrb, v, depth);
      break;
    case MRB_TT_HASH:
      mrb_hash_foreach(mrb, mrb_hash_ptr(v), FreezeHashPair, &ctx);
      break;
    case MRB_TT_OBJECT:
      mrb_iv_foreach(mrb, v, FreezeIvar, &ctx);
      break;
    default:
      break;
  }
  mrb_obj_freeze(mrb, v);
}

void AdoptPath(mrb_state* mrb, mrb_value node, const std::string& path, int depth);

struct AdoptCtx {
  const std::string* path;
  int depth;
};

int AdoptChild(mrb_state* mrb, mrb_value key, mrb_value value, void* data) {
  auto* c = static_cast<AdoptCtx*>(data);
  if (!IsNode(mrb, value) || !mrb_string_p(key)) return 0;
  std::string child = c->path->empty() ? std::string(View(key)) : *c->path + "." + std::string(View(key));
  AdoptPath(mrb, value, child, c->depth + 1);
  return 0;
}

// A node stored under `path`, and the nodes it holds, take their paths (those that have none).
// The host's part only: no call into the VM that can raise.
void AdoptPath(mrb_state* mrb, mrb_value node, const std::string& path, int depth) {
  NodeRecord& n = RecorderOf(mrb)->prov.AddNode(mrb_ptr(node));
  if (n.path || depth > 64) return;
  n.path = path;
  mrb_value values = NodeValues(mrb, node);
  AdoptCtx ctx{&path, depth};
  if (mrb_hash_p(values)) mrb_hash_foreach(mrb, mrb_hash_ptr(values), AdoptChild, &ctx);
}

// `self[key] = value`, the host's part: the key's record, and the list's or the node's.
void RecordSet(mrb_state* mrb, mrb_value self, mrb_value key, mrb_value value, mrb_value previous, bool defaults,
               const char* op) {
  Recorder* r = RecorderOf(mrb);
  // Where the change came from: one walk of the VM's frames for the list and the key alike.
  const Origin origin = defaults ? Origin{{}, true} : Who(mrb);
  if (mrb_array_p(value)) {
    RecordList(mrb, self, key, value, previous, origin);
  } else if (IsNode(mrb, value)) {
    NodeRecord* parent = r->prov.Node(mrb_ptr(self));
    if (parent && parent->path) {
      AdoptPath(mrb, value, parent->path->empty() ? std::string(View(key)) : *parent->path + "." + std::string(View(key)), 0);
    }
  }
  KeyRecord& rec = r->prov.AddNode(mrb_ptr(self)).Key(View(key));
  if (origin.defaults) {
    rec.known = true;
  } else {
    Touch(rec, origin.where, op);
  }
}

// `self[key] = value` (`key`: a frozen String, as KeyValue makes it).
mrb_value Set(mrb_state* mrb, mrb_value self, mrb_value key, mrb_value value, const char* op) {
  RaiseIfSealed(mrb);
  mrb_value values = ValuesOrRaise(mrb, self);
  RaiseIfOverBudget(mrb, 1);
  const bool defaults = InDefaults(mrb);
  // What the key held matters only to a config's list (its items' origins carry over).
  mrb_value previous = mrb_array_p(value) && !defaults ? mrb_hash_fetch(mrb, values, key, mrb_nil_value())
                                                       : mrb_nil_value();
  if (defaults) {
    if (mrb_array_p(value)) {
      FreezeItems(mrb, value, 0);
    } else {
      FreezeDeep(mrb, value, 0);
    }
  }
  if (mrb_array_p(value)) PrepareList(mrb, self, key, value, defaults);
  mrb_hash_set(mrb, values, key, value);
  RecordSet(mrb, self, key, value, previous, defaults, op);
  return value;
}

struct VivifyCall {
  mrb_value self, factory, key;
};

mrb_value Vivify(mrb_state* mrb, void* data) {
  auto* c = static_cast<VivifyCall*>(data);
  mrb_value made = mrb_funcall_argv(mrb, c->factory, TheWorld(mrb).call, 1, &c->key);
  return Set(mrb, c->self, c->key, made, "set");
}

// A read of a key no one set, by a config: noted for the error a nil may cause next.
void NoteUnknownRead(mrb_state* mrb, mrb_value self, mrb_value key, const NodeRecord* n) {
  Origin origin = Who(mrb);
  if (origin.defaults) return;
  std::string_view name = NodeName(mrb, self);
  std::string path = name == "(root)" ? std::string(View(key)) : std::string(name) + "." + std::string(View(key));
  RecorderOf(mrb)->last_unknown_read = Recorder::UnknownRead{std::move(path), std::move(origin.where), n && n->open};
}

// `self[key]` (`key`: a frozen String, as KeyValue makes it).
mrb_value Get(mrb_state* mrb, mrb_value self, mrb_value key) {
  mrb_value values = ValuesOrRaise(mrb, self);
  mrb_value v = mrb_hash_fetch(mrb, values, key, mrb_undef_value());
  if (!mrb_undef_p(v)) return v;
  Recorder* r = RecorderOf(mrb);
  NodeRecord* n = r->prov.Node(mrb_ptr(self));
  if (n && n->vivify >= 0 && !r->sealed) {
    VivifyCall call{self, mrb_ary_ref(mrb, r->keep, n->vivify), key};
    return RunAsDefaults(mrb, Vivify, &call);
  }
  if (!r->sealed) NoteUnknownRead(mrb, self, key, n);
  return mrb_nil_value();
}

// The NoMethodError for `name` (a String) on `self`, made with mruby's strings only (raised by
// the caller).
mrb_value NoSuchMethodError(mrb_state* mrb, mrb_value self, mrb_value name) {
  mrb_value message = mrb_str_new_lit(mrb, "undefined method '");
  mrb_str_cat_str(mrb, message, name);
  mrb_str_cat_lit(mrb, message, "' for settings ");
  std::string_view node = NodeName(mrb, self);  // a view of the host's record: nothing to destroy
  mrb_str_cat(mrb, message, node.data(), node.size());
  mrb_value exc = mrb_exc_new_str(mrb, E_NOMETHOD_ERROR, message);
  // NoMethodError#name, as the VM's own sets it: the host reads the missing name there.
  mrb_iv_set(mrb, exc, mrb_intern_lit(mrb, "@name"), mrb_symbol_value(mrb_intern_str(mrb, name)));
  return exc;
}

// `self.NAME(*argv, &block)` for a name Options has no method of its own for: a key's reader,
// writer (`x=`), truthiness (`x?`) or bang (`x!`), else NoMethodError.
mrb_value Dispatch(mrb_state* mrb, mrb_value self, mrb_value name, const mrb_value* argv, mrb_int argc,
                   mrb_value block) {
  // The name's last character decides; `x=` and `x?` name the key `x`, made once as a String.
  mrb_int len = 0;
  const char* text = nullptr;
  if (mrb_symbol_p(name)) {
    text = mrb_sym_name_len(mrb, mrb_symbol(name), &len);  // valid until the next symbol's name
  } else {
    name = KeyValue(mrb, name);
    text = RSTRING_PTR(name);
    len = RSTRING_LEN(name);
  }
  const char last = len > 0 ? text[len - 1] : '\0';
  if (last == '=' && argc == 1) {
    mrb_value value = argv[0];
    return Set(mrb, self, Frozen(mrb, mrb_str_new(mrb, text, len - 1)), value, "set");
  }
  if (last == '!' && argc == 0 && mrb_nil_p(block)) {
    // ActiveSupport's `x.key!`: the value, or a KeyError when it is blank (nil, false, empty).
    mrb_value key = Frozen(mrb, mrb_str_new(mrb, text, len - 1));
    mrb_value v = Get(mrb, self, key);
    if (!mrb_test(mrb_funcall_argv(mrb, v, mrb_intern_lit(mrb, "blank?"), 0, nullptr))) return v;
    mrb_value message = mrb_str_new_lit(mrb, ":");
    mrb_str_cat_str(mrb, message, key);
    mrb_str_cat_lit(mrb, message, " is blank");
    mrb_exc_raise(mrb, mrb_exc_new_str(mrb, mrb_exc_get_id(mrb, mrb_intern_lit(mrb, "KeyError")), message));
  }
  if (last == '?' && argc == 0) {
    mrb_value key = Frozen(mrb, mrb_str_new(mrb, text, len - 1));
    mrb_value v = mrb_hash_fetch(mrb, ValuesOrRaise(mrb, self), key, mrb_nil_value());
    return mrb_bool_value(mrb_test(v));
  }
  mrb_value key = KeyValue(mrb, name);
  if (argc == 0 && mrb_nil_p(block)) return Get(mrb, self, key);
  mrb_exc_raise(mrb, NoSuchMethodError(mrb, self, key));
}

mrb_value MethodMissing(mrb_state* mrb, mrb_value self) {
  mrb_value name, block;
  const mrb_value* argv;
  mrb_int argc;
  // Read in place when plain (every `x.key` and `x.key = v`): mrb_get_args' general parse is a
  // tenth of building Jets' defaults.
  if (vm::shim::PlainCallArgs(mrb, &argc, &argv, &block) && argc >= 1) {
    name = argv[0];
    ++argv;
    --argc;
  } else {
    mrb_get_args(mrb, "o*&", &name, &argv, &argc, &block);
  }
  return Dispatch(mrb, self, name, argv, argc, block);
}

// A setting's reader or writer as a method of its own (DefineSettingAccessors): what
// method_missing does with the name it was called by.
mrb_value Accessor(mrb_state* mrb, mrb_value self) {
  mrb_value block;
  const mrb_value* argv;
  mrb_int argc;
  if (!vm::shim::PlainCallArgs(mrb, &argc, &argv, &block)) mrb_get_args(mrb, "*&", &argv, &argc, &block);
  return Dispatch(mrb, self, mrb_symbol_value(mrb_get_mid(mrb)), argv, argc, block);
}

mrb_value Initialize(mrb_state* mrb, mrb_value self) {
  if (mrb_frozen_p(mrb_basic_ptr(self)) || !mrb_nil_p(NodeValues(mrb, self))) {
    mrb_raise(mrb, E_RUNTIME_ERROR, "settings are initialized once");
  }
  mrb_iv_set(mrb, self, TheWorld(mrb).values, mrb_hash_new(mrb));
  Keep(mrb, self);
  RecorderOf(mrb)->prov.AddNode(mrb_ptr(self));
  mrb_obj_freeze(mrb, self);
  return self;
}

mrb_value Index(mrb_state* mrb, mrb_value self) {
  mrb_value key;
  mrb_get_args(mrb, "o", &key);
  return Get(mrb, self, KeyValue(mrb, key));
}

mrb_value IndexSet(mrb_state* mrb, mrb_value self) {
  mrb_value key, value;
  mrb_get_args(mrb, "oo", &key, &value);
  return Set(mrb, self, KeyValue(mrb, key), value, "set");
}

mrb_value HasKey(mrb_state* mrb, mrb_value self) {
  mrb_value key;
  mrb_get_args(mrb, "o", &key);
  mrb_value values = ValuesOrRaise(mrb, self);
  return mrb_bool_value(mrb_hash_key_p(mrb, values, KeyValue(mrb, key)));
}

mrb_value Keys(mrb_state* mrb, mrb_value self) {
  mrb_value keys = mrb_hash_keys(mrb, ValuesOrRaise(mrb, self));
  for (mrb_int i = 0; i < RARRAY_LEN(keys); ++i) {
    mrb_value k = RARRAY_PTR(keys)[i];
    RARRAY_PTR(keys)[i] = mrb_symbol_value(mrb_intern_str(mrb, k));
  }
  return keys;
}

mrb_value ToH(mrb_state* mrb, mrb_value self);

int ToHPair(mrb_state* mrb, mrb_value key, mrb_value value, void* data) {
  mrb_value h = *static_cast<mrb_value*>(data);
  mrb_hash_set(mrb, h, mrb_symbol_value(mrb_intern_str(mrb, key)), IsNode(mrb, value) ? ToH(mrb, value) : value);
  return 0;
}

mrb_value ToH(mrb_state* mrb, mrb_value self) {
  mrb_value h = mrb_hash_new(mrb);
  mrb_hash_foreach(mrb, mrb_hash_ptr(ValuesOrRaise(mrb, self)), ToHPair, &h);
  return h;
}

mrb_value Empty(mrb_state* mrb, mrb_value self) { return mrb_bool_value(mrb_hash_empty_p(mrb, ValuesOrRaise(mrb, self))); }

mrb_value False(mrb_state*, mrb_value) { return mrb_false_value(); }
mrb_value True(mrb_state*, mrb_value) { return mrb_true_value(); }

mrb_value IsA(mrb_state* mrb, mrb_value) {
  mrb_value klass;
  mrb_get_args(mrb, "o", &klass);
  bool yes = mrb_type(klass) == MRB_TT_CLASS &&
             (mrb_class_ptr(klass) == TheWorld(mrb).options || mrb_class_ptr(klass) == mrb->object_class->super);
  return mrb_bool_value(yes);
}

mrb_value Class(mrb_state* mrb, mrb_value) { return mrb_obj_value(TheWorld(mrb).options); }

mrb_value Inspect(mrb_state* mrb, mrb_value self) {
  mrb_value text = mrb_inspect(mrb, ToH(mrb, self));
  mrb_value out = mrb_str_new_lit(mrb, "#<OrderedOptions ");
  mrb_str_cat_str(mrb, out, text);
  mrb_str_cat_lit(mrb, out, ">");
  return out;
}

// --- Jets' defaults built with the VM -------------------------------------------------------

// The host's records of a prebuilt tree (no call into the VM that can raise): each node its path
// and its keys as Jets' defaults, each list its owners.
struct AdoptLevel {
  const std::string* path;
  mrb_value node;
  int depth;
};

void AdoptNode(mrb_state* mrb, mrb_value node, const std::string& path, int depth);

int AdoptPair(mrb_state* mrb, mrb_value key, mrb_value value, void* data) {
  auto* level = static_cast<AdoptLevel*>(data);
  if (mrb_array_p(value)) {
    RecordList(mrb, level->node, key, value, mrb_nil_value(), Origin{{}, true});
  } else if (IsNode(mrb, value)) {
    AdoptNode(mrb, value, level->path->empty() ? std::string(View(key)) : *level->path + "." + std::string(View(key)),
              level->depth + 1);
  }
  return 0;
}

void AdoptNode(mrb_state* mrb, mrb_value node, const std::string& path, int depth) {
  if (depth > 64) return;
  mrb_value values = NodeValues(mrb, node);
  NodeRecord& n = RecorderOf(mrb)->prov.AddNode(mrb_ptr(node));
  if (n.path) return;  // adopted already (a first use whose inputs failed)
  n.path = path;
  n.prebuilt_keys = static_cast<size_t>(mrb_hash_size(mrb, values));
  AdoptLevel level{&*n.path, node, depth};
  mrb_hash_foreach(mrb, mrb_hash_ptr(values), AdoptPair, &level);
}

}  // namespace

bool IsNode(mrb_state* mrb, mrb_value v) {
  if (mrb_type(v) != MRB_TT_OBJECT) return false;
  Recorder* r = RecorderOf(mrb);
  return r && mrb_obj_class(mrb, v) == r->world->options && mrb_hash_p(mrb_iv_get(mrb, v, r->world->values));
}

mrb_value NodeValues(mrb_state* mrb, mrb_value node) {
  if (mrb_type(node) != MRB_TT_OBJECT) return mrb_nil_value();
  return mrb_iv_get(mrb, node, TheWorld(mrb).values);
}

void VivifyNode(mrb_state* mrb, mrb_value node, mrb_value factory) {
  int index = Keep(mrb, factory);
  NodeRecord& n = RecorderOf(mrb)->prov.AddNode(mrb_ptr(node));
  n.open = true;
  n.vivify = index;
}

void AdoptDefaults(mrb_state* mrb, mrb_value root, mrb_value lists, size_t settings) {
  Recorder* r = RecorderOf(mrb);
  // The VM's part: the nodes, lists and keys are kept alive with the VM; each list's snapshot
  // joins this evaluation's keep list.
  for (mrb_int i = 0; i + 1 < RARRAY_LEN(lists); i += 2) {
    const void* list = mrb_ptr(RARRAY_PTR(lists)[i]);
    if (r->prov.List(list)) continue;
    const int snapshot = Keep(mrb, RARRAY_PTR(lists)[i + 1]);
    r->prov.AddList(list).snapshot = snapshot;
  }
  RaiseIfOverBudget(mrb, settings);
  AdoptNode(mrb, root, "", 0);
}

void OpenNode(mrb_state* mrb, mrb_value node) { RecorderOf(mrb)->prov.AddNode(mrb_ptr(node)).open = true; }

bool ListUnchanged(mrb_state* mrb, mrb_value list) {
  ListRecord* l = RecorderOf(mrb)->prov.List(mrb_ptr(list));
  if (!l) return true;
  return !l->untracked && SameItems(mrb, list, Snapshot(mrb, *l));
}

void DefineSettingAccessors(mrb_state* mrb, RClass* options, const std::vector<SettingName>& names) {
  for (const SettingName& name : names) {
    const mrb_sym reader = mrb_intern(mrb, name.reader.data(), name.reader.size());
    for (mrb_sym sym : {reader, name.writer}) {
      if (!mrb_obj_respond_to(mrb, options, sym)) mrb_define_method_id(mrb, options, sym, Accessor, MRB_ARGS_ANY());
    }
  }
}

void InstallOptionsNative(mrb_state* mrb, const World& world) {
  RClass* o = world.options;
  mrb_define_method(mrb, o, "initialize", Initialize, MRB_ARGS_ANY());
  mrb_define_method(mrb, o, "method_missing", MethodMissing, MRB_ARGS_ANY());
  mrb_define_method(mrb, o, "[]", Index, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, o, "[]=", IndexSet, MRB_ARGS_REQ(2));
  for (const char* name : {"key?", "has_key?", "include?"}) mrb_define_method(mrb, o, name, HasKey, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, o, "keys", Keys, MRB_ARGS_NONE());
  mrb_define_method(mrb, o, "to_h", ToH, MRB_ARGS_NONE());
  mrb_define_method(mrb, o, "to_hash", ToH, MRB_ARGS_NONE());
  mrb_define_method(mrb, o, "empty?", Empty, MRB_ARGS_NONE());
  mrb_define_method(mrb, o, "nil?", False, MRB_ARGS_NONE());
  mrb_define_method(mrb, o, "respond_to?", True, MRB_ARGS_ANY());
  mrb_define_method(mrb, o, "respond_to_missing?", True, MRB_ARGS_ANY());
  mrb_define_method(mrb, o, "is_a?", IsA, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, o, "kind_of?", IsA, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, o, "class", Class, MRB_ARGS_NONE());
  mrb_define_method(mrb, o, "inspect", Inspect, MRB_ARGS_NONE());
  mrb_define_method(mrb, o, "to_s", Inspect, MRB_ARGS_NONE());
  // A node needs none of BasicObject's ways to run code as itself.
  mrb_undef_method(mrb, o, "instance_eval");
  mrb_undef_method(mrb, o, "instance_exec");

  RClass* list = world.list;
  for (size_t i = 0; i < sizeof kMutators / sizeof kMutators[0]; ++i) {
    // Array's own C function; one written in Ruby changes the list through these.
    mrb_func_t original = vm::shim::OwnCFunction(mrb, mrb->array_class, kMutators[i].name);
    if (original) vm::shim::DefineWrapper(mrb, list, kMutators[i].name, ListMethod, original, static_cast<mrb_int>(i));
  }
  mrb_define_method(mrb, list, "class", ListClass, MRB_ARGS_NONE());
}

ItemKey KeyOf(mrb_value v) {
  switch (mrb_type(v)) {
    case MRB_TT_FALSE: return {MRB_TT_FALSE, mrb_nil_p(v) ? 1u : 0u};
    case MRB_TT_TRUE: return {MRB_TT_TRUE, 1};
    case MRB_TT_INTEGER: return {MRB_TT_INTEGER, static_cast<uint64_t>(mrb_integer(v))};
    case MRB_TT_SYMBOL: return {MRB_TT_SYMBOL, static_cast<uint64_t>(mrb_symbol(v))};
    case MRB_TT_FLOAT: {
      double d = mrb_float(v);
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return {MRB_TT_FLOAT, bits};
    }
    default:
      if (mrb_immediate_p(v)) return {static_cast<int>(mrb_type(v)), 0};
      return {-1, reinterpret_cast<uintptr_t>(mrb_ptr(v))};
  }
}

}  // namespace jetsam::eval
