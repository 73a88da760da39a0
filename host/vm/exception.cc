#include "vm/exception.h"

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/debug.h>
#include <mruby/error.h>
#include <mruby/irep.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <fmt/format.h>

namespace jetsam::vm {
namespace {

std::string ToStdString(mrb_state*, mrb_value v) {
  if (!mrb_string_p(v)) return {};
  return std::string(RSTRING_PTR(v), RSTRING_LEN(v));
}

// "config/jets/deploy.rb:12:in foo" -> {config/jets/deploy.rb, 12}
Location ParseBacktraceLine(const std::string& entry) {
  size_t colon = entry.find(':');
  while (colon != std::string::npos) {
    size_t end = colon + 1;
    while (end < entry.size() && isdigit(static_cast<unsigned char>(entry[end]))) ++end;
    if (end > colon + 1 && (end == entry.size() || entry[end] == ':')) {
      return Location{entry.substr(0, colon), std::stoi(entry.substr(colon + 1, end - colon - 1))};
    }
    colon = entry.find(':', colon + 1);
  }
  return {};
}

// mruby keeps the backtrace it records at a raise in the exception's hidden `backtrace` variable,
// packed (not an Array); set_backtrace puts an Array of the caller's own Strings there instead.
// (mruby internals: the variable's name and its packed form.)
bool BacktraceSetByRuby(mrb_state* mrb, mrb_value exc) {
  return mrb_array_p(mrb_iv_get(mrb, exc, mrb_intern_lit(mrb, "backtrace")));
}

// The original Kernel#raise and eval methods (C functions of mruby and its eval gem), called
// from the wrappers with the caller's own frame and arguments.
enum Wrapped { kRaise, kEval, kInstanceEval, kClassEval, kModuleEval, kWrapped };
mrb_func_t originals[kWrapped];

// Runs the original method; when an exception leaves it, the innermost config line on the stack
// is where it was raised (code compiled by eval is not a config file's own, so the line that
// called eval answers for it), unless a wrapper further in already said so.
// Code compiled from a string at a file and line of the caller's choosing: the lines it claims,
// which no error's backtrace is then believed to name.
void NoteClaim(mrb_state* mrb, Wrapped which) {
  VmContext* ctx = ContextOf(mrb);
  if (!ctx || which == kRaise) return;
  mrb_value a[4] = {mrb_nil_value(), mrb_nil_value(), mrb_nil_value(), mrb_nil_value()};
  mrb_get_args(mrb, "|oooo", &a[0], &a[1], &a[2], &a[3]);
  mrb_value code = a[0], file = which == kEval ? a[2] : a[1], line = which == kEval ? a[3] : a[2];
  if (!mrb_string_p(code) || !mrb_string_p(file)) return;
  if (ctx->claims.size() >= 4096) {
    ctx->claims_overflow = true;
    return;
  }
  int first = mrb_integer_p(line) ? static_cast<int>(mrb_integer(line)) : 1;
  int lines = 1;
  for (mrb_int i = 0; i < RSTRING_LEN(code); ++i) lines += RSTRING_PTR(code)[i] == '\n';
  ctx->claims.push_back({std::string(RSTRING_PTR(file), RSTRING_LEN(file)), first, first + lines});
}

mrb_value RunNoting(mrb_state* mrb, mrb_value self, Wrapped which) {
  NoteClaim(mrb, which);
  struct Call {
    mrb_func_t f;
    mrb_value self;
  } call{originals[which], self};
  mrb_bool failed = false;
  mrb_value result = mrb_protect_error(
      mrb, [](mrb_state* m, void* data) {
        auto* c = static_cast<Call*>(data);
        return c->f(m, c->self);
      },
      &call, &failed);
  if (!failed) return result;
  VmContext* ctx = ContextOf(mrb);
  if (ctx && !mrb_immediate_p(result) && ctx->raised != mrb_ptr(result)) {
    ctx->raised = mrb_ptr(result);
    ctx->raised_at = CallerLocation(mrb, &ctx->code);
  }
  mrb_exc_raise(mrb, result);
  return mrb_nil_value();  // not reached
}

mrb_value Raise(mrb_state* mrb, mrb_value self) { return RunNoting(mrb, self, kRaise); }
mrb_value Eval(mrb_state* mrb, mrb_value self) { return RunNoting(mrb, self, kEval); }
mrb_value InstanceEval(mrb_state* mrb, mrb_value self) { return RunNoting(mrb, self, kInstanceEval); }
mrb_value ClassEval(mrb_state* mrb, mrb_value self) { return RunNoting(mrb, self, kClassEval); }
mrb_value ModuleEval(mrb_state* mrb, mrb_value self) { return RunNoting(mrb, self, kModuleEval); }

void Wrap(mrb_state* mrb, RClass* c, const char* name, Wrapped which, mrb_func_t wrapper) {
  mrb_sym sym = mrb_intern_cstr(mrb, name);
  mrb_method_t m = mrb_method_search_vm(mrb, &c, sym);
  if (MRB_METHOD_UNDEF_P(m) || !MRB_METHOD_CFUNC_P(m)) return;
  mrb_func_t original = MRB_METHOD_CFUNC(m);
  if (original == wrapper) return;
  originals[which] = original;
  mrb_define_method(mrb, c, name, wrapper, MRB_ARGS_ANY());
}

}  // namespace

void ConfigCode::Add(const mrb_irep* root) {
  // mruby internals: an irep's nested ireps (blocks, methods, classes) are its `reps`.
  std::vector<const mrb_irep*> todo{root};
  while (!todo.empty()) {
    const mrb_irep* irep = todo.back();
    todo.pop_back();
    if (!irep || !ireps_.insert(irep).second) continue;
    for (int i = 0; i < irep->rlen; ++i) todo.push_back(irep->reps[i]);
  }
}

std::string WithoutAddresses(std::string text) {
  for (size_t at = text.find(":0x"); at != std::string::npos; at = text.find(":0x", at)) {
    size_t end = at + 3;
    while (end < text.size() && isxdigit(static_cast<unsigned char>(text[end]))) ++end;
    bool address = end >= at + 3 + 6 && end < text.size() && (text[end] == '>' || text[end] == ' ' || text[end] == '@');
    if (address) {
      text.erase(at, end - at);
    } else {
      at = end;
    }
  }
  return text;
}

VmContext* ContextOf(mrb_state* mrb) { return static_cast<VmContext*>(mrb->ud); }

void InstallRaiseSites(mrb_state* mrb) {
  Wrap(mrb, mrb->kernel_module, "raise", kRaise, Raise);
  Wrap(mrb, mrb->kernel_module, "eval", kEval, Eval);
  Wrap(mrb, mrb->object_class->super, "instance_eval", kInstanceEval, InstanceEval);  // BasicObject
  Wrap(mrb, mrb->module_class, "class_eval", kClassEval, ClassEval);
  Wrap(mrb, mrb->module_class, "module_eval", kModuleEval, ModuleEval);
}

Location ExceptionLocation(mrb_state* mrb, mrb_value exc) {
  if (BacktraceSetByRuby(mrb, exc)) return {};
  VmContext* ctx = ContextOf(mrb);
  auto claimed = [ctx](const Location& loc) {
    if (!ctx) return false;
    if (ctx->claims_overflow) return true;
    for (const auto& c : ctx->claims) {
      if (c.file == loc.file && loc.line >= c.first && loc.line <= c.last) return true;
    }
    return false;
  };
  mrb_value bt = mrb_exc_backtrace(mrb, exc);
  Location first;
  if (mrb_array_p(bt)) {
    for (mrb_int i = 0; i < RARRAY_LEN(bt); ++i) {
      Location loc = ParseBacktraceLine(ToStdString(mrb, mrb_ary_ref(mrb, bt, i)));
      if (loc.empty() || claimed(loc)) continue;
      // Code run by eval("...") or instance_eval("...") is "(eval)": name the config line that ran it.
      if (loc.file[0] != '(') return loc;
      if (first.empty()) first = loc;
    }
  }
  return first;
}

// The config line that raised `exc` (Kernel#raise, or an eval it left), or else its backtrace's.
Location ExceptionSite(mrb_state* mrb, mrb_value exc) {
  VmContext* ctx = ContextOf(mrb);
  if (ctx && ctx->raised == mrb_ptr(exc)) return ctx->raised_at;
  return ExceptionLocation(mrb, exc);
}

Status ExceptionToStatus(mrb_state* mrb, mrb_value exc, bool memory_exhausted, int64_t memory_limit,
                         const Location& refused_at) {
  Location where = ExceptionSite(mrb, exc);
  std::string cls = mrb_class_name(mrb, mrb_obj_class(mrb, exc));
  std::string msg = WithoutAddresses(ToStdString(mrb, mrb_funcall(mrb, exc, "message", 0)));
  if (mrb->exc) mrb->exc = nullptr;  // message itself failed: keep the class name
  if (cls == "NoMemoryError" || memory_exhausted) {
    if (where.empty()) where = refused_at;
    return Status::Limit(fmt::format("the config exceeded the memory limit of {} MiB", memory_limit >> 20),
                         where, "raise it with --memory-limit MIB if the config really needs more");
  }
  if (cls == "SystemStackError") {
    return Status::Limit("stack level too deep (runaway recursion)", where,
                         "a method or block calls itself without end");
  }
  if (cls == "SyntaxError") {
    return Status::Config("syntax error: " + msg, where);
  }
  if (cls == "Jetsam::ConfigError") return Status::Config(msg, where);  // jetsam's own words
  return Status::Config(fmt::format("{}: {}", cls, msg), where);
}

namespace {

// The line a Ruby frame is at, if its irep has line information (`code`: and is a config file's).
Location FrameLocation(mrb_state* mrb, const mrb_callinfo* ci, const ConfigCode* code) {
  const RProc* proc = ci->proc;
  if (!proc || MRB_PROC_CFUNC_P(proc) || !ci->pc) return {};
  const mrb_irep* irep = proc->body.irep;
  if (!irep || !irep->debug_info) return {};
  if (code && !code->Contains(irep)) return {};
  ptrdiff_t idx = ci->pc - irep->iseq;
  if (idx > 0) --idx;  // pc has moved past the call
  int32_t line = mrb_debug_get_line(mrb, irep, static_cast<uint32_t>(idx));
  const char* file = mrb_debug_get_filename(mrb, irep, static_cast<uint32_t>(idx));
  if (line > 0 && file) return Location{file, line};
  return {};
}

}  // namespace

Location CallerLocation(mrb_state* mrb, const ConfigCode* code) {
  // mruby internals: the frames of each fiber (ci down to cibase), and the fiber that resumed it.
  for (const mrb_context* c = mrb->c; c; c = c->prev) {
    for (const mrb_callinfo* ci = c->ci; ci && ci >= c->cibase; --ci) {
      Location loc = FrameLocation(mrb, ci, code);
      if (!loc.empty()) return loc;
    }
    if (!code) break;  // the old reading: this fiber only
  }
  return {};
}

StackMark CurrentStackMark(mrb_state* mrb) { return StackMark{mrb->c, mrb->c->ci - mrb->c->cibase}; }

Caller FindCaller(mrb_state* mrb, const ConfigCode& code, const std::vector<StackMark>& marks) {
  for (const mrb_context* c = mrb->c; c; c = c->prev) {
    for (const mrb_callinfo* ci = c->ci; ci && ci >= c->cibase; --ci) {
      ptrdiff_t depth = ci - c->cibase;
      for (const StackMark& m : marks) {
        if (m.context == c && m.depth == depth) return Caller{{}, true};
      }
      Location loc = FrameLocation(mrb, ci, &code);
      if (!loc.empty()) return Caller{std::move(loc), false};
    }
  }
  return {};
}

}  // namespace jetsam::vm
