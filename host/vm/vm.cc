#include "vm/vm.h"

#include <mruby.h>
#include <mruby/compile.h>
#include <mruby/irep.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/array.h>
#include <mruby/variable.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "vm/heap.h"
#include "vm/open_vm.h"
#include "vm/warm_start.h"
#include "vm/exception.h"

extern "C" {
// Debian's libmruby exports each gem's initializer. We call only the allowed ones, in the order
// mrb_init_mrbgems uses; mruby-io, mruby-socket, mruby-print and mruby-objectspace never load,
// so File, IO, open, backticks, sockets and ObjectSpace do not exist in a config's world.
void GENERATED_TMP_mrb_mruby_compar_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_enum_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_string_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_numeric_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_array_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_hash_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_range_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_proc_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_symbol_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_object_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_fiber_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_enumerator_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_enum_lazy_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_toplevel_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_kernel_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_class_ext_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_pack_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_sprintf_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_time_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_struct_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_random_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_math_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_complex_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_rational_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_metaprog_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_method_gem_init(mrb_state*);
void GENERATED_TMP_mrb_mruby_eval_gem_init(mrb_state*);
}

namespace jetsam::vm {

namespace {

using GemInit = void (*)(mrb_state*);
constexpr GemInit kAllowedGems[] = {
    GENERATED_TMP_mrb_mruby_compar_ext_gem_init,  GENERATED_TMP_mrb_mruby_enum_ext_gem_init,
    GENERATED_TMP_mrb_mruby_string_ext_gem_init,  GENERATED_TMP_mrb_mruby_numeric_ext_gem_init,
    GENERATED_TMP_mrb_mruby_array_ext_gem_init,   GENERATED_TMP_mrb_mruby_hash_ext_gem_init,
    GENERATED_TMP_mrb_mruby_range_ext_gem_init,   GENERATED_TMP_mrb_mruby_proc_ext_gem_init,
    GENERATED_TMP_mrb_mruby_symbol_ext_gem_init,  GENERATED_TMP_mrb_mruby_object_ext_gem_init,
    GENERATED_TMP_mrb_mruby_fiber_gem_init,       GENERATED_TMP_mrb_mruby_enumerator_gem_init,
    GENERATED_TMP_mrb_mruby_enum_lazy_gem_init,   GENERATED_TMP_mrb_mruby_toplevel_ext_gem_init,
    GENERATED_TMP_mrb_mruby_kernel_ext_gem_init,  GENERATED_TMP_mrb_mruby_class_ext_gem_init,
    GENERATED_TMP_mrb_mruby_pack_gem_init,        GENERATED_TMP_mrb_mruby_sprintf_gem_init,
    GENERATED_TMP_mrb_mruby_time_gem_init,        GENERATED_TMP_mrb_mruby_struct_gem_init,
    GENERATED_TMP_mrb_mruby_random_gem_init,      GENERATED_TMP_mrb_mruby_math_gem_init,
    GENERATED_TMP_mrb_mruby_complex_gem_init,     GENERATED_TMP_mrb_mruby_rational_gem_init,
    GENERATED_TMP_mrb_mruby_metaprog_gem_init,    GENERATED_TMP_mrb_mruby_method_gem_init,
    GENERATED_TMP_mrb_mruby_eval_gem_init,
};

// Kernel methods that would let a script wait on or talk to the outside, removed if present.
constexpr const char* kRemovedKernelMethods[] = {"`", "open", "gets", "sleep", "system", "exec",
                                                  "spawn", "fork", "exit", "exit!", "abort",
                                                  "syscall", "trap", "require", "load"};


std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

size_t Indent(const std::string& line) {
  size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

bool StartsWithWord(const std::string& code, const char* word) {
  size_t n = strlen(word);
  return code.compare(0, n, word) == 0 &&
         (code.size() == n || !(isalnum(static_cast<unsigned char>(code[n])) || code[n] == '_'));
}

// The code of a line without indentation, trailing spaces and a trailing comment (a '#' not in
// a string or interpolation is close enough for a hint).
std::string Code(const std::string& line) {
  std::string code = line.substr(Indent(line));
  size_t hash = code.find(" #");
  if (code.rfind('#', 0) == 0) return {};
  if (hash != std::string::npos && code.find("#{") != hash + 1) code.erase(hash);
  while (!code.empty() && isspace(static_cast<unsigned char>(code.back()))) code.pop_back();
  return code;
}

// Does this line open a block that needs an `end` on a line of its own?
bool OpensBlock(const std::string& code) {
  if (code.empty()) return false;
  static const char* kOpeners[] = {"def", "class", "module", "if", "unless", "case", "while", "until", "begin", "for"};
  bool one_liner = code.size() >= 4 && code.compare(code.size() - 4, 4, " end") == 0;
  for (const char* w : kOpeners) {
    if (StartsWithWord(code, w)) return !one_liner && !(StartsWithWord(code, "def") && code.find(" = ") != std::string::npos);
  }
  // `... do` or `... do |a, b|`
  size_t bar = code.size() && code.back() == '|' ? code.rfind('|', code.size() - 2) : std::string::npos;
  std::string head = bar != std::string::npos ? code.substr(0, bar) : code;
  while (!head.empty() && head.back() == ' ') head.pop_back();
  return head == "do" || (head.size() > 3 && head.compare(head.size() - 3, 3, " do") == 0);
}

// For a file that ended inside a block: the line of the block whose `end` seems to be missing,
// judged by indentation (an `end` is expected at the opener's indentation). 0 when none is clear.
int UnclosedBlockLine(const std::vector<std::string>& lines) {
  static const char* kContinuations[] = {"else", "elsif", "when", "in", "rescue", "ensure", "then"};
  int found = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!OpensBlock(Code(lines[i]))) continue;
    size_t indent = Indent(lines[i]);
    bool closed = false;
    for (size_t j = i + 1; j < lines.size(); ++j) {
      std::string code = Code(lines[j]);
      if (code.empty()) continue;
      size_t at = Indent(lines[j]);
      if (at > indent) continue;
      if (at == indent && (StartsWithWord(code, "end") || code.rfind("end.", 0) == 0 || code.rfind("end)", 0) == 0)) {
        closed = true;
        break;
      }
      bool continuation = false;
      for (const char* w : kContinuations) continuation = continuation || StartsWithWord(code, w);
      if (at == indent && continuation) continue;
      break;
    }
    if (!closed) found = static_cast<int>(i) + 1;  // the innermost (last) unclosed opener
  }
  return found;
}

// A parser error made readable: mruby's "syntax error, unexpected $end, expecting keyword_end"
// becomes "syntax error: unexpected end of file, expecting `end`", at a line the file has.
Status SyntaxErrorStatus(const std::string& name, const std::string& text, std::string msg, int line) {
  if (msg == "memory exhausted") {  // the parser's own stack, not the VM's heap
    return Status::Limit("the code is nested too deeply for the Ruby parser", Location{name, line},
                         "a literal or expression nested thousands of levels deep is not a config; build it in a loop");
  }
  if (msg.rfind("syntax error, ", 0) == 0) msg.erase(0, 14);
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t at = msg.find(from); at != std::string::npos; at = msg.find(from, at + to.size())) msg.replace(at, from.size(), to);
  };
  replace("$end", "end of file");
  replace("keyword_end", "`end`");
  if (msg.empty()) msg = "invalid syntax";
  std::vector<std::string> lines = Lines(text);
  const int last = std::max<int>(1, static_cast<int>(lines.size()));
  bool at_eof = line >= last || msg.find("end of file") != std::string::npos;
  if (line > last) line = last;
  std::string hint = "check the Ruby syntax at this line";
  if (at_eof) {
    int open = UnclosedBlockLine(lines);
    hint = open > 0 ? fmt::format("the file ended inside a block: the `do`/`def`/`if` at line {} ({}) seems to have no `end`",
                                  open, Code(lines[open - 1]))
                    : "the file ended inside a block, string or bracket: look for a `do`, `def`, `if`, quote or "
                      "bracket that is never closed";
  }
  return Status::Config("syntax error: " + msg, Location{name, line}, hint);
}

// Compiles a config file, notes its code as the config's own (ConfigCode), and runs it at the
// top level as mrb_load_exec would. The compiled proc stays referenced for the VM's life, so
// that no other code can ever take its ireps' addresses. (mruby internals: the proc's target
// class, set as mrb_load_exec sets it.)
void RunConfigFile(mrb_state* mrb, mrb_parser_state* parser, mrbc_context* cxt, ConfigCode* code) {
  cxt->no_exec = TRUE;
  mrb_value compiled = mrb_load_exec(mrb, parser, cxt);  // frees the parser
  if (mrb->exc || !mrb_proc_p(compiled)) return;
  // Held under a name Ruby cannot spell (no "@"), on Object, which every VM keeps alive.
  mrb_sym held = mrb_intern_lit(mrb, "jetsam config files");
  mrb_value files = mrb_iv_get(mrb, mrb_obj_value(mrb->object_class), held);
  if (!mrb_array_p(files)) {
    files = mrb_ary_new(mrb);
    mrb_iv_set(mrb, mrb_obj_value(mrb->object_class), held, files);
  }
  mrb_ary_push(mrb, files, compiled);
  RProc* proc = mrb_proc_ptr(compiled);
  code->Add(proc->body.irep);
  MRB_PROC_SET_TARGET_CLASS(proc, mrb->object_class);
  if (mrb->c->ci) mrb_vm_ci_target_class_set(mrb->c->ci, mrb->object_class);
  mrb_load_proc(mrb, proc);
}

}  // namespace

mrb_state* OpenVm(Heap* heap, const uint8_t* prelude) {
  mrb_state* mrb = mrb_open_core(HeapAllocate, heap);
  if (!mrb) return nullptr;
  int arena = mrb_gc_arena_save(mrb);
  for (GemInit init : kAllowedGems) {
    init(mrb);
    mrb_gc_arena_restore(mrb, arena);
  }
  RClass* kernel = mrb->kernel_module;
  for (const char* name : kRemovedKernelMethods) {
    mrb_sym sym = mrb_intern_cstr(mrb, name);
    if (mrb_obj_respond_to(mrb, kernel, sym)) mrb_undef_method(mrb, kernel, name);
  }
  InstallRaiseSites(mrb);
  if (prelude) mrb_load_irep(mrb, prelude);
  if (mrb->exc) {  // a bug in the prelude: say so loudly rather than run with half of it
    mrb_value exc = mrb_obj_value(mrb->exc);
    mrb->exc = nullptr;
    Status s = ExceptionToStatus(mrb, exc, heap->exhausted, heap->limit, heap->refused_at);
    fmt::print(stderr, "jetsam: internal error loading the Ruby prelude (mrblib): {}\n", s.message());
    mrb_close(mrb);
    return nullptr;
  }
  mrb_gc_arena_restore(mrb, arena);
  return mrb;
}

Vm::Vm(int64_t memory_limit, Start start, const uint8_t* prelude) {
  WarmVm warm;
  if (start == Start::kWarm && AcquireWarmVm(memory_limit, prelude, &warm)) {
    heap_ = warm.heap;
    mrb_ = warm.mrb;
    warm_ = true;
  } else {
    owned_heap_ = std::make_unique<Heap>();
    heap_ = owned_heap_.get();
    heap_->limit = memory_limit;
    mrb_ = OpenVm(heap_, prelude);
  }
  if (mrb_) mrb_->ud = &context_;
}

Vm::~Vm() {
  if (warm_) {
    ReleaseWarmVm();
  } else if (mrb_) {
    mrb_close(mrb_);
  }
}

int64_t Vm::memory_in_use() const { return heap_->in_use; }
int64_t Vm::memory_limit() const { return heap_->limit; }
bool Vm::memory_exhausted() const { return heap_->exhausted; }

Status Vm::TakeException() {
  if (!mrb_->exc) return Status::Ok();
  mrb_value exc = mrb_obj_value(mrb_->exc);
  mrb_->exc = nullptr;
  return ExceptionToStatus(mrb_, exc, heap_->exhausted, heap_->limit, heap_->refused_at);
}

Status Vm::LoadFile(const std::string& name, const std::string& text) {
  int arena = mrb_gc_arena_save(mrb_);
  mrbc_context* cxt = mrbc_context_new(mrb_);
  mrbc_filename(mrb_, cxt, name.c_str());
  cxt->capture_errors = TRUE;  // the parser must not print; we report
  mrb_parser_state* parser = mrb_parse_nstring(mrb_, text.data(), text.size(), cxt);
  Status status;
  if (!parser) {
    status = Status::Limit("out of memory while parsing", Location{name, 0});
  } else if (parser->nerr > 0) {
    const auto& e = parser->error_buffer[0];
    status = SyntaxErrorStatus(name, text, e.message ? e.message : "", e.lineno);
    mrb_parser_free(parser);
  } else {
    RunConfigFile(mrb_, parser, cxt, &context_.code);  // frees the parser
    if (mrb_->exc) status = TakeException();
    // mruby's code generator gives up on an expression that needs more than 255 registers
    // (arrays or calls nested a few hundred deep); it prints "file:line: too complex expression"
    // to stderr itself and raises a bare ScriptError.
    if (status.message() == "ScriptError: codegen error") {
      status = Status::Limit("the code is too complex for the Ruby compiler (an expression nested too deeply)",
                             Location{name, 0},
                             "mruby cannot compile literals or calls nested a few hundred levels deep; build the "
                             "value in a loop (mruby printed the line on stderr)");
    }
  }
  mrbc_context_free(mrb_, cxt);
  mrb_gc_arena_restore(mrb_, arena);
  return status;
}

}  // namespace jetsam::vm
