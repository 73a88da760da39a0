#include "eval/runtime.h"

#include <algorithm>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "eval/checkout_native.h"
#include "eval/json_native.h"
#include "eval/options_native.h"
#include "eval/ruby_facts.h"
#include "eval/ruby_value.h"
#include "eval/yaml_native.h"
#include "vm/exception.h"
#include "vm/mruby_shim.h"

// The prelude (mrblib/) lives in module Jetsam. Once it has run, this file gives it its natives
// (Jetsam::Host, the Jets module's methods), takes the constant Jetsam away, and freezes what a
// config must not change: the prelude's code still reaches Jetsam through its lexical scope, a
// config cannot name it.

namespace jetsam::eval {
namespace {

constexpr size_t kOutputLimit = 1 << 20;  // a config that prints more is cut, not the host
constexpr const char* kObjectNames[] = {"project", "bootstrap", "deploy"};

std::string StringArg(mrb_state* mrb, mrb_value v) {
  if (mrb_string_p(v)) return std::string(RSTRING_PTR(v), RSTRING_LEN(v));
  if (mrb_symbol_p(v)) return mrb_sym_name(mrb, mrb_symbol(v));
  return {};
}

mrb_value FrozenString(mrb_state* mrb, const std::string& s) { return mrb_str_new_frozen(mrb, s.data(), s.size()); }

// --- Jetsam::Host: the prelude's own natives ---------------------------------------------

mrb_value Out(mrb_state* mrb, mrb_value) {
  mrb_value text;
  mrb_get_args(mrb, "S", &text);
  Recorder* r = RecorderOf(mrb);
  if (r->output.size() < kOutputLimit) {
    r->output.append(RSTRING_PTR(text), std::min<size_t>(RSTRING_LEN(text), kOutputLimit - r->output.size()));
  }
  return mrb_nil_value();
}

void NoteUnresolved(mrb_state* mrb, const std::string& name, const std::string& placeholder) {
  Origin o = Who(mrb);
  RecorderOf(mrb)->unresolved.push_back({name, placeholder, o.defaults ? Location{} : o.where});
}

// Jets.aws.region, .account, .s3_bucket: the host's fact, or a placeholder that is reported.
mrb_value Fact(mrb_state* mrb, mrb_value) {
  mrb_sym key;
  mrb_get_args(mrb, "n", &key);
  const HostFacts& f = RecorderOf(mrb)->facts;
  std::string name = mrb_sym_name(mrb, key);
  const std::optional<std::string>* fact = name == "region"      ? &f.region
                                           : name == "account"   ? &f.account
                                           : name == "s3_bucket" ? &f.s3_bucket
                                                                 : nullptr;
  if (!fact) mrb_raise(mrb, E_ARGUMENT_ERROR, "no such fact");
  if (*fact) return FrozenString(mrb, **fact);
  std::string placeholder = "<aws." + name + ">";
  mrb_value out = FrozenString(mrb, placeholder);
  NoteUnresolved(mrb, "aws." + name, placeholder);
  return out;
}

// A helper's look-up (vpc_id, acm_cert_arn, ...): the facts' answer ({kind => {key => value}} or
// {kind => value}), or a placeholder that is reported.
mrb_value Lookup(mrb_state* mrb, mrb_value) {
  mrb_value kind_v, key_v;
  mrb_get_args(mrb, "So", &kind_v, &key_v);
  std::string kind = StringArg(mrb, kind_v);
  bool has_key = !mrb_nil_p(key_v);
  std::string key = has_key ? StringArg(mrb, mrb_obj_as_string(mrb, key_v)) : "";
  const nlohmann::json& lookups = RecorderOf(mrb)->facts.lookups;
  const nlohmann::json* answer = nullptr;
  if (lookups.is_object() && lookups.contains(kind)) {
    const nlohmann::json& table = lookups[kind];
    if (!table.is_object()) {
      answer = &table;
    } else if (has_key && table.contains(key)) {
      answer = &table[key];
    }
  }
  if (answer && !answer->is_null()) {
    mrb_value v = JsonToRuby(mrb, *answer);
    mrb_obj_freeze(mrb, v);
    return v;
  }
  std::string placeholder = has_key ? "<" + kind + ":" + key + ">" : "<" + kind + ">";
  std::string name = kind;
  if (has_key) {
    mrb_value quoted = mrb_inspect(mrb, FrozenString(mrb, key));
    name += "(" + StringArg(mrb, quoted) + ")";
  }
  mrb_value out = FrozenString(mrb, placeholder);
  NoteUnresolved(mrb, name, placeholder);
  return out;
}

mrb_value Getenv(mrb_state* mrb, mrb_value) {
  mrb_value name;
  mrb_get_args(mrb, "S", &name);
  const auto& env = RecorderOf(mrb)->facts.environment;
  auto it = env.find(StringArg(mrb, name));
  return it == env.end() ? mrb_nil_value() : FrozenString(mrb, it->second);
}

mrb_value InfoProjectName(mrb_state* mrb, mrb_value) {
  const auto& name = RecorderOf(mrb)->facts.info_project_name;
  return name ? FrozenString(mrb, *name) : mrb_nil_value();
}

mrb_value DefaultsP(mrb_state* mrb, mrb_value) { return mrb_bool_value(Who(mrb).defaults); }

mrb_value UnknownTop(mrb_state* mrb, mrb_value) {
  mrb_value object, key;
  mrb_get_args(mrb, "SS", &object, &key);
  Origin o = Who(mrb);
  RecorderOf(mrb)->last_unknown_top = Recorder::UnknownTop{StringArg(mrb, object), StringArg(mrb, key), o.where};
  return mrb_nil_value();
}

void RequireDefaults(mrb_state* mrb) {
  if (!Who(mrb).defaults) mrb_raise(mrb, E_RUNTIME_ERROR, "only Jets' defaults may shape settings");
}

mrb_value Open(mrb_state* mrb, mrb_value) {
  mrb_value node;
  mrb_get_args(mrb, "o", &node);
  RequireDefaults(mrb);
  if (IsNode(mrb, node)) OpenNode(mrb, node);
  return node;
}

mrb_value Vivify(mrb_state* mrb, mrb_value) {
  mrb_value node, factory;
  mrb_get_args(mrb, "o&", &node, &factory);
  RequireDefaults(mrb);
  if (IsNode(mrb, node) && !mrb_nil_p(factory)) VivifyNode(mrb, node, factory);
  return node;
}

// --- Jets --------------------------------------------------------------------------------

mrb_value JetsEnv(mrb_state* mrb, mrb_value) {
  const HostFacts& f = RecorderOf(mrb)->facts;
  mrb_value s = mrb_str_new(mrb, f.env.data(), f.env.size());
  mrb_value env = mrb_obj_new(mrb, RecorderOf(mrb)->inquirer, 1, &s);
  mrb_obj_freeze(mrb, env);
  return env;
}

mrb_value JetsExtra(mrb_state* mrb, mrb_value) {
  const HostFacts& f = RecorderOf(mrb)->facts;
  return f.extra.empty() ? mrb_nil_value() : FrozenString(mrb, f.extra);
}

mrb_value JetsAws(mrb_state* mrb, mrb_value) {
  mrb_value aws = mrb_obj_new(mrb, RecorderOf(mrb)->aws, 0, nullptr);
  mrb_obj_freeze(mrb, aws);
  return aws;
}

mrb_value JetsProject(mrb_state* mrb, mrb_value) { return ConfigObject(mrb, 0); }
mrb_value JetsBootstrap(mrb_state* mrb, mrb_value) { return ConfigObject(mrb, 1); }
mrb_value JetsDeploy(mrb_state* mrb, mrb_value) { return ConfigObject(mrb, 2); }

// --- building a config object --------------------------------------------------------------

struct Marked {
  mrb_value (*body)(mrb_state*, void*);
  void* data;
};

// Runs body under a mark for this native frame, and takes the mark away however it ends.
mrb_value RunMarked(mrb_state* mrb, mrb_value (*body)(mrb_state*, void*), void* data, mrb_bool* failed) {
  Recorder* r = RecorderOf(mrb);
  vm::StackMark mark = vm::CurrentStackMark(mrb);
  r->marks.push_back(mark);
  mrb_value result = mrb_protect_error(mrb, body, data, failed);
  for (auto it = r->marks.end(); it != r->marks.begin();) {
    --it;
    if (it->context == mark.context && it->depth == mark.depth) {
      r->marks.erase(it);
      break;
    }
  }
  return result;
}

struct Build {
  mrb_value object;
  mrb_value defaults_module;
  const char* name;
};

mrb_value RunDefaults(mrb_state* mrb, void* data) {
  auto* b = static_cast<Build*>(data);
  mrb_funcall(mrb, b->defaults_module, b->name, 1, b->object);
  return b->object;
}

// --- deterministic inspect -------------------------------------------------------------------

// Kernel#to_s, #inspect and the like, whose mruby versions print heap addresses: the original,
// without them.
mrb_value AddressFree(mrb_state* mrb, mrb_value self) {
  mrb_value s = vm::shim::WrappedOriginal(mrb)(mrb, self);
  if (!mrb_string_p(s)) return s;
  std::string text(RSTRING_PTR(s), RSTRING_LEN(s));
  std::string clean = vm::WithoutAddresses(text);
  if (clean == text) return s;
  return mrb_str_new(mrb, clean.data(), clean.size());
}

void WrapAddressFree(mrb_state* mrb, RClass* c, const char* name) {
  mrb_func_t original = vm::shim::OwnCFunction(mrb, c, name);
  if (original && original != AddressFree) vm::shim::DefineWrapper(mrb, c, name, AddressFree, original);
}

RClass* ClassNamed(mrb_state* mrb, const char* name) {
  mrb_sym sym = mrb_intern_cstr(mrb, name);
  if (!mrb_const_defined(mrb, mrb_obj_value(mrb->object_class), sym)) return nullptr;
  mrb_value v = mrb_const_get(mrb, mrb_obj_value(mrb->object_class), sym);
  return mrb_type(v) == MRB_TT_CLASS || mrb_type(v) == MRB_TT_MODULE ? mrb_class_ptr(v) : nullptr;
}

// What a config may use but not change: Ruby's core classes (Object stays open: a config's
// top-level methods and constants live there) and the classes of Jets' world.
constexpr const char* kFrozenClasses[] = {
    "BasicObject", "Kernel",  "Module",     "Class",       "Comparable", "Enumerable", "Array",
    "Hash",        "String",  "Symbol",     "Integer",     "Float",      "Numeric",    "NilClass",
    "TrueClass",   "FalseClass", "Proc",    "Method",      "UnboundMethod", "Range",   "Exception",
    "StandardError", "Struct", "Fiber",     "Enumerator",  "Rational",   "Complex",    "Math",
    "Time",        "Random",  "GC",         "Regexp",      "Jets",       "ActiveSupport",
    // the standard library jetsam provides (mrblib/stdlib/): read-only and the prelude's alone
    "File",        "IO",      "Dir",        "Pathname",    "JSON",       "Psych",      "ERB",
    "Set",         "SecureRandom", "Base64", "OpenStruct", "Shellwords", "Forwardable", "Singleton",
    "Logger",      "FileUtils", "CGI",      "RbConfig",    "Errno",      "SecurityError", "LoadError",
    "HashWithIndifferentAccess"};

void FreezeClass(mrb_state* mrb, RClass* c) {
  if (c) mrb_obj_freeze(mrb, mrb_obj_value(c));
}

}  // namespace

Recorder* RecorderOf(mrb_state* mrb) {
  vm::VmContext* ctx = vm::ContextOf(mrb);
  return ctx ? static_cast<Recorder*>(ctx->user) : nullptr;
}

Origin Who(mrb_state* mrb) {
  Recorder* r = RecorderOf(mrb);
  vm::Caller c = vm::FindCaller(mrb, *r->code, r->marks);
  if (c.defaults) return Origin{{}, true};
  if (c.where.empty()) return Origin{Location{r->current_file.empty() ? "(config)" : r->current_file, 0}, false};
  return Origin{std::move(c.where), false};
}

mrb_value RunAsDefaults(mrb_state* mrb, mrb_value (*body)(mrb_state*, void*), void* data) {
  mrb_bool failed = false;
  mrb_value result = RunMarked(mrb, body, data, &failed);
  if (failed) mrb_exc_raise(mrb, result);
  return result;
}

int Keep(mrb_state* mrb, mrb_value v) {
  Recorder* r = RecorderOf(mrb);
  mrb_ary_push(mrb, r->keep, v);
  return static_cast<int>(RARRAY_LEN(r->keep) - 1);
}

mrb_value ConfigObject(mrb_state* mrb, int which) {
  Recorder* r = RecorderOf(mrb);
  if (!mrb_nil_p(r->objects[which])) return r->objects[which];
  if (r->building[which]) {
    mrb_raisef(mrb, E_RUNTIME_ERROR, "Jets.%s is used while Jets' defaults for it are being built",
               kObjectNames[which]);
  }
  mrb_value jetsam = mrb_obj_value(r->jetsam);
  static const char* kClasses[] = {"ProjectConfig", "BootstrapConfig", "DeployConfig"};
  RClass* klass = mrb_class_ptr(mrb_const_get(mrb, jetsam, mrb_intern_cstr(mrb, kClasses[which])));
  mrb_value object = mrb_obj_new(mrb, klass, 0, nullptr);
  mrb_value root = mrb_iv_get(mrb, object, mrb_intern_lit(mrb, "@__root"));
  if (!IsNode(mrb, root)) mrb_raise(mrb, E_RUNTIME_ERROR, "a config object without settings");
  r->prov.AddNode(mrb_ptr(root)).path = "";
  Keep(mrb, object);
  r->building[which] = true;
  Build build{object, mrb_const_get(mrb, jetsam, mrb_intern_lit(mrb, "Defaults")), kObjectNames[which]};
  mrb_bool failed = false;
  mrb_value result = RunMarked(mrb, RunDefaults, &build, &failed);
  r->building[which] = false;
  if (failed) mrb_exc_raise(mrb, result);
  mrb_obj_freeze(mrb, object);
  r->objects[which] = object;
  return object;
}

void AppendRuntimeReport(const Recorder& recorder, EvalResult* result) {
  for (const auto& n : recorder.notices) result->notices.push_back(n);
  for (const auto& file : recorder.loaded) {
    if (std::find(result->files.begin(), result->files.end(), file) == result->files.end()) result->files.push_back(file);
  }
}

void InstallRuntime(mrb_state* mrb, const HostFacts& facts, const vm::ConfigCode& code, Recorder* recorder) {
  vm::ContextOf(mrb)->user = recorder;
  recorder->facts = facts;
  recorder->code = &code;
  RClass* jetsam = mrb_module_get(mrb, "Jetsam");
  recorder->keep = mrb_ary_new(mrb);
  // Held under names Ruby cannot spell (no "@"), on Object, which the VM keeps alive.
  mrb_iv_set(mrb, mrb_obj_value(mrb->object_class), mrb_intern_lit(mrb, "jetsam keep"), recorder->keep);
  mrb_iv_set(mrb, mrb_obj_value(mrb->object_class), mrb_intern_lit(mrb, "jetsam prelude"), mrb_obj_value(jetsam));
  recorder->jetsam = jetsam;
  recorder->options = mrb_class_ptr(mrb_const_get(mrb, mrb_obj_value(jetsam), mrb_intern_lit(mrb, "Options")));
  recorder->list = mrb_class_get_under(mrb, jetsam, "List");
  recorder->aws = mrb_class_get_under(mrb, mrb_module_get(mrb, "Jets"), "Aws");
  recorder->inquirer = mrb_class_ptr(mrb_const_get(mrb, mrb_obj_value(jetsam), mrb_intern_lit(mrb, "StringInquirer")));
  // The config objects' classes, as the host will make them, before a config can touch a name.
  RClass* config = mrb_module_get_under(mrb, mrb_module_get_under(mrb, mrb_module_get(mrb, "Jets"), "Core"), "Config");
  mrb_define_const(mrb, jetsam, "ProjectConfig", mrb_obj_value(mrb_class_get_under(mrb, config, "Project")));
  mrb_define_const(mrb, jetsam, "BootstrapConfig", mrb_obj_value(mrb_class_get_under(mrb, config, "Bootstrap")));
  mrb_define_const(mrb, jetsam, "DeployConfig", mrb_obj_value(mrb_class_get_under(mrb, config, "Deploy")));

  RClass* host = mrb_define_module_under(mrb, jetsam, "Host");
  mrb_define_module_function(mrb, host, "out", Out, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "fact", Fact, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "lookup", Lookup, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, host, "getenv", Getenv, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "info_project_name", InfoProjectName, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, host, "defaults?", DefaultsP, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, host, "unknown_top", UnknownTop, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, host, "open", Open, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "vivify", Vivify, MRB_ARGS_REQ(1) | MRB_ARGS_BLOCK());
  InstallOptionsNative(mrb);
  InstallJsonNative(mrb, host);
  InstallYamlNative(mrb, host);
  InstallCheckoutNative(mrb, host);
  recorder->indifferent = mrb_class_get_under(mrb, mrb_module_get(mrb, "ActiveSupport"), "HashWithIndifferentAccess");

  RClass* jets = mrb_module_get(mrb, "Jets");
  mrb_define_class_method(mrb, jets, "env", JetsEnv, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "extra", JetsExtra, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "aws", JetsAws, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "project", JetsProject, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "bootstrap", JetsBootstrap, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "deploy", JetsDeploy, MRB_ARGS_NONE());
  InstallRubyFacts(mrb, jetsam, facts);

  // ENV: read-only, frozen, over a frozen copy of the variables.
  mrb_value environment = mrb_hash_new(mrb);
  for (const auto& [k, v] : facts.environment) mrb_hash_set(mrb, environment, FrozenString(mrb, k), FrozenString(mrb, v));
  mrb_obj_freeze(mrb, environment);
  mrb_value env = mrb_obj_new(mrb, mrb_class_get_under(mrb, jetsam, "Env"), 1, &environment);
  mrb_obj_freeze(mrb, env);
  mrb_define_global_const(mrb, "ENV", env);

  for (const char* name : {"to_s", "inspect"}) {
    WrapAddressFree(mrb, mrb->kernel_module, name);
    WrapAddressFree(mrb, mrb->module_class, name);
    WrapAddressFree(mrb, mrb->proc_class, name);
    WrapAddressFree(mrb, ClassNamed(mrb, "Method"), name);
    WrapAddressFree(mrb, ClassNamed(mrb, "UnboundMethod"), name);
  }

  // Hide the prelude's module, freeze what a config must not change.
  mrb_const_remove(mrb, mrb_obj_value(mrb->object_class), mrb_intern_lit(mrb, "Jetsam"));
  for (const char* name : kFrozenClasses) FreezeClass(mrb, ClassNamed(mrb, name));
  for (RClass* c : {recorder->options, recorder->list, recorder->inquirer, config, recorder->indifferent,
                    mrb_module_get_under(mrb, mrb_module_get(mrb, "Jets"), "Core"),
                    mrb_class_get_under(mrb, mrb_module_get(mrb, "Jets"), "Aws"), mrb_class_get_under(mrb, config, "Base"),
                    mrb_class_get_under(mrb, config, "Project"), mrb_class_get_under(mrb, config, "Bootstrap"),
                    mrb_class_get_under(mrb, config, "Deploy"), mrb_class_get_under(mrb, jetsam, "Env"),
                    mrb_class_get_under(mrb, jetsam, "ConfigError")}) {
    FreezeClass(mrb, c);
  }
  RClass* helpers = mrb_module_get_under(mrb, jetsam, "Helpers");
  FreezeClass(mrb, mrb_module_get_under(mrb, helpers, "Ssm"));
  FreezeClass(mrb, mrb_module_get_under(mrb, helpers, "Lookups"));
}

}  // namespace jetsam::eval
