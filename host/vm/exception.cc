#include "vm/exception.h"

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <fmt/format.h>

#include "vm/mruby_shim.h"

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


// Kernel#raise and the eval methods, whose original C functions the wrappers call with the
// caller's own frame and arguments (vm/mruby_shim.h: DefineWrapper).
enum Wrapped { kRaise, kEval, kInstanceEval, kClassEval, kModuleEval };

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

// Runs the original method; when an exception leaves it, the innermost config line on the stack
// is where it was raised (code compiled by eval is not a config file's own, so the line that
// called eval answers for it), unless a wrapper further in already said so.
mrb_value RunNoting(mrb_state* mrb, mrb_value self) {
  NoteClaim(mrb, static_cast<Wrapped>(shim::WrappedData(mrb)));
  struct Call {
    mrb_func_t f;
    mrb_value self;
  } call{shim::WrappedOriginal(mrb), self};
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

void Wrap(mrb_state* mrb, RClass* c, const char* name, Wrapped which) {
  mrb_func_t original = shim::OwnCFunction(mrb, c, name);
  if (original && original != RunNoting) shim::DefineWrapper(mrb, c, name, RunNoting, original, which);
}

}  // namespace

void ConfigCode::Add(const RProc* file) {
  for (const void* code : shim::CodeOf(file)) code_.insert(code);
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
  Wrap(mrb, mrb->kernel_module, "raise", kRaise);
  Wrap(mrb, mrb->kernel_module, "eval", kEval);
  Wrap(mrb, mrb->object_class->super, "instance_eval", kInstanceEval);  // BasicObject
  Wrap(mrb, mrb->module_class, "class_eval", kClassEval);
  Wrap(mrb, mrb->module_class, "module_eval", kModuleEval);
}

Location ExceptionLocation(mrb_state* mrb, mrb_value exc) {
  if (shim::BacktraceSetByRuby(mrb, exc)) return {};
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

Location CallerLocation(mrb_state* mrb, const ConfigCode* code) {
  if (!code) return shim::InnermostRubyLocation(mrb);
  Location found;
  shim::VisitFrames(mrb, [&](const shim::Frame& f) {
    if (!f.code || !code->Contains(f.code)) return true;
    found = shim::FrameLine(mrb, f);
    return found.empty();
  });
  return found;
}

StackMark CurrentStackMark(mrb_state* mrb) {
  shim::Frame f = shim::CurrentFrame(mrb);
  return StackMark{f.fiber, f.depth};
}

Caller FindCaller(mrb_state* mrb, const ConfigCode& code, const std::vector<StackMark>& marks) {
  Caller caller;
  shim::VisitFrames(mrb, [&](const shim::Frame& f) {
    for (const StackMark& m : marks) {
      if (m.context == f.fiber && m.depth == f.depth) {
        caller.defaults = true;
        return false;
      }
    }
    if (!f.code || !code.Contains(f.code)) return true;
    caller.where = shim::FrameLine(mrb, f);
    return caller.where.empty();
  });
  return caller;
}

}  // namespace jetsam::vm
