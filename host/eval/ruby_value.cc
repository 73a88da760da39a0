#include "eval/ruby_value.h"

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/hash.h>
#include <mruby/string.h>

#include "eval/runtime.h"
#include "vm/exception.h"

namespace jetsam::eval {
namespace {

constexpr int kMaxDepth = 100;
// Shared sub-structures are copied once per reference: bound the total so a config cannot
// make the host (whose memory the VM's limit does not cover) copy without end.
constexpr int64_t kMaxNodes = 2'000'000;

struct Budget {
  int64_t nodes = 0;
  std::vector<const void*> path;  // containers being copied: a repeat is a cycle
};
thread_local Budget* budget = nullptr;

// The calls into the VM below may raise (a class's name needs memory, to_s may be the config's
// own method): they are caught (vm::CallCaught), since this code holds C++ objects, which a
// raise would skip, all along.
mrb_value ClassNameOf(mrb_state* mrb, void* v) {
  const char* name = mrb_obj_classname(mrb, *static_cast<mrb_value*>(v));
  return name ? mrb_str_new_cstr(mrb, name) : mrb_nil_value();
}

std::string ClassName(mrb_state* mrb, mrb_value v) {
  mrb_value name = vm::CallCaught(mrb, ClassNameOf, &v, mrb_nil_value());
  return mrb_string_p(name) ? vm::WithoutAddresses(RubyString(name)) : "Object";
}

struct MethodCall {
  mrb_value receiver;
  const char* method;
};

mrb_value CallMethod(mrb_state* mrb, void* data) {
  auto* call = static_cast<MethodCall*>(data);
  return mrb_funcall_argv(mrb, call->receiver, mrb_intern_cstr(mrb, call->method), 0, nullptr);
}

std::string CallToS(mrb_state* mrb, mrb_value v, const char* method) {
  MethodCall call{v, method};
  mrb_value s = vm::CallCaught(mrb, CallMethod, &call, mrb_undef_value());
  if (mrb_undef_p(s)) return "#<" + ClassName(mrb, v) + ">";
  if (!mrb_string_p(s)) return {};
  return vm::WithoutAddresses(RubyString(s));
}

// A String, Array or Hash that is what it looks like: of the core class (or one jetsam made:
// Jets.env's StringInquirer, a settings list, ActiveSupport's HashWithIndifferentAccess), with no methods of its own. Any other is a value
// whose methods Jets would call, and jetsam shows it as an object, not as the data it holds.
bool Plain(mrb_state* mrb, mrb_value v, RClass* core) {
  RClass* c = mrb_class(mrb, v);
  if (c == core) return true;
  if (c != mrb_obj_class(mrb, v)) return false;  // a singleton class
  const Recorder* r = RecorderOf(mrb);
  return r && ((core == mrb->string_class && c == r->world->inquirer) || (core == mrb->array_class && c == r->world->list) ||
               (core == mrb->hash_class && c == r->world->indifferent));
}

struct HashCollector {
  mrb_state* mrb;
  int depth;
  std::vector<Value::Pair>* pairs;
};

Value Convert(mrb_state* mrb, mrb_value v, int depth);

int CollectPair(mrb_state* mrb, mrb_value key, mrb_value val, void* data) {
  auto* c = static_cast<HashCollector*>(data);
  c->pairs->emplace_back(Convert(mrb, key, c->depth + 1), Convert(mrb, val, c->depth + 1));
  return 0;
}

bool Enter(mrb_value v) {
  const void* p = mrb_ptr(v);
  for (const void* q : budget->path) if (q == p) return false;
  budget->path.push_back(p);
  return true;
}

Value Convert(mrb_state* mrb, mrb_value v, int depth) {
  if (depth > kMaxDepth || ++budget->nodes > kMaxNodes) return Value::Other("Object", "[...]");
  switch (mrb_type(v)) {
    case MRB_TT_FALSE:
      return mrb_nil_p(v) ? Value::Nil() : Value::Bool(false);
    case MRB_TT_TRUE:
      return Value::Bool(true);
    case MRB_TT_INTEGER:
      return Value::Integer(mrb_integer(v));
    case MRB_TT_FLOAT:
      return Value::Float(mrb_float(v), CallToS(mrb, v, "to_s"));
    case MRB_TT_SYMBOL:
      return Value::Symbol(mrb_sym_name(mrb, mrb_symbol(v)));
    case MRB_TT_STRING:
      if (!Plain(mrb, v, mrb->string_class)) return Value::Other(ClassName(mrb, v), "#<" + ClassName(mrb, v) + ">");
      return Value::String(std::string(RSTRING_PTR(v), RSTRING_LEN(v)));
    case MRB_TT_ARRAY: {
      if (!Plain(mrb, v, mrb->array_class)) return Value::Other(ClassName(mrb, v), "#<" + ClassName(mrb, v) + ">");
      if (!Enter(v)) return Value::Other("Array", "[...]");
      std::vector<Value> items;
      mrb_int n = RARRAY_LEN(v);
      items.reserve(n);
      for (mrb_int i = 0; i < RARRAY_LEN(v); ++i) items.push_back(Convert(mrb, mrb_ary_ref(mrb, v, i), depth + 1));
      budget->path.pop_back();
      return Value::Array(std::move(items));
    }
    case MRB_TT_HASH: {
      if (!Plain(mrb, v, mrb->hash_class)) return Value::Other(ClassName(mrb, v), "#<" + ClassName(mrb, v) + ">");
      if (!Enter(v)) return Value::Other("Hash", "{...}");
      std::vector<Value::Pair> pairs;
      HashCollector c{mrb, depth, &pairs};
      mrb_hash_foreach(mrb, mrb_hash_ptr(v), CollectPair, &c);
      budget->path.pop_back();
      return Value::Hash(std::move(pairs));
    }
    default:
      return Value::Other(ClassName(mrb, v), CallToS(mrb, v, "to_s"));
  }
}

}  // namespace

std::string RubyString(mrb_value v) {
  return mrb_string_p(v) ? std::string(RSTRING_PTR(v), RSTRING_LEN(v)) : std::string();
}

Value RubyToValue(mrb_state* mrb, mrb_value v) {
  Budget local;
  Budget* outer = budget;
  budget = &local;
  Value out = Convert(mrb, v, 0);
  budget = outer;
  return out;
}

mrb_value JsonToRuby(mrb_state* mrb, const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return mrb_nil_value();
    case nlohmann::json::value_t::boolean:
      return mrb_bool_value(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return mrb_int_value(mrb, j.get<int64_t>());
    case nlohmann::json::value_t::number_float:
      return mrb_float_value(mrb, j.get<double>());
    case nlohmann::json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      return mrb_str_new(mrb, s.data(), s.size());
    }
    case nlohmann::json::value_t::array: {
      mrb_value ary = mrb_ary_new_capa(mrb, static_cast<mrb_int>(j.size()));
      for (const auto& item : j) mrb_ary_push(mrb, ary, JsonToRuby(mrb, item));
      return ary;
    }
    case nlohmann::json::value_t::object: {
      mrb_value hash = mrb_hash_new(mrb);
      for (auto it = j.begin(); it != j.end(); ++it) {
        mrb_hash_set(mrb, hash, mrb_str_new(mrb, it.key().data(), it.key().size()), JsonToRuby(mrb, it.value()));
      }
      return hash;
    }
    default:
      return mrb_nil_value();
  }
}

}  // namespace jetsam::eval
