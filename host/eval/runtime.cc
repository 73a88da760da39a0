#include "eval/runtime.h"

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "eval/options_native.h"
#include "eval/ruby_value.h"
#include "vm/exception.h"

namespace jetsam::eval {
namespace {

constexpr size_t kOutputLimit = 1 << 20;  // a config that prints more is cut, not the host

Recorder* RecorderOf(mrb_state* mrb) { return static_cast<Recorder*>(mrb->ud); }

mrb_value LocationValue(mrb_state* mrb, const Location& loc) {
  if (loc.empty()) return mrb_nil_value();
  std::string s = loc.str();
  return mrb_str_new(mrb, s.data(), s.size());
}

std::string StringArg(mrb_state* mrb, mrb_value v) {
  if (mrb_string_p(v)) return std::string(RSTRING_PTR(v), RSTRING_LEN(v));
  if (mrb_symbol_p(v)) return mrb_sym_name(mrb, mrb_symbol(v));
  return {};
}

mrb_value Loc(mrb_state* mrb, mrb_value) {
  if (RecorderOf(mrb)->defining > 0) return mrb_nil_value();
  return LocationValue(mrb, vm::CallerLocation(mrb));
}

mrb_value Out(mrb_state* mrb, mrb_value) {
  mrb_value text;
  mrb_get_args(mrb, "S", &text);
  Recorder* r = RecorderOf(mrb);
  if (r->output.size() < kOutputLimit) {
    r->output.append(RSTRING_PTR(text), std::min<size_t>(RSTRING_LEN(text), kOutputLimit - r->output.size()));
  }
  return mrb_nil_value();
}

// Makes a plain Array a Jetsam::List in place: same object, so the user's own references and
// later mutations through them are seen too. The layouts are the same (List < Array).
mrb_value AdoptList(mrb_state* mrb, mrb_value) {
  mrb_value ary;
  mrb_get_args(mrb, "A", &ary);
  RClass* jetsam = mrb_module_get(mrb, "Jetsam");
  RClass* list = mrb_class_get_under(mrb, jetsam, "List");
  if (mrb_obj_class(mrb, ary) == mrb->array_class && !mrb_frozen_p(mrb_basic_ptr(ary))) {
    mrb_basic_ptr(ary)->c = list;
  }
  return ary;
}

mrb_value Defining(mrb_state* mrb, mrb_value) {
  mrb_int delta;
  mrb_get_args(mrb, "i", &delta);
  RecorderOf(mrb)->defining += static_cast<int>(delta);
  return mrb_nil_value();
}

mrb_value UnknownRead(mrb_state* mrb, mrb_value) {
  mrb_value path;
  mrb_bool open;
  mrb_get_args(mrb, "Sb", &path, &open);
  Recorder* r = RecorderOf(mrb);
  if (r->defining > 0) return mrb_nil_value();
  r->last_unknown_read = Recorder::UnknownRead{StringArg(mrb, path), vm::CallerLocation(mrb), static_cast<bool>(open)};
  return mrb_nil_value();
}

mrb_value UnknownTop(mrb_state* mrb, mrb_value) {
  mrb_value object, key, loc;
  mrb_get_args(mrb, "SSo", &object, &key, &loc);
  RecorderOf(mrb)->last_unknown_top =
      Recorder::UnknownTop{StringArg(mrb, object), StringArg(mrb, key), RubyLocation(loc)};
  return mrb_nil_value();
}

mrb_value Unresolved(mrb_state* mrb, mrb_value) {
  mrb_value name, placeholder;
  mrb_get_args(mrb, "SS", &name, &placeholder);
  Recorder* r = RecorderOf(mrb);
  Location where = r->defining > 0 ? Location{} : vm::CallerLocation(mrb);
  r->unresolved.push_back({StringArg(mrb, name), StringArg(mrb, placeholder), where});
  return mrb_nil_value();
}

mrb_value OptionalString(mrb_state* mrb, const std::optional<std::string>& s) {
  return s ? mrb_str_new(mrb, s->data(), s->size()) : mrb_nil_value();
}

void HashSet(mrb_state* mrb, mrb_value hash, const char* key, mrb_value value) {
  mrb_hash_set(mrb, hash, mrb_symbol_value(mrb_intern_cstr(mrb, key)), value);
}

}  // namespace

void InstallRuntime(mrb_state* mrb, const HostFacts& facts, Recorder* recorder) {
  mrb->ud = recorder;
  RClass* jetsam = mrb_module_get(mrb, "Jetsam");
  mrb_define_module_function(mrb, jetsam, "__loc", Loc, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, jetsam, "__out", Out, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, jetsam, "__adopt_list", AdoptList, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, jetsam, "__defining", Defining, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, jetsam, "__unknown_read", UnknownRead, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, jetsam, "__unknown_top", UnknownTop, MRB_ARGS_REQ(3));
  mrb_define_module_function(mrb, jetsam, "__unresolved", Unresolved, MRB_ARGS_REQ(2));
  InstallOptionsNative(mrb);

  mrb_value host = mrb_hash_new(mrb);
  HashSet(mrb, host, "env", mrb_str_new(mrb, facts.env.data(), facts.env.size()));
  HashSet(mrb, host, "extra", facts.extra.empty() ? mrb_nil_value() : mrb_str_new(mrb, facts.extra.data(), facts.extra.size()));
  HashSet(mrb, host, "region", OptionalString(mrb, facts.region));
  HashSet(mrb, host, "account", OptionalString(mrb, facts.account));
  HashSet(mrb, host, "s3_bucket", OptionalString(mrb, facts.s3_bucket));
  HashSet(mrb, host, "info_project_name", OptionalString(mrb, facts.info_project_name));
  HashSet(mrb, host, "lookups", JsonToRuby(mrb, facts.lookups));
  mrb_value environment = mrb_hash_new(mrb);
  for (const auto& [k, v] : facts.environment) {
    mrb_hash_set(mrb, environment, mrb_str_new(mrb, k.data(), k.size()), mrb_str_new(mrb, v.data(), v.size()));
  }
  HashSet(mrb, host, "environment", environment);
  mrb_define_const(mrb, jetsam, "HOST", host);

  RClass* env_class = mrb_class_get_under(mrb, jetsam, "Env");
  mrb_define_global_const(mrb, "ENV", mrb_obj_new(mrb, env_class, 1, &environment));
}

}  // namespace jetsam::eval
