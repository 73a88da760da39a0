#include "script/proc_source.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include <mruby.h>
#include <mruby/compile.h>

#include <fmt/format.h>

namespace jetsam::script {
namespace {

struct Token {
  size_t offset;  // into the text
  int line;
  bool brace;     // { or }; else do or end
  size_t size;
};

bool IdentChar(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '?' || ch == '!'; }

// The `{`/`do` (open) or `}`/`end` tokens of lines [first, last] of `text`, in order. Strings and
// comments are not told apart: a wrong candidate does not compile to the Proc's code.
std::vector<Token> Tokens(std::string_view text, const std::vector<size_t>& line_starts, int first, int last,
                          bool open) {
  std::vector<Token> tokens;
  const char brace = open ? '{' : '}';
  const std::string_view word = open ? "do" : "end";
  for (int line = std::max(first, 1); line <= last && line <= static_cast<int>(line_starts.size()); ++line) {
    size_t start = line_starts[line - 1];
    size_t end = line < static_cast<int>(line_starts.size()) ? line_starts[line] : text.size();
    for (size_t at = start; at < end; ++at) {
      if (text[at] == brace) {
        tokens.push_back({at, line, true, 1});
      } else if (text.compare(at, word.size(), word) == 0 && (at == start || !IdentChar(text[at - 1])) &&
                 (at + word.size() >= text.size() || !IdentChar(text[at + word.size()]))) {
        tokens.push_back({at, line, false, word.size()});
      }
    }
  }
  return tokens;
}

}  // namespace

bool ProcSources::Find(mrb_state* mrb, const RProc* proc, const std::string& name, const std::string& text,
                       ProcSource* out, std::string* error) {
  const void* code = vm::shim::ProcCode(proc);
  if (!code) {
    *error = "it is a method made in C, not a Proc literal";
    return false;
  }
  if (auto it = found_.find(code); it != found_.end()) {
    *out = it->second;
    return true;
  }
  std::vector<vm::shim::OuterVariable> outer = vm::shim::OuterVariables(mrb, proc);
  std::string assigned;
  for (const auto& v : outer) {
    if (v.name.empty()) {
      *error = "it reads a variable of the script that has no name";
      return false;
    }
    if (v.assigned && assigned.empty()) assigned = v.name;
  }
  int first = 0, last = 0;
  vm::shim::ProcLineSpan(mrb, proc, &first, &last);
  if (first == 0) {
    *error = "its code has no line information";
    return false;
  }
  std::vector<size_t> line_starts{0};
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) line_starts.push_back(at + 1);
  // The opener is on the first line or a few before it (`do |a,` ... `b|` across lines); the
  // closer on the last line or after it.
  std::vector<Token> openers = Tokens(text, line_starts, first - 4, first, true);
  std::vector<Token> closers = Tokens(text, line_starts, last, last + 200, false);
  std::reverse(openers.begin(), openers.end());  // the nearest first
  std::string decls;
  for (const auto& v : outer) decls += v.name + " = nil; ";
  mrbc_context* cxt = mrbc_context_new(mrb);
  mrbc_filename(mrb, cxt, name.c_str());
  cxt->capture_errors = TRUE;
  bool found = false;
  for (const Token& open : openers) {
    for (const Token& close : closers) {
      if (found) break;
      if (close.offset <= open.offset || close.brace != open.brace) continue;
      std::string block = text.substr(open.offset, close.offset + close.size - open.offset);
      std::string candidate = std::string(open.line - 1, '\n') + decls + "proc " + block;
      int arena = mrb_gc_arena_save(mrb);
      mrb_parser_state* parser = mrb_parse_nstring(mrb, candidate.data(), candidate.size(), cxt);
      if (parser && parser->nerr == 0) {
        bool gave_up = false;
        RProc* compiled = vm::shim::Compile(mrb, parser, cxt, &gave_up);
        if (compiled && vm::shim::SameProcCode(mrb, proc, compiled)) {
          out->line = open.line;
          out->block = std::move(block);
          found = true;
        }
      } else if (parser) {
        mrb_parser_free(parser);
      }
      mrb_gc_arena_restore(mrb, arena);
    }
    if (found) break;
  }
  mrbc_context_free(mrb, cxt);
  if (!found) {
    *error = fmt::format("its source between lines {} and {} of {} could not be told apart", first, last, name);
    return false;
  }
  out->captured = std::move(outer);
  out->assigned = std::move(assigned);
  found_.emplace(code, *out);
  return true;
}

std::vector<mrb_value> CapturedValues(const RProc* proc, const ProcSource& source) {
  std::vector<mrb_value> values;
  for (const auto& v : source.captured) values.push_back(vm::shim::OuterValue(proc, v));
  return values;
}

}  // namespace jetsam::script
