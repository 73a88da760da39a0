#include "eval/ruby_facts.h"

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "eval/ruby_value.h"

namespace jetsam::eval {
namespace {

// The facts file's value for `name` as a frozen Ruby value: a String, an Integer, or nil.
mrb_value FactValue(mrb_state* mrb, const nlohmann::json& v) {
  if (v.is_string()) return mrb_str_new_frozen(mrb, v.get_ref<const std::string&>().data(), v.get_ref<const std::string&>().size());
  if (v.is_number_integer()) return mrb_int_value(mrb, v.get<int64_t>());
  if (v.is_boolean()) return mrb_bool_value(v.get<bool>());
  return mrb_nil_value();
}

const nlohmann::json* Table(const HostFacts& facts, const char* name) {
  if (!facts.lookups.is_object() || !facts.lookups.contains(name) || !facts.lookups[name].is_object()) return nullptr;
  return &facts.lookups[name];
}

int FreezePair(mrb_state* mrb, mrb_value key, mrb_value value, void*) {
  mrb_obj_freeze(mrb, key);
  if (!mrb_immediate_p(value)) mrb_obj_freeze(mrb, value);
  return 0;
}

mrb_value JetsRoot(mrb_state* mrb, mrb_value) {
  const Recorder* r = RecorderOf(mrb);
  mrb_value root = mrb_nil_value();
  if (r) {
    const nlohmann::json& lookups = r->facts.lookups;
    if (lookups.is_object() && lookups.contains("root") && lookups["root"].is_string()) {
      root = FactValue(mrb, lookups["root"]);
    } else if (r->facts.checkout && !r->facts.checkout->root.empty()) {
      root = mrb_str_new(mrb, r->facts.checkout->root.data(), r->facts.checkout->root.size());
    }
  }
  if (mrb_nil_p(root)) root = mrb_str_new_lit(mrb, ".");
  mrb_value pathname = mrb_obj_new(mrb, mrb_class_get(mrb, "Pathname"), 1, &root);
  mrb_obj_freeze(mrb, pathname);
  return pathname;
}

}  // namespace

void InstallRubyFacts(mrb_state* mrb, RClass* jetsam, const HostFacts& facts) {
  // The prelude defined the defaults (mrblib/stdlib/require.rb): only what the facts change is set.
  if (const nlohmann::json* ruby = Table(facts, "ruby")) {
    for (auto it = ruby->begin(); it != ruby->end(); ++it) {
      mrb_define_global_const(mrb, it.key().c_str(), FactValue(mrb, it.value()));
    }
  }
  if (const nlohmann::json* table = Table(facts, "rbconfig")) {
    mrb_value config = mrb_hash_dup(mrb, mrb_const_get(mrb, mrb_obj_value(jetsam), mrb_intern_lit(mrb, "RBCONFIG")));
    for (auto it = table->begin(); it != table->end(); ++it) {
      mrb_value value = it.value().is_string() ? FactValue(mrb, it.value())
                                               : mrb_str_new_cstr(mrb, it.value().dump().c_str());
      mrb_hash_set(mrb, config, mrb_str_new(mrb, it.key().data(), it.key().size()), value);
    }
    mrb_hash_foreach(mrb, mrb_hash_ptr(config), FreezePair, nullptr);
    mrb_obj_freeze(mrb, config);
    mrb_define_const(mrb, mrb_module_get(mrb, "RbConfig"), "CONFIG", config);
  }
  // Left open by the world for CONFIG alone (eval/runtime.cc): closed now, facts or not.
  mrb_obj_freeze(mrb, mrb_obj_value(mrb_module_get(mrb, "RbConfig")));
}

void InstallRubyFactsWorld(mrb_state* mrb) {
  mrb_define_class_method(mrb, mrb_module_get(mrb, "Jets"), "root", JetsRoot, MRB_ARGS_NONE());
}

}  // namespace jetsam::eval
