#include "script/variant.h"

#include <cmath>
#include <utility>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/hash.h>
#include <mruby/proc.h>
#include <mruby/string.h>

#include <fmt/format.h>

namespace jetsam::script {
namespace {

// A variant of Jets.OBJECT runs at the end of the phase Jets reads OBJECT in: its settings are
// read as that phase leaves them (the CodeBuild role's, when the bootstrap phase ends).
Phase VariantPhase(const std::string& object) {
  return object == "project" ? Phase::kProject : object == "bootstrap" ? Phase::kBootstrap : Phase::kDeploy;
}

constexpr int kMaxLiteralDepth = 32;
constexpr size_t kMaxLiteralBytes = 1 << 20;

std::string Trimmed(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::string_view Line(const std::string& text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  size_t end = text.find('\n', start);
  return std::string_view(text).substr(start, end == std::string::npos ? std::string::npos : end - start);
}

void QuoteBytes(std::string_view s, std::string* out) {
  *out += '"';
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\' || ch == '#') {
      *out += '\\';
      *out += static_cast<char>(ch);
    } else if (ch < 0x20 || ch >= 0x7F) {
      *out += fmt::format("\\x{:02X}", ch);
    } else {
      *out += static_cast<char>(ch);
    }
  }
  *out += '"';
}

struct LiteralWriter {
  mrb_state* mrb;
  std::string* out;
  std::string* error;

  bool Write(mrb_value v, int depth) {
    if (depth > kMaxLiteralDepth || out->size() > kMaxLiteralBytes) {
      *error = "it is nested too deeply or too large to pass into a project";
      return false;
    }
    switch (mrb_type(v)) {
      case MRB_TT_FALSE: *out += mrb_nil_p(v) ? "nil" : "false"; return true;
      case MRB_TT_TRUE: *out += "true"; return true;
      case MRB_TT_INTEGER: *out += std::to_string(mrb_integer(v)); return true;
      case MRB_TT_FLOAT: {
        double d = mrb_float(v);
        if (!std::isfinite(d)) {
          *error = "a Float that is not finite cannot be passed into a project";
          return false;
        }
        std::string text = fmt::format("{:.17g}", d);
        if (text.find_first_of(".e") == std::string::npos) text += ".0";
        *out += "(" + text + ")";
        return true;
      }
      case MRB_TT_STRING: QuoteBytes(std::string_view(RSTRING_PTR(v), RSTRING_LEN(v)), out); return true;
      case MRB_TT_SYMBOL: {
        mrb_int len = 0;
        const char* name = mrb_sym_name_len(mrb, mrb_symbol(v), &len);
        *out += ':';
        QuoteBytes(std::string_view(name, static_cast<size_t>(len)), out);
        return true;
      }
      case MRB_TT_ARRAY: {
        *out += '[';
        for (mrb_int i = 0; i < RARRAY_LEN(v); ++i) {
          if (i) *out += ", ";
          if (!Write(mrb_ary_ref(mrb, v, i), depth + 1)) return false;
        }
        *out += ']';
        return true;
      }
      case MRB_TT_HASH: {
        std::vector<std::pair<mrb_value, mrb_value>> pairs;
        mrb_hash_foreach(
            mrb, mrb_hash_ptr(v),
            [](mrb_state*, mrb_value k, mrb_value val, void* data) {
              static_cast<std::vector<std::pair<mrb_value, mrb_value>>*>(data)->emplace_back(k, val);
              return 0;
            },
            &pairs);
        *out += '{';
        for (size_t i = 0; i < pairs.size(); ++i) {
          if (i) *out += ", ";
          if (!Write(pairs[i].first, depth + 1)) return false;
          *out += " => ";
          if (!Write(pairs[i].second, depth + 1)) return false;
        }
        *out += '}';
        return true;
      }
      default:
        *error = fmt::format("it is a {}", mrb_obj_classname(mrb, v));
        return false;
    }
  }
};

bool AddProc(mrb_state* mrb, ScriptCode* script, const std::string& object, mrb_value arg,
             std::vector<EvalOptions::ExtraFile>* files, std::vector<std::string>* notes, std::string* error) {
  const RProc* proc = mrb_proc_ptr(arg);
  const void* code = vm::shim::ProcCode(proc);
  const bool ours = code && script->compiled && script->compiled->Contains(code);
  ProcSource source;
  std::string why;
  if (!ours || !script->procs.Find(mrb, proc, script->name, script->text, &source, &why)) {
    *error = fmt::format("with({}:): cannot find the text of this Proc in {} ({}): pass a Proc literal written in the "
                         "script, or the code as a String",
                         object, script->name, ours ? why : "it was not written in the script");
    return false;
  }
  if (!source.assigned.empty()) {
    *error = fmt::format("with({}:): the Proc at line {} assigns the script's variable `{}`: a project's code cannot "
                         "change the script's variables",
                         object, source.line, source.assigned);
    return false;
  }
  std::vector<mrb_value> values = CapturedValues(proc, source);
  std::string decls;
  for (size_t i = 0; i < values.size(); ++i) {
    std::string literal, reason;
    if (!RubyLiteral(mrb, values[i], &literal, &reason)) {
      *error = fmt::format("with({}:): the Proc at line {} reads the script's variable `{}`, and {}: only plain data "
                           "(nil, true, false, numbers, Strings, Symbols, Arrays and Hashes of them) goes into a "
                           "project",
                           object, source.line, source.captured[i].name, reason);
      return false;
    }
    decls += source.captured[i].name + " = " + literal + "; ";
  }
  files->push_back({script->name, std::string(source.line - 1, '\n') + decls + "Jets." + object + ".configure " +
                                      source.block + "\n",
                    VariantPhase(object)});
  notes->push_back(fmt::format("{} at {}:{}", object, script->name, source.line));
  return true;
}

}  // namespace

int StringStartLine(const std::string& script, int call_line, const std::string& code) {
  std::string first;
  for (size_t start = 0; start <= code.size() && first.empty();) {
    size_t end = code.find('\n', start);
    if (end == std::string::npos) end = code.size();
    first = Trimmed(std::string_view(code).substr(start, end - start));
    start = end + 1;
  }
  if (first.empty()) return call_line;
  for (int line = call_line; line <= call_line + 3; ++line) {
    if (Trimmed(Line(script, line)) == first) return line;
  }
  return call_line;
}

std::string RubyStringLiteral(std::string_view bytes) {
  std::string out;
  QuoteBytes(bytes, &out);
  return out;
}

bool RubyLiteral(mrb_state* mrb, mrb_value v, std::string* out, std::string* error) {
  out->clear();
  LiteralWriter writer{mrb, out, error};
  return writer.Write(v, 0);
}

bool AddVariantCode(mrb_state* mrb, ScriptCode* script, const std::string& object, mrb_value arg,
                    const Location& call, std::vector<EvalOptions::ExtraFile>* files,
                    std::vector<std::string>* notes, std::string* error) {
  if (mrb_nil_p(arg)) return true;
  if (mrb_array_p(arg)) {
    for (mrb_int i = 0; i < RARRAY_LEN(arg); ++i) {
      mrb_value item = mrb_ary_ref(mrb, arg, i);
      if (mrb_array_p(item)) {
        *error = "with(" + object + ":): an Array of code holds another Array";
        return false;
      }
      if (!AddVariantCode(mrb, script, object, item, call, files, notes, error)) return false;
    }
    return true;
  }
  if (mrb_proc_p(arg)) return AddProc(mrb, script, object, arg, files, notes, error);
  if (!mrb_string_p(arg)) {
    *error = fmt::format("with({}:): takes the body of a Jets.{}.configure block, as a Proc or a String, not a {}", object,
                         object, mrb_obj_classname(mrb, arg));
    return false;
  }
  const std::string code(RSTRING_PTR(arg), RSTRING_LEN(arg));
  const int line = StringStartLine(script->text, call.line > 0 ? call.line : 1, code);
  files->push_back({script->name, std::string(line - 1, '\n') + "Jets." + object + ".configure do " + code + "\nend\n",
                    VariantPhase(object)});
  notes->push_back(fmt::format("{} at {}:{}", object, script->name, line));
  return true;
}

}  // namespace jetsam::script
