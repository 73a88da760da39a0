#include "vm/vm.h"

#include <mruby.h>
#include <mruby/compile.h>
#include <mruby/irep.h>
#include <mruby/string.h>
#include <mruby/array.h>
#include <mruby/variable.h>
#include <mruby/error.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "vm/heap.h"
#include "vm/open_vm.h"
#include "vm/warm_start.h"
#include "vm/exception.h"
#include "vm/mruby_shim.h"

namespace jetsam::vm {

// The memory a VM may use while it is built: far more than it needs (some hundreds of KB).
constexpr int64_t kVmBuildLimit = 64ll << 20;
// The memory parsing and compiling one file may use beyond the evaluation's limit (files are
// capped at a few MiB when read).
constexpr int64_t kCompileAllowance = 64ll << 20;
// What reading a raised exception may take past the limit (its backtrace and message).
constexpr int64_t kReportAllowance = 1ll << 20;

namespace {

// The compiled code of files this process parses again and again (jetsam run's variants evaluate
// the same checkout's files once each; the sidecar, at each change): mruby bytecode with its
// debug information, read back rather than parsed and compiled again. A file's code is kept
// from its second compile on, so that a file compiled once costs no dump.
class CodeCache {
 public:
  static CodeCache& Get() {
    static CodeCache* cache = new CodeCache;  // never destroyed: children exit without it
    return *cache;
  }

  // The kept bytecode of `name` holding `text`, or null. Entries are never removed: the pointer
  // stays valid.
  const std::string* Find(const std::string& name, const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = kept_.find(Key(name, text));
    if (it == kept_.end() || it->second.name != name || it->second.text != text) return nullptr;
    return &it->second.code;
  }

  // Notes a compile of the file; true when it was compiled before (its code is worth keeping).
  bool CompiledBefore(const std::string& name, const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (seen_.size() >= kMaxSeen) return false;
    return !seen_.insert(Key(name, text)).second;
  }

  void Keep(const std::string& name, const std::string& text, const uint8_t* code, size_t size) {
    std::lock_guard<std::mutex> lock(mutex_);
    const size_t bytes = name.size() + text.size() + size;
    if (bytes_ + bytes > kMaxBytes) return;
    try {
      kept_.emplace(Key(name, text), Entry{name, text, std::string(reinterpret_cast<const char*>(code), size)});
      bytes_ += bytes;
    } catch (const std::bad_alloc&) {  // then it is parsed again next time
    }
  }

 private:
  static constexpr size_t kMaxBytes = 32u << 20;
  static constexpr size_t kMaxSeen = 1u << 16;
  struct Entry {
    std::string name, text, code;
  };
  static size_t Key(const std::string& name, const std::string& text) {
    return std::hash<std::string_view>{}(text) * 31 + std::hash<std::string_view>{}(name);
  }
  std::mutex mutex_;
  std::unordered_map<size_t, Entry> kept_;
  std::unordered_set<size_t> seen_;
  size_t bytes_ = 0;
};

struct Dump {
  RProc* proc;
  uint8_t* bytes = nullptr;
  size_t size = 0;
  bool ok = false;
};

mrb_value DumpBody(mrb_state* mrb, void* data) {
  auto* d = static_cast<Dump*>(data);
  d->ok = shim::DumpCompiled(mrb, d->proc, &d->bytes, &d->size);
  return mrb_nil_value();
}

// Keeps the code of a file compiled for the second time (CodeCache). The dump runs under a
// handler: out of memory, the code is simply not kept.
void KeepCode(mrb_state* mrb, RProc* proc, const std::string& name, const std::string& text) {
  Dump d{proc};
  mrb_bool failed = false;
  mrb_protect_error(mrb, DumpBody, &d, &failed);
  if (failed) mrb->exc = nullptr;
  if (d.ok && !failed) CodeCache::Get().Keep(name, text, d.bytes, d.size);
  if (d.bytes) mrb_free(mrb, d.bytes);
}

// The Object variable holding the config files' code (a name Ruby cannot spell: no "@").
constexpr const char kConfigFilesName[] = "jetsam config files";

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

// A parser error made readable (shim::ReadParserError): "syntax error, unexpected $end, expecting keyword_end"
// becomes "syntax error: unexpected end of file, expecting `end`", at a line the file has.
Status SyntaxErrorStatus(const std::string& name, const std::string& text, std::string msg, int line) {
  if (shim::IsParserStackOverflow(msg.c_str())) {  // the parser's own stack, not the VM's heap
    return Status::Limit("the code is nested too deeply for the Ruby parser", Location{name, line},
                         "a literal or expression nested thousands of levels deep is not a config; build it in a loop");
  }
  shim::ParserError error = shim::ReadParserError(std::move(msg));
  std::vector<std::string> lines = Lines(text);
  const int last = std::max<int>(1, static_cast<int>(lines.size()));
  bool at_eof = line >= last || error.at_end_of_file;
  if (line > last) line = last;
  std::string hint = "check the Ruby syntax at this line";
  if (at_eof) {
    int open = UnclosedBlockLine(lines);
    hint = open > 0 ? fmt::format("the file ended inside a block: the `do`/`def`/`if` at line {} ({}) seems to have no `end`",
                                  open, Code(lines[open - 1]))
                    : "the file ended inside a block, string or bracket: look for a `do`, `def`, `if`, quote or "
                      "bracket that is never closed";
  }
  return Status::Config("syntax error: " + error.text, Location{name, line}, hint)
      .WithRubyError(RubyError{RubyError::Kind::kSyntaxError, {}});
}


}  // namespace

namespace {

// A bug in jetsam's own Ruby or natives: said loudly rather than run with half of it.
void ReportBuildFailure(mrb_state* mrb, Heap* heap, const char* what) {
  Status s = Status::Internal("no exception");
  if (mrb->exc) {
    mrb_value exc = mrb_obj_value(mrb->exc);
    mrb->exc = nullptr;
    s = ExceptionToStatus(mrb, exc, heap->exhausted, heap->limit, heap->refused_at);
  }
  fmt::print(stderr, "jetsam: internal error {}: {}\n", what, s.message());
}

struct Install {
  const Blueprint* blueprint;
  void* world;
  bool ok;
};

mrb_value RunInstall(mrb_state* mrb, void* data) {
  auto* call = static_cast<Install*>(data);
  call->ok = call->blueprint->install(mrb, call->world);
  return mrb_nil_value();
}

}  // namespace

mrb_state* OpenVm(Heap* heap, const Blueprint* blueprint, void* world) {
  mrb_state* mrb = mrb_open_core(HeapAllocate, heap);
  if (!mrb) return nullptr;
  int arena = mrb_gc_arena_save(mrb);
  shim::InitAllowedGems(mrb);
  RClass* kernel = mrb->kernel_module;
  for (const char* name : kRemovedKernelMethods) {
    mrb_sym sym = mrb_intern_cstr(mrb, name);
    if (mrb_obj_respond_to(mrb, kernel, sym)) mrb_undef_method(mrb, kernel, name);
  }
  InstallRaiseSites(mrb);
  if (blueprint && blueprint->prelude) mrb_load_irep(mrb, blueprint->prelude);
  if (mrb->exc) {
    ReportBuildFailure(mrb, heap, "loading the Ruby prelude (mrblib)");
    mrb_close(mrb);
    return nullptr;
  }
  if (blueprint && blueprint->install) {
    Install call{blueprint, world, false};
    mrb_bool raised = FALSE;
    mrb_value exc = mrb_protect_error(mrb, RunInstall, &call, &raised);
    if (raised) mrb->exc = mrb_obj_ptr(exc);
    if (raised || !call.ok || blueprint->world_size > kMaxWorld) {
      ReportBuildFailure(mrb, heap, "installing the config's runtime");
      mrb_close(mrb);
      return nullptr;
    }
  }
  // Interned once, with the VM (last: the prelude's symbols keep their numbers, and with them
  // the order in which mruby lists instance variables).
  mrb_intern_static(mrb, kConfigFilesName, sizeof kConfigFilesName - 1);
  mrb_gc_arena_restore(mrb, arena);
  return mrb;
}

Vm::Vm(int64_t memory_limit, Start start, const Blueprint* blueprint) { StartFresh(memory_limit, start, blueprint); }

void Vm::StartFresh(int64_t memory_limit, Start start, const Blueprint* blueprint) {
  WarmVm warm;
  if (start == Start::kWarm && AcquireWarmVm(memory_limit, blueprint, &warm)) {
    TakeWarm(warm, blueprint);
  } else {
    owned_heap_ = std::make_unique<Heap>();
    heap_ = owned_heap_.get();
    // mruby's gem initialisers exit the process when they fail, so the VM is built with room to
    // spare and held to `memory_limit` only once built (as the prepared VM is).
    SetLimit(heap_, std::max<int64_t>(memory_limit, kVmBuildLimit));
    mrb_ = OpenVm(heap_, blueprint, own_world_);
    if (mrb_ && heap_->in_use > memory_limit) {
      mrb_close(mrb_);
      mrb_ = nullptr;
    }
    SetLimit(heap_, memory_limit);
    if (blueprint && blueprint->install) context_.world = own_world_;
  }
  if (mrb_) mrb_->ud = &context_;
}

Vm::Vm(int64_t memory_limit, const VmSnapshot& snapshot, const Blueprint* blueprint) {
  WarmVm warm;
  if (!snapshot.warm || snapshot.warm->blueprint != blueprint || !AcquireWarmVmAt(memory_limit, *snapshot.warm, &warm)) {
    StartFresh(memory_limit, Start::kWarm, blueprint);
    return;
  }
  context_ = snapshot.context;
  context_.user = nullptr;
  TakeWarm(warm, blueprint);
  resumed_ = true;
  mrb_->ud = &context_;
}

void Vm::TakeWarm(const WarmVm& warm, const Blueprint* blueprint) {
  heap_ = warm.heap;
  mrb_ = warm.mrb;
  context_.world = warm.world;
  warm_ = true;
  blueprint_ = blueprint;
}

VmSnapshot::~VmSnapshot() = default;

std::unique_ptr<VmSnapshot> Vm::Snapshot(size_t max_bytes) const {
  if (!warm_ || !mrb_ || mrb_->exc) return nullptr;
  auto snapshot = std::make_unique<VmSnapshot>();
  snapshot->warm = SaveWarmState(blueprint_, max_bytes);
  if (!snapshot->warm) return nullptr;
  snapshot->context = context_;
  snapshot->bytes = sizeof *snapshot + snapshot->warm->image->size + 64 * context_.claims.size();
  return snapshot;
}

Vm::~Vm() {
  if (warm_) {
    ReleaseWarmVm(blueprint_);
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

namespace {

struct ProtectedCall {
  const std::function<Status()>* body;
  Status status;
};

mrb_value RunProtectedCall(mrb_state*, void* data) {
  auto* call = static_cast<ProtectedCall*>(data);
  call->status = (*call->body)();
  return mrb_nil_value();
}

}  // namespace

Status Vm::Protect(const std::function<Status()>& body) {
  ProtectedCall call{&body, Status::Ok()};
  mrb_bool raised = FALSE;
  mrb_value exc = mrb_protect_error(mrb_, RunProtectedCall, &call, &raised);
  if (!raised) return call.status;
  // Reading the exception (its backtrace, its message) allocates, with no handler left to catch
  // a second NoMemoryError: at the limit, that would abort the process. It gets room to do so.
  const int64_t limit = heap_->limit;
  heap_->limit = std::max<int64_t>(limit, heap_->in_use + kReportAllowance);
  Status status = ExceptionToStatus(mrb_, exc, heap_->exhausted, limit, heap_->refused_at);
  heap_->limit = limit;
  return status;
}

Status Vm::LoadFile(const std::string& name, const std::string& text) {
  int arena = mrb_gc_arena_save(mrb_);
  // Making the parser's context, parsing and code generation raise NoMemoryError near the
  // limit, with no handler of mruby's own around them: under Protect, that is "out of memory",
  // not an aborted process.
  mrbc_context* cxt = nullptr;
  Status status = Protect([&] {
    cxt = mrbc_context_new(mrb_);
    mrbc_filename(mrb_, cxt, name.c_str());
    cxt->capture_errors = TRUE;  // the parser must not print; we report
    return ParseAndRun(name, text, cxt);
  });
  if (cxt) mrbc_context_free(mrb_, cxt);
  mrb_gc_arena_restore(mrb_, arena);
  return status;
}

Status Vm::ParseAndRun(const std::string& name, const std::string& text, mrbc_context* cxt) {
  // Parsing and compiling get memory to spare: mruby's code generator crashes rather than raise
  // when it runs out, and what they need is bounded by the file's size (capped when read). The
  // file's code then runs under the evaluation's own limit.
  const int64_t limit = heap_->limit;
  heap_->limit = std::max<int64_t>(limit, heap_->in_use + kCompileAllowance);
  if (const std::string* code = CodeCache::Get().Find(name, text)) {
    RProc* proc = shim::LoadCompiled(mrb_, cxt, reinterpret_cast<const uint8_t*>(code->data()), code->size());
    heap_->limit = limit;
    if (!proc || heap_->in_use > limit) {
      heap_->exhausted = true;
      if (mrb_->exc) return TakeException();
      return ExceptionToStatus(mrb_, mrb_obj_value(mrb_->nomem_err), true, limit, Location{name, 0});
    }
    return RunCompiled(proc);
  }
  mrb_parser_state* parser = mrb_parse_nstring(mrb_, text.data(), text.size(), cxt);
  if (!parser) {
    heap_->limit = limit;
    return Status::Limit("out of memory while parsing", Location{name, 0});
  }
  if (parser->nerr > 0) {
    heap_->limit = limit;
    const auto& e = parser->error_buffer[0];
    Status status = SyntaxErrorStatus(name, text, e.message ? e.message : "", e.lineno);
    mrb_parser_free(parser);
    return status;
  }
  bool gave_up = false;
  RProc* proc = shim::Compile(mrb_, parser, cxt, &gave_up);
  if (proc && CodeCache::Get().CompiledBefore(name, text)) KeepCode(mrb_, proc, name, text);
  heap_->limit = limit;
  if (gave_up) {
    // mruby's code generator gives up on an expression that needs more than 255 registers
    // (arrays or calls nested a few hundred deep); it prints "file:line: too complex expression"
    // to stderr itself.
    return Status::Limit("the code is too complex for the Ruby compiler (an expression nested too deeply)",
                         Location{name, 0},
                         "mruby cannot compile literals or calls nested a few hundred levels deep; build the "
                         "value in a loop (mruby printed the line on stderr)");
  }
  if (!proc || heap_->in_use > limit) {
    heap_->exhausted = true;
    if (mrb_->exc) return TakeException();
    return ExceptionToStatus(mrb_, mrb_obj_value(mrb_->nomem_err), true, limit, Location{name, 0});
  }
  return RunCompiled(proc);
}

Status Vm::RunCompiled(RProc* proc) {
  // The file's code is the config's own (ConfigCode), and stays referenced for the VM's life, so
  // that no other code can ever take its addresses: held under a name Ruby cannot spell (no "@"),
  // on Object, which every VM keeps alive.
  mrb_sym held = mrb_intern_static(mrb_, kConfigFilesName, sizeof kConfigFilesName - 1);
  mrb_value files = mrb_iv_get(mrb_, mrb_obj_value(mrb_->object_class), held);
  if (!mrb_array_p(files)) {
    files = mrb_ary_new(mrb_);
    mrb_iv_set(mrb_, mrb_obj_value(mrb_->object_class), held, files);
  }
  mrb_ary_push(mrb_, files, mrb_obj_value(proc));
  context_.code.Add(proc);
  shim::RunTopLevel(mrb_, proc);
  return mrb_->exc ? TakeException() : Status::Ok();
}

}  // namespace jetsam::vm
