// What Ruby code may read of the checkout, and Ruby it may run: the natives behind File, Dir,
// Pathname, require_relative, load and ERB (mrblib/stdlib/*.rb). The files were read by the
// host before the evaluation (checkout_files.cc); here paths are resolved against the checkout,
// never against the machine.
#include "eval/checkout_native.h"

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/compile.h>
#include <mruby/error.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "eval/runtime.h"
#include "vm/exception.h"
#include "vm/heap.h"
#include "vm/mruby_shim.h"

namespace jetsam::eval {
namespace {

// mruby raises with longjmp: the helpers that hold std::string return before anything is raised;
// the messages they hand back live in fixed buffers.

constexpr int64_t kCompileAllowance = 64ll << 20;  // as vm.cc gives a config file's compilation

struct Resolved {
  enum Kind { kConfig, kOutside, kElsewhere } kind = kOutside;
  std::string rel;  // relative to the checkout, "config/..."
};

// `path` as the checkout's relative path: absolute paths must lie in the checkout, relative ones
// start from `base` (a directory of the checkout, "" for its root); ".." may not leave it.
Resolved Resolve(const CheckoutFiles& checkout, const std::string& path, const std::string& base) {
  Resolved r;
  std::string rest;
  if (!path.empty() && path[0] == '/') {
    const std::string& root = checkout.root;
    if (root.empty() || path.compare(0, root.size(), root) != 0 || (path.size() > root.size() && path[root.size()] != '/')) {
      return r;  // outside
    }
    rest = path.substr(std::min(path.size(), root.size() + 1));
  } else {
    rest = base.empty() ? path : base + "/" + path;
  }
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find('/', start);
    if (end == std::string::npos) end = rest.size();
    std::string part = rest.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return r;  // leaves the checkout
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    start = end + 1;
  }
  for (size_t i = 0; i < parts.size(); ++i) r.rel += (i ? "/" : "") + parts[i];
  r.kind = !parts.empty() && parts[0] == "config" ? Resolved::kConfig : Resolved::kElsewhere;
  return r;
}

const CheckoutFiles* Checkout(mrb_state* mrb) {
  static const CheckoutFiles kNone;
  const Recorder* r = RecorderOf(mrb);
  return r && r->facts.checkout ? r->facts.checkout : &kNone;
}

// The directory of the config file whose code is running ("config/jets"), for require_relative.
std::string CallerDirectory(mrb_state* mrb) {
  Origin o = Who(mrb);
  const std::string& file = o.where.file;
  size_t slash = file.rfind('/');
  return slash == std::string::npos ? "" : file.substr(0, slash);
}

struct Stat {
  enum Kind { kFile, kDirectory, kMissing, kRefused } kind = kMissing;
  char reason[200] = {0};
  const CheckoutFile* file = nullptr;
  const std::string* rel = nullptr;  // the map's own key: stable while the evaluation runs
};

Stat Look(mrb_state* mrb, const char* path, size_t n, const std::string& base) {
  Stat s;
  const CheckoutFiles& c = *Checkout(mrb);
  Resolved r = Resolve(c, std::string(path, n), base);
  auto refuse = [&](const std::string& why) {
    s.kind = Stat::kRefused;
    std::snprintf(s.reason, sizeof s.reason, "%s", why.c_str());
  };
  if (r.kind == Resolved::kOutside) {
    refuse("it is outside the checkout");
  } else if (r.kind == Resolved::kElsewhere) {
    refuse("jetsam reads the checkout's config/ only");
  } else if (auto it = c.files.find(r.rel); it != c.files.end()) {
    if (!it->second.refused.empty()) {
      refuse(it->second.refused);
    } else {
      s.kind = Stat::kFile;
      s.file = &it->second;
      s.rel = &it->first;
    }
  } else if (auto d = c.dirs.find(r.rel); d != c.dirs.end()) {
    s.kind = Stat::kDirectory;
    s.rel = &*d;
  } else if (!c.unavailable.empty()) {
    refuse(c.unavailable);
  }
  return s;
}

// Host.file_stat(path): :file, :directory, nil (no such file), or a String saying why the
// sandbox will not look.
mrb_value FileStat(mrb_state* mrb, mrb_value) {
  const char* path;
  mrb_int n;
  mrb_get_args(mrb, "s", &path, &n);
  Stat s = Look(mrb, path, static_cast<size_t>(n), "");
  switch (s.kind) {
    case Stat::kFile: return mrb_symbol_value(mrb_intern_lit(mrb, "file"));
    case Stat::kDirectory: return mrb_symbol_value(mrb_intern_lit(mrb, "directory"));
    case Stat::kMissing: return mrb_nil_value();
    case Stat::kRefused: return mrb_str_new_cstr(mrb, s.reason);
  }
  return mrb_nil_value();
}

// Host.file_read(path): the text of a file file_stat called :file (nil otherwise).
mrb_value FileRead(mrb_state* mrb, mrb_value) {
  const char* path;
  mrb_int n;
  mrb_get_args(mrb, "s", &path, &n);
  Stat s = Look(mrb, path, static_cast<size_t>(n), "");
  if (s.kind != Stat::kFile) return mrb_nil_value();
  return mrb_str_new(mrb, s.file->text.data(), s.file->text.size());
}

mrb_value CheckoutRoot(mrb_state* mrb, mrb_value) {
  const std::string& root = Checkout(mrb)->root;
  return root.empty() ? mrb_str_new_lit(mrb, ".") : mrb_str_new(mrb, root.data(), root.size());
}

// Host.checkout_paths: every file and directory of config/ the host read, relative, sorted.
mrb_value CheckoutPaths(mrb_state* mrb, mrb_value) {
  const CheckoutFiles& c = *Checkout(mrb);
  mrb_value out = mrb_ary_new_capa(mrb, static_cast<mrb_int>(c.files.size() + c.dirs.size()));
  for (const auto& [rel, file] : c.files) {
    if (file.refused.empty()) mrb_ary_push(mrb, out, mrb_str_new(mrb, rel.data(), rel.size()));
  }
  for (const auto& rel : c.dirs) mrb_ary_push(mrb, out, mrb_str_new(mrb, rel.data(), rel.size()));
  return out;
}

// --- running Ruby files and templates --------------------------------------------------------

struct Compiled {
  RProc* proc = nullptr;
  bool raised = false;  // `error` holds the exception
  mrb_value error = mrb_nil_value();
  char message[400] = {0};  // a syntax error, to raise as SyntaxError
};

struct CompileJob {
  const char* name;
  const char* text;
  size_t size;
  int line;
  Compiled* out;
};

mrb_value CompileBody(mrb_state* mrb, void* data) {
  auto* job = static_cast<CompileJob*>(data);
  mrbc_context* cxt = mrbc_context_new(mrb);
  mrbc_filename(mrb, cxt, job->name);
  cxt->capture_errors = TRUE;
  cxt->lineno = static_cast<uint16_t>(std::clamp(job->line, 1, 65535));
  mrb_parser_state* parser = mrb_parse_nstring(mrb, job->text, job->size, cxt);
  if (!parser) {
    mrbc_context_free(mrb, cxt);
    mrb_raise(mrb, E_RUNTIME_ERROR, "out of memory while parsing");
  }
  if (parser->nerr > 0) {
    const auto& e = parser->error_buffer[0];
    std::snprintf(job->out->message, sizeof job->out->message, "%s:%d: %s", job->name, e.lineno,
                  e.message ? e.message : "syntax error");
    mrb_parser_free(parser);
    mrbc_context_free(mrb, cxt);
    return mrb_nil_value();
  }
  bool gave_up = false;
  job->out->proc = vm::shim::Compile(mrb, parser, cxt, &gave_up);
  mrbc_context_free(mrb, cxt);
  if (!job->out->proc && gave_up) {
    std::snprintf(job->out->message, sizeof job->out->message, "%s: the code is too complex for the Ruby compiler",
                  job->name);
  } else if (!job->out->proc && mrb->exc) {
    mrb_value exc = mrb_obj_value(mrb->exc);
    mrb->exc = nullptr;
    mrb_exc_raise(mrb, exc);
  }
  return mrb_nil_value();
}

// Parses and compiles with memory to spare beyond the evaluation's limit, as the VM does for a
// config file: mruby's code generator crashes rather than raise when it runs out.
Compiled CompileRuby(mrb_state* mrb, const char* name, const char* text, size_t size, int line) {
  Compiled out;
  auto* heap = static_cast<vm::Heap*>(mrb->allocf_ud);
  const int64_t limit = heap->limit;
  heap->limit = std::max<int64_t>(limit, heap->in_use + kCompileAllowance);
  CompileJob job{name, text, size, line, &out};
  mrb_bool failed = false;
  mrb_value exc = mrb_protect_error(mrb, CompileBody, &job, &failed);
  heap->limit = limit;
  if (failed) {
    out.raised = true;
    out.error = exc;
  } else if (out.proc && heap->in_use > limit) {
    out.proc = nullptr;
    out.raised = true;
    out.error = mrb_obj_value(mrb->nomem_err);
  }
  return out;
}

mrb_value RunAtTopLevel(mrb_state* mrb, RProc* proc) {
  MRB_PROC_SET_TARGET_CLASS(proc, mrb->object_class);
  return mrb_yield_with_class(mrb, mrb_obj_value(proc), 0, nullptr, mrb_top_self(mrb), mrb->object_class);
}

[[noreturn]] void RaiseCompiled(mrb_state* mrb, const Compiled& c) {
  if (c.raised) mrb_exc_raise(mrb, c.error);
  mrb_raise(mrb, mrb_class_get(mrb, "ScriptError"), c.message);
}

struct LoadPlan {
  const std::string* rel = nullptr;  // the file to run, or null
  bool already = false;              // required before: nothing to do
  char refused[320] = {0};           // a SecurityError's message
  char missing[320] = {0};           // a LoadError's message
};

LoadPlan PlanLoad(mrb_state* mrb, const char* path, size_t n, bool once, const char* how) {
  LoadPlan plan;
  Recorder* r = RecorderOf(mrb);
  std::string name(path, n);
  const bool relative_to_caller = std::string(how) == "require_relative";
  std::string base = relative_to_caller ? CallerDirectory(mrb) : "";
  Stat s = Look(mrb, name.data(), name.size(), base);
  if (s.kind == Stat::kMissing && (name.size() < 3 || name.compare(name.size() - 3, 3, ".rb") != 0)) {
    std::string with_rb = name + ".rb";
    Stat t = Look(mrb, with_rb.data(), with_rb.size(), base);
    if (t.kind != Stat::kMissing) s = t;
  }
  if (s.kind == Stat::kRefused) {
    std::snprintf(plan.refused, sizeof plan.refused, "jetsam's sandbox refuses %s %s: %s", how,
                  vm::WithoutAddresses('"' + name + '"').c_str(), s.reason);
  } else if (s.kind != Stat::kFile) {
    std::snprintf(plan.missing, sizeof plan.missing, "cannot load such file -- %s", name.c_str());
  } else {
    const bool seen = r && std::find(r->loaded.begin(), r->loaded.end(), *s.rel) != r->loaded.end();
    if (once && seen) {
      plan.already = true;
    } else {
      if (r && !seen) r->loaded.push_back(*s.rel);
      plan.rel = s.rel;
    }
  }
  return plan;
}

// Host.load_ruby(path, once, how): runs a Ruby file of the checkout's config/ at top level, as
// the config's own code (its lines are origins). once: require semantics (false if loaded).
mrb_value LoadRuby(mrb_state* mrb, mrb_value) {
  const char* path;
  mrb_int n;
  mrb_bool once;
  const char* how;
  mrb_get_args(mrb, "sbz", &path, &n, &once, &how);
  LoadPlan plan = PlanLoad(mrb, path, static_cast<size_t>(n), once, how);
  if (plan.refused[0]) mrb_raise(mrb, mrb_class_get(mrb, "SecurityError"), plan.refused);
  if (plan.missing[0]) mrb_raise(mrb, mrb_class_get(mrb, "LoadError"), plan.missing);
  if (plan.already) return mrb_false_value();
  const CheckoutFile& file = Checkout(mrb)->files.at(*plan.rel);
  Compiled c = CompileRuby(mrb, plan.rel->c_str(), file.text.data(), file.text.size(), 1);
  if (!c.proc) RaiseCompiled(mrb, c);
  // The file's code is the config's own, and stays alive for the evaluation (vm.cc does the same).
  vm::ContextOf(mrb)->code.Add(c.proc);
  Keep(mrb, mrb_obj_value(c.proc));
  RunAtTopLevel(mrb, c.proc);
  return mrb_true_value();
}

// Host.template(code, name, line): runs Ruby that ERB compiled, at top level. It is not the
// config's own code: what it does is the doing of the config line that asked (as with eval).
mrb_value Template(mrb_state* mrb, mrb_value) {
  mrb_value code;
  const char* name;
  mrb_int line;
  mrb_get_args(mrb, "Szi", &code, &name, &line);
  (void)name;  // the template's own name could claim any file: it runs as "(erb)"
  Compiled c = CompileRuby(mrb, "(erb)", RSTRING_PTR(code), static_cast<size_t>(RSTRING_LEN(code)),
                           static_cast<int>(line));
  if (!c.proc) RaiseCompiled(mrb, c);
  return RunAtTopLevel(mrb, c.proc);
}

mrb_value RubyCopy(mrb_state* mrb, void* text) {
  const auto* s = static_cast<const std::string*>(text);
  return mrb_str_new(mrb, s->data(), s->size());
}

// Host.caller_dir: the absolute directory of the config file whose code runs (Kernel#__dir__).
mrb_value CallerDir(mrb_state* mrb, mrb_value) {
  mrb_value out;
  {
    std::string dir = CallerDirectory(mrb);
    const std::string& root = Checkout(mrb)->root;
    std::string path = (root.empty() ? std::string(".") : root) + (dir.empty() ? "" : "/" + dir);
    // Caught: a raise (out of memory) must not cross this block's strings (mruby's longjmp).
    out = vm::CallCaught(mrb, RubyCopy, &path, mrb_undef_value());
  }
  if (mrb_undef_p(out)) mrb_exc_raise(mrb, mrb_obj_value(mrb->nomem_err));
  return out;
}

// Host.note(code, message, hint): a warning at the config line that is running.
mrb_value Note(mrb_state* mrb, mrb_value) {
  const char *code, *message, *hint;
  mrb_get_args(mrb, "zzz", &code, &message, &hint);
  Recorder* r = RecorderOf(mrb);
  if (r && r->notices.size() < 1000) {
    Origin o = Who(mrb);
    Notice notice;
    notice.code = code;
    notice.severity = Notice::Severity::kWarning;
    notice.message = message;
    notice.hint = hint;
    notice.where = o.defaults ? Location{} : o.where;
    bool repeated = false;
    for (const auto& n : r->notices) repeated = repeated || (n.message == notice.message && n.where == notice.where);
    if (!repeated) r->notices.push_back(std::move(notice));
  }
  return mrb_nil_value();
}

// Host.allow_require?(name): whether --allow-require named it.
mrb_value AllowRequire(mrb_state* mrb, mrb_value) {
  const char* name;
  mrb_int n;
  mrb_get_args(mrb, "s", &name, &n);
  const Recorder* r = RecorderOf(mrb);
  if (!r) return mrb_false_value();
  const auto& allowed = r->facts.allow_require;
  return mrb_bool_value(std::find(allowed.begin(), allowed.end(), std::string(name, n)) != allowed.end());
}

}  // namespace

void InstallCheckoutNative(mrb_state* mrb, RClass* host) {
  mrb_define_module_function(mrb, host, "file_stat", FileStat, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "file_read", FileRead, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, host, "checkout_root", CheckoutRoot, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, host, "checkout_paths", CheckoutPaths, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, host, "load_ruby", LoadRuby, MRB_ARGS_REQ(3));
  mrb_define_module_function(mrb, host, "template", Template, MRB_ARGS_REQ(3));
  mrb_define_module_function(mrb, host, "note", Note, MRB_ARGS_REQ(3));
  mrb_define_module_function(mrb, host, "caller_dir", CallerDir, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, host, "allow_require?", AllowRequire, MRB_ARGS_REQ(1));
}

}  // namespace jetsam::eval
