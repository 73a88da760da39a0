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

#include <cstring>
#include <string_view>

#include "eval/options_native.h"
#include "eval/prebuilt_defaults.h"
#include "eval/prelude.h"
#include "eval/checkout_native.h"
#include "eval/digest_native.h"
#include "eval/json_native.h"
#include "eval/regexp_native.h"
#include "eval/ruby_facts.h"
#include "eval/ruby_value.h"
#include "eval/setting_names.h"
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

// Jets' defaults built with the VM read nothing of an evaluation's inputs: one that does belongs
// in Defaults.NAME_inputs (eval/prebuilt_defaults.h).
void RefuseWhilePrebuilding(mrb_state* mrb, const char* input) {
  if (RecorderOf(mrb)->prebuilding) {
    mrb_raisef(mrb, E_RUNTIME_ERROR, "Jets' defaults built with the VM read %s: set it in Defaults.NAME_inputs", input);
  }
}

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

// A look-up with no answer, at the line that asked (the host's part: no call into the VM).
void NoteUnresolved(mrb_state* mrb, std::string name, mrb_value placeholder) {
  Origin o = Who(mrb);
  RecorderOf(mrb)->unresolved.push_back(
      {std::move(name), std::string(RSTRING_PTR(placeholder), RSTRING_LEN(placeholder)), o.defaults ? Location{} : o.where});
}

// The natives below make every call into the VM (which can raise, by longjmp) before they make
// a C++ object that a raise would leak: strings are built as Ruby Strings, facts read in place.

// Jets.aws.region, .account, .s3_bucket: the host's fact, or a placeholder that is reported.
mrb_value Fact(mrb_state* mrb, mrb_value) {
  mrb_sym key;
  mrb_get_args(mrb, "n", &key);
  RefuseWhilePrebuilding(mrb, "Jets.aws");
  const HostFacts& f = RecorderOf(mrb)->facts;
  static constexpr const char* kFacts[] = {"region", "account", "s3_bucket"};
  const std::optional<std::string>* facts[] = {&f.region, &f.account, &f.s3_bucket};
  int which = -1;
  for (int i = 0; i < 3; ++i) {
    if (std::strcmp(mrb_sym_name(mrb, key), kFacts[i]) == 0) which = i;
  }
  if (which < 0) mrb_raise(mrb, E_ARGUMENT_ERROR, "no such fact");
  if (*facts[which]) return FrozenString(mrb, **facts[which]);
  mrb_value placeholder = mrb_str_new_lit(mrb, "<aws.");
  mrb_str_cat_cstr(mrb, placeholder, kFacts[which]);
  mrb_str_cat_lit(mrb, placeholder, ">");
  mrb_obj_freeze(mrb, placeholder);
  NoteUnresolved(mrb, std::string("aws.") + kFacts[which], placeholder);
  return placeholder;
}

// A helper's look-up (vpc_id, acm_cert_arn, ...): the facts' answer ({kind => {key => value}} or
// {kind => value}), or a placeholder that is reported.
mrb_value Lookup(mrb_state* mrb, mrb_value) {
  mrb_value kind, key;
  mrb_get_args(mrb, "So", &kind, &key);
  RefuseWhilePrebuilding(mrb, "a look-up");
  const bool has_key = !mrb_nil_p(key);
  if (has_key && !mrb_string_p(key)) key = mrb_obj_as_string(mrb, key);
  const nlohmann::json& lookups = RecorderOf(mrb)->facts.lookups;
  const nlohmann::json* answer = nullptr;
  if (lookups.is_object()) {
    auto table = lookups.find(View(kind));
    if (table != lookups.end() && !table->is_object()) {
      answer = &*table;
    } else if (table != lookups.end() && has_key) {
      auto value = table->find(View(key));
      if (value != table->end()) answer = &*value;
    }
  }
  if (answer && !answer->is_null()) {
    mrb_value v = JsonToRuby(mrb, *answer);
    mrb_obj_freeze(mrb, v);
    return v;
  }
  // "<kind:key>" or "<kind>", reported as kind("key") or kind.
  mrb_value placeholder = mrb_str_new_lit(mrb, "<");
  mrb_str_cat_str(mrb, placeholder, kind);
  mrb_value name = mrb_str_new(mrb, RSTRING_PTR(kind), RSTRING_LEN(kind));
  if (has_key) {
    mrb_str_cat_lit(mrb, placeholder, ":");
    mrb_str_cat_str(mrb, placeholder, key);
    mrb_str_cat_lit(mrb, name, "(");
    mrb_str_cat_str(mrb, name, mrb_inspect(mrb, mrb_str_new(mrb, RSTRING_PTR(key), RSTRING_LEN(key))));
    mrb_str_cat_lit(mrb, name, ")");
  }
  mrb_str_cat_lit(mrb, placeholder, ">");
  mrb_obj_freeze(mrb, placeholder);
  NoteUnresolved(mrb, std::string(View(name)), placeholder);
  return placeholder;
}

mrb_value Getenv(mrb_state* mrb, mrb_value) {
  mrb_value name;
  mrb_get_args(mrb, "S", &name);
  RefuseWhilePrebuilding(mrb, "ENV");
  const auto& env = RecorderOf(mrb)->facts.environment;
  auto it = env.find(StringArg(mrb, name));
  return it == env.end() ? mrb_nil_value() : FrozenString(mrb, it->second);
}

mrb_value InfoProjectName(mrb_state* mrb, mrb_value) {
  RefuseWhilePrebuilding(mrb, "config/jets/info.yml");
  const auto& name = RecorderOf(mrb)->facts.info_project_name;
  return name ? FrozenString(mrb, *name) : mrb_nil_value();
}

mrb_value DefaultsP(mrb_state* mrb, mrb_value) { return mrb_bool_value(Who(mrb).defaults); }

// Host.notice(code, message): a note to the user at the config line that called the helper.
mrb_value NoticeAt(mrb_state* mrb, mrb_value) {
  mrb_value code, message;
  mrb_get_args(mrb, "SS", &code, &message);
  Recorder* r = RecorderOf(mrb);
  if (r->notices.size() < 1000) {
    Notice n;
    n.code = StringArg(mrb, code);
    n.severity = Notice::Severity::kInfo;
    n.message = StringArg(mrb, message);
    n.where = Who(mrb).where;
    r->notices.push_back(std::move(n));
  }
  return mrb_nil_value();
}

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
  RefuseWhilePrebuilding(mrb, "Jets.env");
  const HostFacts& f = RecorderOf(mrb)->facts;
  mrb_value s = mrb_str_new(mrb, f.env.data(), f.env.size());
  mrb_value env = mrb_obj_new(mrb, RecorderOf(mrb)->world->inquirer, 1, &s);
  mrb_obj_freeze(mrb, env);
  return env;
}

mrb_value JetsExtra(mrb_state* mrb, mrb_value) {
  RefuseWhilePrebuilding(mrb, "Jets.extra");
  const HostFacts& f = RecorderOf(mrb)->facts;
  return f.extra.empty() ? mrb_nil_value() : FrozenString(mrb, f.extra);
}

mrb_value JetsAws(mrb_state* mrb, mrb_value) {
  mrb_value aws = mrb_obj_new(mrb, RecorderOf(mrb)->world->aws, 0, nullptr);
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
  mrb_sym name;
};

mrb_value RunDefaults(mrb_state* mrb, void* data) {
  auto* b = static_cast<Build*>(data);
  mrb_funcall_argv(mrb, b->defaults_module, b->name, 1, &b->object);
  return b->object;
}

// --- deterministic inspect -------------------------------------------------------------------

// Kernel#to_s, #inspect and the like, whose mruby versions print heap addresses: the original,
// without them.
mrb_value AddressFree(mrb_state* mrb, mrb_value self) {
  mrb_value s = vm::shim::WrappedOriginal(mrb)(mrb, self);
  if (!mrb_string_p(s)) return s;
  size_t start, end;
  if (!vm::NextAddress(RSTRING_PTR(s), RSTRING_LEN(s), 0, &start, &end)) return s;
  // Built as a Ruby String: nothing of this frame is left to a raise (out of memory) here.
  mrb_value clean = mrb_str_new(mrb, RSTRING_PTR(s), start);
  size_t from = end;
  while (vm::NextAddress(RSTRING_PTR(s), RSTRING_LEN(s), from, &start, &end)) {
    mrb_str_cat(mrb, clean, RSTRING_PTR(s) + from, start - from);
    from = end;
  }
  mrb_str_cat(mrb, clean, RSTRING_PTR(s) + from, RSTRING_LEN(s) - from);
  return clean;
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
    "Time",        "Random",  "GC",         "Regexp",      "MatchData",  "RegexpError", "Jets",
    "ActiveSupport",
    // the standard library jetsam provides (mrblib/stdlib/): read-only and the prelude's alone
    "File",        "IO",      "Dir",        "Pathname",    "JSON",       "Psych",      "ERB",
    "Set",         "SecureRandom", "Base64", "OpenStruct", "Shellwords", "Forwardable", "Singleton",
    "Logger",      "FileUtils", "CGI",      "Errno",      "SecurityError", "LoadError",  "Digest",  "Date",
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
  RefuseWhilePrebuilding(mrb, "another config object");
  // The object with Jets' defaults that read no input, built with the VM (eval/prebuilt_defaults.h):
  // recorded here as the defaults' assignments would have been, then the rest of the defaults.
  const World& w = *r->world;
  mrb_value object = w.prebuilt[which];
  mrb_value root = mrb_iv_get(mrb, object, w.root);
  if (!IsNode(mrb, root)) mrb_raise(mrb, E_RUNTIME_ERROR, "a config object without settings");
  Keep(mrb, object);
  mrb_value open = w.prebuilt_open[which];
  for (mrb_int i = 0; i + 1 < RARRAY_LEN(open); i += 2) {
    mrb_value node = RARRAY_PTR(open)[i], factory = RARRAY_PTR(open)[i + 1];
    if (mrb_nil_p(factory)) {
      OpenNode(mrb, node);
    } else {
      VivifyNode(mrb, node, factory);
    }
  }
  AdoptDefaults(mrb, root, w.prebuilt_lists[which], w.prebuilt_settings[which]);
  r->building[which] = true;
  Build build{object, mrb_obj_value(w.defaults), w.inputs[which]};
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

namespace {

mrb_sym Intern(mrb_state* mrb, const char* name) { return mrb_intern_static(mrb, name, strlen(name)); }

bool InstallWorld(mrb_state* mrb, void* out) {
  World w;
  RClass* jetsam = mrb_module_get(mrb, "Jetsam");
  RClass* jets = mrb_module_get(mrb, "Jets");
  // Held under a name Ruby cannot spell (no "@"), on Object, which the VM keeps alive.
  mrb_iv_set(mrb, mrb_obj_value(mrb->object_class), Intern(mrb, "jetsam prelude"), mrb_obj_value(jetsam));
  w.jetsam = jetsam;
  w.options = mrb_class_ptr(mrb_const_get(mrb, mrb_obj_value(jetsam), Intern(mrb, "Options")));
  w.list = mrb_class_get_under(mrb, jetsam, "List");
  w.aws = mrb_class_get_under(mrb, jets, "Aws");
  w.inquirer = mrb_class_ptr(mrb_const_get(mrb, mrb_obj_value(jetsam), Intern(mrb, "StringInquirer")));
  w.env = mrb_class_get_under(mrb, jetsam, "Env");
  w.defaults = mrb_module_get_under(mrb, jetsam, "Defaults");
  // The config objects' classes, as the host will make them, before a config can touch a name.
  RClass* core = mrb_module_get_under(mrb, jets, "Core");
  RClass* config = mrb_module_get_under(mrb, core, "Config");
  w.configs[0] = mrb_class_get_under(mrb, config, "Project");
  w.configs[1] = mrb_class_get_under(mrb, config, "Bootstrap");
  w.configs[2] = mrb_class_get_under(mrb, config, "Deploy");
  w.values = Intern(mrb, "jetsam values");
  w.root = Intern(mrb, "@__root");
  w.keep = Intern(mrb, "jetsam keep");
  for (int i = 0; i < 3; ++i) w.objects[i] = Intern(mrb, kObjectNames[i]);
  for (int i = 0; i < 3; ++i) w.inputs[i] = mrb_intern_str(mrb, mrb_format(mrb, "%s_inputs", kObjectNames[i]));
  w.call = Intern(mrb, "call");
  w.name = Intern(mrb, "name");
  w.to_s = Intern(mrb, "to_s");
  w.namespace_ = Intern(mrb, "namespace");

  RClass* host = mrb_define_module_under(mrb, jetsam, "Host");
  mrb_define_module_function(mrb, host, "out", Out, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "fact", Fact, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "lookup", Lookup, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, host, "getenv", Getenv, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "info_project_name", InfoProjectName, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, host, "defaults?", DefaultsP, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, host, "notice", NoticeAt, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, host, "unknown_top", UnknownTop, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, host, "open", Open, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "vivify", Vivify, MRB_ARGS_REQ(1) | MRB_ARGS_BLOCK());
  InstallOptionsNative(mrb, w);
  InstallJsonNative(mrb, host);
  InstallYamlNative(mrb, host);
  InstallRegexpNative(mrb, host);
  InstallDigestNative(mrb, host);
  InstallCheckoutNative(mrb, host);
  w.indifferent = mrb_class_get_under(mrb, mrb_module_get(mrb, "ActiveSupport"), "HashWithIndifferentAccess");

  mrb_define_class_method(mrb, jets, "env", JetsEnv, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "extra", JetsExtra, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "aws", JetsAws, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "project", JetsProject, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "bootstrap", JetsBootstrap, MRB_ARGS_NONE());
  mrb_define_class_method(mrb, jets, "deploy", JetsDeploy, MRB_ARGS_NONE());
  InstallRubyFactsWorld(mrb);

  for (const char* name : {"to_s", "inspect"}) {
    WrapAddressFree(mrb, mrb->kernel_module, name);
    WrapAddressFree(mrb, mrb->module_class, name);
    WrapAddressFree(mrb, mrb->proc_class, name);
    WrapAddressFree(mrb, ClassNamed(mrb, "Method"), name);
    WrapAddressFree(mrb, ClassNamed(mrb, "UnboundMethod"), name);
  }

  PrebuildDefaults(mrb, &w);

  // Late, so that the settings' names are among the newest symbols (eval/setting_names.h).
  DefineSettingAccessors(mrb, w.options, SettingNames(mrb));

  // Hide the prelude's module, freeze what a config must not change.
  mrb_const_remove(mrb, mrb_obj_value(mrb->object_class), Intern(mrb, "Jetsam"));
  for (const char* name : kFrozenClasses) FreezeClass(mrb, ClassNamed(mrb, name));
  for (RClass* c : {w.options, w.list, w.inquirer, config, core, w.aws, w.indifferent, mrb_class_get_under(mrb, config, "Base"),
                    w.configs[0], w.configs[1], w.configs[2], w.env, mrb_class_get_under(mrb, jetsam, "ConfigError")}) {
    FreezeClass(mrb, c);
  }
  RClass* helpers = mrb_module_get_under(mrb, jetsam, "Helpers");
  FreezeClass(mrb, mrb_module_get_under(mrb, helpers, "Ssm"));
  FreezeClass(mrb, mrb_module_get_under(mrb, helpers, "Lookups"));
  InternConfigFileNames(mrb);
  *static_cast<World*>(out) = w;
  return true;
}

}  // namespace

const vm::Blueprint& ConfigWorld() {
  static_assert(sizeof(World) <= vm::kMaxWorld);
  static const vm::Blueprint blueprint{Prelude(), InstallWorld, sizeof(World)};
  return blueprint;
}

void InstallRuntime(mrb_state* mrb, const HostFacts& facts, const vm::ConfigCode& code, Recorder* recorder) {
  vm::VmContext* ctx = vm::ContextOf(mrb);
  ctx->user = recorder;
  recorder->world = static_cast<const World*>(ctx->world);
  recorder->facts = facts;
  recorder->code = &code;
  const World& w = *recorder->world;
  recorder->keep = mrb_ary_new(mrb);
  // Held under a name Ruby cannot spell (no "@"), on Object, which the VM keeps alive.
  mrb_iv_set(mrb, mrb_obj_value(mrb->object_class), w.keep, recorder->keep);
  // ENV: read-only, frozen, over a frozen copy of the variables.
  mrb_value environment = mrb_hash_new(mrb);
  for (const auto& [k, v] : facts.environment) mrb_hash_set(mrb, environment, FrozenString(mrb, k), FrozenString(mrb, v));
  mrb_obj_freeze(mrb, environment);
  recorder->env_vars = environment;  // for ReplaceEnvironment
  Keep(mrb, environment);
  mrb_value env = mrb_obj_new(mrb, w.env, 1, &environment);
  mrb_obj_freeze(mrb, env);
  mrb_define_global_const(mrb, "ENV", env);
  InstallRubyFacts(mrb, w.jetsam, facts);
}

void ReplaceEnvironment(mrb_state* mrb, const std::map<std::string, std::string>& environment) {
  Recorder* r = RecorderOf(mrb);
  r->facts.environment = environment;
  mrb_value vars = r->env_vars;
  if (!mrb_hash_p(vars)) return;
  // The Hash is frozen for the config; the host thaws it only while it fills it.
  MRB_UNSET_FROZEN_FLAG(mrb_basic_ptr(vars));
  mrb_hash_clear(mrb, vars);
  for (const auto& [k, v] : environment) mrb_hash_set(mrb, vars, FrozenString(mrb, k), FrozenString(mrb, v));
  MRB_SET_FROZEN_FLAG(mrb_basic_ptr(vars));
}

}  // namespace jetsam::eval
