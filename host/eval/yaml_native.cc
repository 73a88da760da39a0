// YAML.load for Ruby code: the host's bounded libyaml reader (core/yaml_read.h, Psych's typing)
// and the conversion of what it read into Ruby values, with Psych's refusals (a Symbol, Date or
// Time that is not permitted, an alias without `aliases: true`).
#include "eval/yaml_native.h"

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/string.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/yaml_read.h"

namespace jetsam::eval {
namespace {

// mruby raises with longjmp: C++ objects live in Load, which returns before anything is raised;
// Ruby values are built under mrb_protect_error.

struct Permits {
  bool symbols = false;  // the Symbol class is permitted
  bool date = false, time = false;
  mrb_value permitted_symbols;  // Array of Strings
};

struct YamlConversion {
  const nlohmann::ordered_json* doc;
  Permits permits;
  bool symbolize_names;
  bool freeze;
};

[[noreturn]] void Disallowed(mrb_state* mrb, const char* klass) {
  RClass* psych = mrb_module_get(mrb, "Psych");
  mrb_value args[2] = {mrb_str_new_lit(mrb, "load"), mrb_str_new_cstr(mrb, klass)};
  mrb_exc_raise(mrb, mrb_obj_new(mrb, mrb_class_get_under(mrb, psych, "DisallowedClass"), 2, args));
}

// Psych: a Symbol needs the Symbol class permitted, and then, when permitted_symbols names some,
// to be one of them. (mruby 3.1's mrb_ary_ref is a macro that does not use `mrb`.)
bool SymbolPermitted([[maybe_unused]] mrb_state* mrb, const Permits& p, const char* name, size_t n) {
  if (!p.symbols) return false;
  if (!mrb_array_p(p.permitted_symbols) || RARRAY_LEN(p.permitted_symbols) == 0) return true;
  for (mrb_int i = 0; i < RARRAY_LEN(p.permitted_symbols); ++i) {
    mrb_value s = mrb_ary_ref(mrb, p.permitted_symbols, i);
    if (mrb_string_p(s) && static_cast<size_t>(RSTRING_LEN(s)) == n && std::memcmp(RSTRING_PTR(s), name, n) == 0) return true;
  }
  return false;
}

// A String from the reader: plain text, or a value JSON cannot hold (core/yaml_read.h).
mrb_value Decode(mrb_state* mrb, const std::string& s, const YamlConversion& c) {
  if (s.empty() || s[0] != '\0') return mrb_str_new(mrb, s.data(), s.size());
  const char* rest = s.data() + 1;
  const size_t n = s.size() - 1;
  if (n >= 1 && rest[0] == '\0') return mrb_str_new(mrb, rest + 1, n - 1);
  if (n >= 1 && rest[0] == ':') {
    if (!SymbolPermitted(mrb, c.permits, rest + 1, n - 1)) Disallowed(mrb, "Symbol");
    return mrb_symbol_value(mrb_intern(mrb, rest + 1, n - 1));
  }
  if (n >= 2 && (rest[0] == 'T' || rest[0] == 'D') && rest[1] == ':') {
    // Without Ruby's Date and Time classes, a permitted one is kept as its text.
    if (rest[0] == 'T' ? !c.permits.time : !c.permits.date) Disallowed(mrb, rest[0] == 'T' ? "Time" : "Date");
    return mrb_str_new(mrb, rest + 2, n - 2);
  }
  if (n == 1 && rest[0] == 'n') return mrb_nil_value();
  if (n == 1 && (rest[0] == 't' || rest[0] == 'F')) return mrb_bool_value(rest[0] == 't');
  if (n >= 2 && rest[0] == 'i' && rest[1] == ':') return mrb_int_value(mrb, std::strtoll(rest + 2, nullptr, 10));
  if (n >= 2 && rest[0] == 'f' && rest[1] == ':') return mrb_float_value(mrb, std::strtod(rest + 2, nullptr));
  return mrb_str_new(mrb, s.data(), s.size());
}

mrb_value ToRuby(mrb_state* mrb, const nlohmann::ordered_json& j, const YamlConversion& c) {
  mrb_value v;
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::boolean: return mrb_bool_value(j.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return mrb_int_value(mrb, j.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: return mrb_int_value(mrb, static_cast<mrb_int>(j.get<uint64_t>()));
    case nlohmann::ordered_json::value_t::number_float: return mrb_float_value(mrb, j.get<double>());
    case nlohmann::ordered_json::value_t::string:
      v = Decode(mrb, j.get_ref<const std::string&>(), c);
      break;
    case nlohmann::ordered_json::value_t::array:
      v = mrb_ary_new_capa(mrb, static_cast<mrb_int>(j.size()));
      for (const auto& item : j) {
        int ai = mrb_gc_arena_save(mrb);
        mrb_ary_push(mrb, v, ToRuby(mrb, item, c));
        mrb_gc_arena_restore(mrb, ai);
      }
      break;
    case nlohmann::ordered_json::value_t::object:
      v = mrb_hash_new_capa(mrb, static_cast<mrb_int>(j.size()));
      for (auto it = j.begin(); it != j.end(); ++it) {
        int ai = mrb_gc_arena_save(mrb);
        mrb_value key = Decode(mrb, it.key(), c);
        if (c.symbolize_names && mrb_string_p(key)) key = mrb_symbol_value(mrb_intern_str(mrb, key));
        if (c.freeze) mrb_obj_freeze(mrb, key);
        mrb_hash_set(mrb, v, key, ToRuby(mrb, it.value(), c));
        mrb_gc_arena_restore(mrb, ai);
      }
      break;
    default:
      return mrb_nil_value();
  }
  if (c.freeze) mrb_obj_freeze(mrb, v);
  return v;
}

mrb_value ToRubyBody(mrb_state* mrb, void* data) {
  auto* c = static_cast<YamlConversion*>(data);
  mrb_value document = mrb_ary_new_capa(mrb, 1);
  mrb_ary_push(mrb, document, ToRuby(mrb, *c->doc, *c));
  return document;
}

struct Outcome {
  mrb_value value = mrb_nil_value();
  bool raised = false;      // value is the exception
  bool syntax = false;      // a YAML error: file, line, problem below
  bool aliases = false;     // an alias without aliases: true
  char problem[256] = {0};
  int line = 0;
};

Outcome Load(mrb_state* mrb, const char* text, size_t size, const char* file, const Permits& permits, bool aliases,
             bool symbolize_names, bool freeze) {
  Outcome o;
  RubyYaml yaml;
  Status s = ReadYamlForRuby(std::string(text, size), file, &yaml);
  if (!s.ok()) {
    o.syntax = true;
    o.line = s.where().line;
    std::snprintf(o.problem, sizeof o.problem, "%s", s.message().c_str());
    return o;
  }
  if (yaml.aliases > 0 && !aliases) {
    o.aliases = true;
    return o;
  }
  if (!yaml.document) return o;  // nil: no document
  YamlConversion c{&yaml.value, permits, symbolize_names, freeze};
  mrb_bool failed = false;
  o.value = mrb_protect_error(mrb, ToRubyBody, &c, &failed);
  o.raised = failed;
  return o;
}

// Host.yaml_load(text, filename, permitted_classes, permitted_symbols, aliases, symbolize_names,
// freeze): [value], or nil when the text holds no document. permitted_classes: names, of which
// "Symbol", "Date" and "Time" matter.
mrb_value YamlLoad(mrb_state* mrb, mrb_value) {
  mrb_value text, file, classes, symbols;
  mrb_bool aliases = false, symbolize_names = false, freeze = false;
  mrb_get_args(mrb, "SSAA|bbb", &text, &file, &classes, &symbols, &aliases, &symbolize_names, &freeze);
  Permits permits;
  permits.permitted_symbols = symbols;
  for (mrb_int i = 0; i < RARRAY_LEN(classes); ++i) {
    mrb_value name = mrb_obj_as_string(mrb, mrb_ary_ref(mrb, classes, i));
    const char* n = mrb_str_to_cstr(mrb, name);
    if (std::strcmp(n, "Symbol") == 0) permits.symbols = true;
    if (std::strcmp(n, "Date") == 0) permits.date = true;
    if (std::strcmp(n, "Time") == 0) permits.time = true;
  }
  const char* filename = mrb_str_to_cstr(mrb, file);
  Outcome o = Load(mrb, RSTRING_PTR(text), static_cast<size_t>(RSTRING_LEN(text)), filename, permits, aliases,
                   symbolize_names, freeze);
  RClass* psych = mrb_module_get(mrb, "Psych");
  if (o.raised) mrb_exc_raise(mrb, o.value);
  if (o.aliases) mrb_exc_raise(mrb, mrb_obj_new(mrb, mrb_class_get_under(mrb, psych, "AliasesNotEnabled"), 0, nullptr));
  if (o.syntax) {
    mrb_value args[3] = {file, mrb_int_value(mrb, o.line), mrb_str_new_cstr(mrb, o.problem)};
    mrb_exc_raise(mrb, mrb_obj_new(mrb, mrb_class_get_under(mrb, psych, "SyntaxError"), 3, args));
  }
  return o.value;
}

}  // namespace

void InstallYamlNative(mrb_state* mrb, RClass* module) {
  mrb_define_module_function(mrb, module, "yaml_load", YamlLoad, MRB_ARGS_ARG(4, 3));
}

}  // namespace jetsam::eval
