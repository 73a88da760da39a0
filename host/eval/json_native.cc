#include "eval/json_native.h"

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

// mruby raises with longjmp: every C++ object lives in a helper that returns before anything is
// raised, and Ruby values are built (or Ruby code run) under mrb_protect_error, so that what a
// raise skips holds nothing to destroy.

namespace jetsam::eval {
namespace {

constexpr size_t kMaxParseBytes = 16u << 20;  // a config's JSON is kilobytes: a cap for the host's copy
constexpr int kHardNesting = 3000;           // the C stack's bound when the caller sets none
constexpr size_t kMaxGenerateBytes = 64u << 20;

enum Error { kNoError, kParser, kNesting, kGenerator, kRuby };

struct Outcome {
  mrb_value value = mrb_nil_value();
  Error error = kNoError;
  char message[320] = {0};
};

void SetMessage(Outcome* o, Error e, const std::string& text) {
  o->error = e;
  std::snprintf(o->message, sizeof o->message, "%s", text.c_str());
}

[[noreturn]] void Raise(mrb_state* mrb, const Outcome& o) {
  if (o.error == kRuby) mrb_exc_raise(mrb, o.value);
  RClass* json = mrb_module_get(mrb, "JSON");
  const char* name = o.error == kNesting ? "NestingError" : o.error == kGenerator ? "GeneratorError" : "ParserError";
  mrb_raise(mrb, mrb_class_get_under(mrb, json, name), o.message);
}

// --- parse -----------------------------------------------------------------------------------

struct ToRubyJob {
  const nlohmann::ordered_json* doc;
  bool symbolize;
};

mrb_value ToRuby(mrb_state* mrb, const nlohmann::ordered_json& j, bool symbolize) {
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::null: return mrb_nil_value();
    case nlohmann::ordered_json::value_t::boolean: return mrb_bool_value(j.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer: return mrb_int_value(mrb, j.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: {
      uint64_t u = j.get<uint64_t>();
      return u > static_cast<uint64_t>(INT64_MAX) ? mrb_float_value(mrb, static_cast<double>(u))
                                                   : mrb_int_value(mrb, static_cast<mrb_int>(u));
    }
    case nlohmann::ordered_json::value_t::number_float: return mrb_float_value(mrb, j.get<double>());
    case nlohmann::ordered_json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      return mrb_str_new(mrb, s.data(), s.size());
    }
    case nlohmann::ordered_json::value_t::array: {
      mrb_value ary = mrb_ary_new_capa(mrb, static_cast<mrb_int>(j.size()));
      for (const auto& item : j) {
        int ai = mrb_gc_arena_save(mrb);
        mrb_ary_push(mrb, ary, ToRuby(mrb, item, symbolize));
        mrb_gc_arena_restore(mrb, ai);
      }
      return ary;
    }
    case nlohmann::ordered_json::value_t::object: {
      mrb_value hash = mrb_hash_new_capa(mrb, static_cast<mrb_int>(j.size()));
      for (auto it = j.begin(); it != j.end(); ++it) {
        int ai = mrb_gc_arena_save(mrb);
        mrb_value key = symbolize ? mrb_symbol_value(mrb_intern(mrb, it.key().data(), it.key().size()))
                                  : mrb_str_new(mrb, it.key().data(), it.key().size());
        mrb_hash_set(mrb, hash, key, ToRuby(mrb, it.value(), symbolize));
        mrb_gc_arena_restore(mrb, ai);
      }
      return hash;
    }
    default: return mrb_nil_value();
  }
}

mrb_value ToRubyBody(mrb_state* mrb, void* data) {
  auto* job = static_cast<ToRubyJob*>(data);
  return ToRuby(mrb, *job->doc, job->symbolize);
}

// The json gem's message: the text from where parsing failed.
std::string UnexpectedAt(const char* text, size_t size, size_t at) {
  if (at > size) at = size;
  std::string rest(text + at, std::min<size_t>(size - at, 200));
  return "unexpected token at '" + rest + "'";
}

Outcome Parse(mrb_state* mrb, const char* text, size_t size, bool symbolize, int max_nesting) {
  Outcome o;
  if (size > kMaxParseBytes) {
    SetMessage(&o, kParser, "the JSON text is larger than 16 MiB: too large for a config to read here");
    return o;
  }
  const int limit = max_nesting > 0 ? std::min(max_nesting, kHardNesting) : kHardNesting;
  int deepest = 0;
  auto watch = [&](int depth, nlohmann::ordered_json::parse_event_t event, nlohmann::ordered_json&) {
    if (event == nlohmann::ordered_json::parse_event_t::object_start ||
        event == nlohmann::ordered_json::parse_event_t::array_start) {
      deepest = std::max(deepest, depth + 1);
    }
    return true;
  };
  nlohmann::ordered_json doc;
  try {
    doc = nlohmann::ordered_json::parse(text, text + size, watch);
  } catch (const nlohmann::ordered_json::parse_error& e) {
    // e.byte counts from 1 and points past the character that failed.
    SetMessage(&o, kParser, UnexpectedAt(text, size, e.byte > 0 ? e.byte - 1 : 0));
    return o;
  } catch (const std::exception& e) {
    SetMessage(&o, kParser, e.what());
    return o;
  }
  if (deepest > limit) {
    SetMessage(&o, kNesting, "nesting of " + std::to_string(limit + 1) + " is too deep");
    return o;
  }
  ToRubyJob job{&doc, symbolize};
  mrb_bool failed = false;
  o.value = mrb_protect_error(mrb, ToRubyBody, &job, &failed);
  if (failed) o.error = kRuby;
  return o;
}

mrb_value JsonParse(mrb_state* mrb, mrb_value) {
  mrb_value text;
  mrb_bool symbolize = false;
  mrb_int max_nesting = 100;
  mrb_get_args(mrb, "S|bi", &text, &symbolize, &max_nesting);
  Outcome o = Parse(mrb, RSTRING_PTR(text), static_cast<size_t>(RSTRING_LEN(text)), symbolize,
                    static_cast<int>(std::min<mrb_int>(std::max<mrb_int>(max_nesting, 0), kHardNesting)));
  if (o.error != kNoError) Raise(mrb, o);
  return o.value;
}

// --- generate --------------------------------------------------------------------------------

struct JsonWriter {
  std::string* out;
  bool pretty;
  bool escape_html;
  int limit;
  int depth = 0;
  Outcome* outcome;
};

// Appends `s` as a JSON string; false (and the outcome set) when it is not UTF-8.
bool WriteString(JsonWriter* w, const char* s, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string& out = *w->out;
  out += '"';
  for (size_t i = 0; i < n;) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || (w->escape_html && (c == '<' || c == '>' || c == '&'))) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    size_t width = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (width == 0 || i + width > n) {
      SetMessage(w->outcome, kGenerator, "source sequence is illegal/malformed utf-8");
      return false;
    }
    for (size_t k = 1; k < width; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) {
        SetMessage(w->outcome, kGenerator, "source sequence is illegal/malformed utf-8");
        return false;
      }
    }
    // U+2028 and U+2029 end a line in JavaScript: ActiveSupport escapes them with the HTML ones.
    if (w->escape_html && width == 3 && c == 0xe2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xa8 || static_cast<unsigned char>(s[i + 2]) == 0xa9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029";
    } else {
      out.append(s + i, width);
    }
    i += width;
  }
  out += '"';
  return true;
}

void Indent(JsonWriter* w) {
  if (w->pretty) w->out->append(static_cast<size_t>(w->depth) * 2, ' ');
}

bool Write(mrb_state* mrb, mrb_value v, JsonWriter* w);

bool WriteRubyString(JsonWriter* w, mrb_value s) { return WriteString(w, RSTRING_PTR(s), static_cast<size_t>(RSTRING_LEN(s))); }

bool Enter(JsonWriter* w) {
  if (++w->depth > w->limit) {
    // The json gem (2.6, Ruby 3.1) names the depth it had reached: one less than parse's message.
    SetMessage(w->outcome, kNesting, "nesting of " + std::to_string(w->depth - 1) + " is too deep");
    return false;
  }
  return true;
}

struct HashWrite {
  JsonWriter* w;
  bool first = true;
  bool ok = true;
};

int WritePair(mrb_state* mrb, mrb_value key, mrb_value value, void* data) {
  auto* h = static_cast<HashWrite*>(data);
  JsonWriter* w = h->w;
  if (!h->first) *w->out += ',';
  h->first = false;
  if (w->pretty) *w->out += '\n';
  Indent(w);
  mrb_value name = mrb_string_p(key) ? key
                   : mrb_symbol_p(key) ? mrb_sym_str(mrb, mrb_symbol(key))
                                       : mrb_obj_as_string(mrb, key);
  if (!WriteRubyString(w, name)) return h->ok = false, 1;
  *w->out += w->pretty ? ": " : ":";
  if (!Write(mrb, value, w)) return h->ok = false, 1;
  return 0;
}

bool Write(mrb_state* mrb, mrb_value v, JsonWriter* w) {
  std::string& out = *w->out;
  if (out.size() > kMaxGenerateBytes) {
    SetMessage(w->outcome, kGenerator, "the JSON text would be larger than 64 MiB");
    return false;
  }
  switch (mrb_type(v)) {
    case MRB_TT_FALSE:
      out += mrb_nil_p(v) ? "null" : "false";
      return true;
    case MRB_TT_TRUE:
      out += "true";
      return true;
    case MRB_TT_INTEGER:
      out += std::to_string(mrb_integer(v));
      return true;
    case MRB_TT_FLOAT: {
      double d = mrb_float(v);
      if (std::isnan(d) || std::isinf(d)) {
        mrb_value shown = mrb_obj_as_string(mrb, v);
        SetMessage(w->outcome, kGenerator, std::string(RSTRING_PTR(shown), RSTRING_LEN(shown)) + " not allowed in JSON");
        return false;
      }
      mrb_value shown = mrb_obj_as_string(mrb, v);  // Float#to_s: "1.0e+20", as the json gem writes it
      out.append(RSTRING_PTR(shown), RSTRING_LEN(shown));
      return true;
    }
    case MRB_TT_STRING:
      return WriteRubyString(w, v);
    case MRB_TT_SYMBOL:
      return WriteRubyString(w, mrb_sym_str(mrb, mrb_symbol(v)));
    case MRB_TT_ARRAY: {
      if (!Enter(w)) return false;
      out += '[';
      if (w->pretty) out += '\n';
      for (mrb_int i = 0; i < RARRAY_LEN(v); ++i) {
        if (i > 0) out += w->pretty ? ",\n" : ",";
        Indent(w);
        if (!Write(mrb, mrb_ary_ref(mrb, v, i), w)) return false;
      }
      --w->depth;
      if (w->pretty) {
        out += '\n';
        Indent(w);
      }
      out += ']';
      return true;
    }
    case MRB_TT_HASH: {
      if (!Enter(w)) return false;
      out += '{';
      HashWrite h{w};
      mrb_hash_foreach(mrb, mrb_hash_ptr(v), WritePair, &h);
      if (!h.ok) return false;
      --w->depth;
      if (w->pretty) {
        out += '\n';
        Indent(w);
      }
      out += '}';
      return true;
    }
    default:
      return WriteRubyString(w, mrb_obj_as_string(mrb, v));  // the json gem's Object#to_json
  }
}

struct GenerateJob {
  mrb_value value;
  JsonWriter* writer;
};

mrb_value GenerateBody(mrb_state* mrb, void* data) {
  auto* job = static_cast<GenerateJob*>(data);
  Write(mrb, job->value, job->writer);
  return mrb_nil_value();
}

// The text into *out; the outcome says what failed, if anything (its value: Ruby's exception).
Outcome GenerateText(mrb_state* mrb, mrb_value value, bool pretty, bool escape_html, int max_nesting, std::string* out) {
  Outcome o;
  JsonWriter w{out, pretty, escape_html, max_nesting > 0 ? std::min(max_nesting, kHardNesting) : kHardNesting, 0, &o};
  GenerateJob job{value, &w};
  mrb_bool failed = false;
  mrb_value exc = mrb_protect_error(mrb, GenerateBody, &job, &failed);
  if (failed) {
    o.value = exc;
    o.error = kRuby;
  }
  return o;
}

Outcome Generate(mrb_state* mrb, mrb_value value, bool pretty, bool escape_html, int max_nesting) {
  std::string out;
  Outcome o = GenerateText(mrb, value, pretty, escape_html, max_nesting, &out);
  if (o.error != kNoError) return o;
  mrb_bool failed = false;
  struct Copy {
    const std::string* text;
  } copy{&out};
  o.value = mrb_protect_error(
      mrb, [](mrb_state* m, void* d) {
        const std::string* t = static_cast<Copy*>(d)->text;
        return mrb_str_new(m, t->data(), t->size());
      },
      &copy, &failed);
  if (failed) o.error = kRuby;
  return o;
}

mrb_value JsonGenerate(mrb_state* mrb, mrb_value) {
  mrb_value value;
  mrb_bool pretty = false, escape_html = false;
  mrb_int max_nesting = 100;
  mrb_get_args(mrb, "o|bbi", &value, &pretty, &escape_html, &max_nesting);
  Outcome o = Generate(mrb, value, pretty, escape_html,
                       static_cast<int>(std::min<mrb_int>(std::max<mrb_int>(max_nesting, 0), kHardNesting)));
  if (o.error != kNoError) Raise(mrb, o);
  return o.value;
}

}  // namespace

void InstallJsonNative(mrb_state* mrb, RClass* module) {
  mrb_define_module_function(mrb, module, "json_parse", JsonParse, MRB_ARGS_ARG(1, 2));
  mrb_define_module_function(mrb, module, "json_generate", JsonGenerate, MRB_ARGS_ARG(1, 3));
}

mrb_value JsonToRuby(mrb_state* mrb, const nlohmann::ordered_json& json, bool symbolize_names) {
  return ToRuby(mrb, json, symbolize_names);
}

bool WriteJson(mrb_state* mrb, mrb_value value, bool pretty, std::string* text, std::string* error,
               mrb_value* exception) {
  text->clear();
  Outcome o = GenerateText(mrb, value, pretty, false, 100, text);
  if (o.error == kNoError) return true;
  text->clear();
  if (o.error == kRuby) {
    *exception = o.value;
  } else {
    const char* name = o.error == kNesting ? "JSON::NestingError" : o.error == kGenerator ? "JSON::GeneratorError" : "JSON::ParserError";
    *error = std::string(name) + ": " + o.message;
  }
  return false;
}

}  // namespace jetsam::eval
