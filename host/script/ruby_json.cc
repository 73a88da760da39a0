#include "script/ruby_json.h"

#include <cmath>
#include <utility>
#include <vector>

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <fmt/format.h>

#include "jetsam/emit.h"
#include "script/native.h"

namespace jetsam::script {
namespace {

struct Protect {
  const std::function<mrb_value()>* body;
};

mrb_value RunProtected(mrb_state*, void* data) { return (*static_cast<Protect*>(data)->body)(); }

int CollectPair(mrb_state*, mrb_value key, mrb_value value, void* data) {
  static_cast<std::vector<std::pair<mrb_value, mrb_value>>*>(data)->emplace_back(key, value);
  return 0;
}

struct ToJson {
  mrb_state* mrb;
  std::string* error;

  bool Convert(mrb_value v, Json* out, int depth) {
    if (depth > kMaxJsonNesting) {
      *error = fmt::format("nesting of {} is too deep (a cycle, or more than {} levels)", depth, kMaxJsonNesting);
      return false;
    }
    switch (mrb_type(v)) {
      case MRB_TT_FALSE:
        *out = mrb_nil_p(v) ? Json(nullptr) : Json(false);
        return true;
      case MRB_TT_TRUE:
        *out = true;
        return true;
      case MRB_TT_INTEGER:
        *out = static_cast<int64_t>(mrb_integer(v));
        return true;
      case MRB_TT_FLOAT: {
        double d = mrb_float(v);
        if (!std::isfinite(d)) {
          *error = fmt::format("{} is not allowed in JSON", std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
          return false;
        }
        *out = d;
        return true;
      }
      case MRB_TT_SYMBOL:
        *out = std::string(mrb_sym_name(mrb, mrb_symbol(v)));
        return true;
      case MRB_TT_STRING:
        *out = std::string(RSTRING_PTR(v), RSTRING_LEN(v));
        return true;
      case MRB_TT_ARRAY: {
        *out = Json::array();
        for (mrb_int i = 0; i < RARRAY_LEN(v); ++i) {
          Json item;
          if (!Convert(mrb_ary_ref(mrb, v, i), &item, depth + 1)) return false;
          out->push_back(std::move(item));
        }
        return true;
      }
      case MRB_TT_HASH: {
        *out = Json::object();
        std::vector<std::pair<mrb_value, mrb_value>> pairs;  // reachable from the Hash meanwhile
        mrb_hash_foreach(mrb, mrb_hash_ptr(v), CollectPair, &pairs);
        for (const auto& [key, item_value] : pairs) {
          std::string name;
          if (mrb_string_p(key)) {
            name.assign(RSTRING_PTR(key), RSTRING_LEN(key));
          } else if (mrb_symbol_p(key)) {
            name = mrb_sym_name(mrb, mrb_symbol(key));
          } else if (!ToS(key, &name)) {
            return false;
          }
          Json item;
          if (!Convert(item_value, &item, depth + 1)) return false;
          (*out)[name] = std::move(item);
        }
        return true;
      }
      default: {
        std::string text;
        if (!ToS(v, &text)) return false;
        *out = std::move(text);
        return true;
      }
    }
  }

  // `v.to_s`, which is Ruby code: under a handler of its own, so that nothing unwinds this frame.
  bool ToS(mrb_value v, std::string* out) {
    mrb_value exc = mrb_nil_value();
    mrb_value s = Protected(mrb, [&] { return mrb_obj_as_string(mrb, v); }, &exc);
    if (!mrb_nil_p(exc) || !mrb_string_p(s)) {
      *error = "to_s of a " + std::string(mrb_obj_classname(mrb, v)) + " failed";
      return false;
    }
    out->assign(RSTRING_PTR(s), RSTRING_LEN(s));
    return true;
  }
};

mrb_value ToRuby(mrb_state* mrb, const Json& j, bool symbolize) {
  switch (j.type()) {
    case Json::value_t::null:
      return mrb_nil_value();
    case Json::value_t::boolean:
      return mrb_bool_value(j.get<bool>());
    case Json::value_t::number_integer:
      return mrb_int_value(mrb, j.get<int64_t>());
    case Json::value_t::number_unsigned: {
      uint64_t u = j.get<uint64_t>();
      return u <= static_cast<uint64_t>(MRB_INT_MAX) ? mrb_int_value(mrb, static_cast<mrb_int>(u))
                                                      : mrb_float_value(mrb, static_cast<mrb_float>(u));
    }
    case Json::value_t::number_float:
      return mrb_float_value(mrb, j.get<double>());
    case Json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      return mrb_str_new(mrb, s.data(), static_cast<mrb_int>(s.size()));
    }
    case Json::value_t::array: {
      mrb_value ary = mrb_ary_new_capa(mrb, static_cast<mrb_int>(j.size()));
      int arena = mrb_gc_arena_save(mrb);
      for (const auto& item : j) {
        mrb_ary_push(mrb, ary, ToRuby(mrb, item, symbolize));
        mrb_gc_arena_restore(mrb, arena);
      }
      return ary;
    }
    case Json::value_t::object: {
      mrb_value hash = mrb_hash_new_capa(mrb, static_cast<mrb_int>(j.size()));
      int arena = mrb_gc_arena_save(mrb);
      for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        mrb_value key = symbolize ? mrb_symbol_value(mrb_intern(mrb, k.data(), k.size()))
                                  : mrb_str_new(mrb, k.data(), static_cast<mrb_int>(k.size()));
        mrb_hash_set(mrb, hash, key, ToRuby(mrb, it.value(), symbolize));
        mrb_gc_arena_restore(mrb, arena);
      }
      return hash;
    }
    default:
      return mrb_nil_value();
  }
}

RClass* JsonError(mrb_state* mrb, const char* name) {
  return mrb_class_get_under(mrb, mrb_module_get(mrb, "JSON"), name);
}

mrb_value Generate(mrb_state* mrb, mrb_value) {
  mrb_value obj;
  mrb_bool pretty;
  mrb_get_args(mrb, "ob", &obj, &pretty);
  return Answer(mrb, [&](Reply& r) {
    Json json;
    std::string error;
    if (!RubyToJson(mrb, obj, &json, &error)) return r.Fail(JsonError(mrb, "GeneratorError"), error);
    const std::string text = JsonGenerate(json, pretty);
    r.value = Protected(mrb, [&] { return mrb_str_new(mrb, text.data(), static_cast<mrb_int>(text.size())); }, &r.exception);
  });
}

mrb_value Parse(mrb_state* mrb, mrb_value) {
  mrb_value text;
  mrb_bool symbolize;
  mrb_get_args(mrb, "Sb", &text, &symbolize);
  return Answer(mrb, [&](Reply& r) {
    int deepest = 0;  // the deepest Array or Object, 1 for the outermost
    Json::parser_callback_t note_depth = [&deepest](int depth, Json::parse_event_t event, Json&) {
      if (event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) {
        deepest = std::max(deepest, depth + 1);
      }
      return true;
    };
    Json json = Json::parse(RSTRING_PTR(text), RSTRING_PTR(text) + RSTRING_LEN(text), note_depth, false);
    if (json.is_discarded()) {
      // Parsed again for the message: the first pass does not throw.
      std::string message = "unexpected token";
      try {
        Json again = Json::parse(RSTRING_PTR(text), RSTRING_PTR(text) + RSTRING_LEN(text));
      } catch (const Json::parse_error& e) {
        message = e.what();
        if (message.rfind("[json.exception.parse_error.101] ", 0) == 0) message.erase(0, 33);
      }
      return r.Fail(JsonError(mrb, "ParserError"), message);
    }
    if (deepest > kMaxJsonNesting) {
      return r.Fail(JsonError(mrb, "NestingError"), fmt::format("nesting of {} is too deep", deepest));
    }
    r.value = Protected(mrb, [&] { return JsonToRuby(mrb, json, symbolize); }, &r.exception);
  });
}

}  // namespace

mrb_value Protected(mrb_state* mrb, const std::function<mrb_value()>& body, mrb_value* exc) {
  Protect p{&body};
  mrb_bool raised = FALSE;
  mrb_value v = mrb_protect_error(mrb, RunProtected, &p, &raised);
  if (raised) {
    *exc = v;
    return mrb_nil_value();
  }
  return v;
}

mrb_value NewException(mrb_state* mrb, RClass* cls, std::string_view message) {
  mrb_value exc = mrb_nil_value();
  mrb_value made = Protected(
      mrb, [&] { return mrb_exc_new(mrb, cls, message.data(), static_cast<mrb_int>(message.size())); }, &exc);
  return mrb_nil_p(exc) ? made : exc;
}

mrb_value JsonToRuby(mrb_state* mrb, const Json& j, bool symbolize_names) { return ToRuby(mrb, j, symbolize_names); }

bool RubyToJson(mrb_state* mrb, mrb_value v, Json* out, std::string* error) {
  ToJson converter{mrb, error};
  return converter.Convert(v, out, 0);
}

std::string JsonGenerate(const Json& value, bool pretty) { return JsonDump(value, pretty ? 2 : -1); }

void DefineJsonNatives(mrb_state* mrb, RClass* native) {
  mrb_define_module_function(mrb, native, "json_generate", Generate, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, native, "json_parse", Parse, MRB_ARGS_REQ(2));
}

}  // namespace jetsam::script
