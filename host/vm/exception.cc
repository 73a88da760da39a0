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

bool NextAddress(const char* text, size_t size, size_t from, size_t* start, size_t* end) {
  for (size_t at = from; at + 3 <= size; ++at) {
    if (text[at] != ':' || text[at + 1] != '0' || text[at + 2] != 'x') continue;
    size_t stop = at + 3;
    while (stop < size && isxdigit(static_cast<unsigned char>(text[stop]))) ++stop;
    if (stop >= at + 3 + 6 && stop < size && (text[stop] == '>' || text[stop] == ' ' || text[stop] == '@')) {
      *start = at;
      *end = stop;
      return true;
    }
    at = stop - 1;
  }
  return false;
}

std::string WithoutAddresses(std::string text) {
  size_t start, end, from = 0;
  while (NextAddress(text.data(), text.size(), from, &start, &end)) {
    text.erase(start, end - start);
    from = start;
  }
  return text;
}

VmContext* ContextOf(mrb_state* mrb) { return static_cast<VmContext*>(mrb->ud); }

mrb_value CallCaught(mrb_state* mrb, mrb_value (*body)(mrb_state*, void*), void* data, mrb_value fallback) {
  mrb_bool failed = FALSE;
  mrb_value result = mrb_protect_error(mrb, body, data, &failed);
  return failed ? fallback : result;
}

void InstallRaiseSites(mrb_state* mrb) {
  Wrap(mrb, mrb->kernel_module, "raise", kRaise);
  Wrap(mrb, mrb->kernel_module, "eval", kEval);
  Wrap(mrb, mrb->object_class->super, "instance_eval", kInstanceEval);  // BasicObject
  Wrap(mrb, mrb->module_class, "class_eval", kClassEval);
  Wrap(mrb, mrb->module_class, "module_eval", kModuleEval);
}

namespace {

mrb_value Backtrace(mrb_state* mrb, void* exc) { return mrb_exc_backtrace(mrb, *static_cast<mrb_value*>(exc)); }
mrb_value Message(mrb_state* mrb, void* exc) {
  return mrb_funcall_argv(mrb, *static_cast<mrb_value*>(exc), mrb_intern_lit(mrb, "message"), 0, nullptr);
}
mrb_value ClassName(mrb_state* mrb, void* exc) {
  const char* name = mrb_class_name(mrb, mrb_obj_class(mrb, *static_cast<mrb_value*>(exc)));
  return name ? mrb_str_new_cstr(mrb, name) : mrb_nil_value();
}

// The classes jetsam tells apart, a subclass before its superclass (NoMethodError < NameError).
struct KnownClass {
  const char* name;
  RubyError::Kind kind;
};
constexpr KnownClass kKnownClasses[] = {
    {"NoMethodError", RubyError::Kind::kNoMethodError}, {"NameError", RubyError::Kind::kNameError},
    {"KeyError", RubyError::Kind::kKeyError},           {"SyntaxError", RubyError::Kind::kSyntaxError},
    {"SystemExit", RubyError::Kind::kSystemExit},
};

// The kind of `exc` as an Integer: the first of the classes it is a kind of, by the classes the
// constants name (as mruby itself raises them), never by their names' text.
mrb_value KindOf(mrb_state* mrb, void* data) {
  mrb_value exc = *static_cast<mrb_value*>(data);
  for (const KnownClass& known : kKnownClasses) {
    mrb_sym name = mrb_intern_cstr(mrb, known.name);
    if (!mrb_const_defined(mrb, mrb_obj_value(mrb->object_class), name)) continue;  // SystemExit: scripts only
    mrb_value c = mrb_const_get(mrb, mrb_obj_value(mrb->object_class), name);
    if (mrb_type(c) == MRB_TT_CLASS && mrb_obj_is_kind_of(mrb, exc, mrb_class_ptr(c))) {
      return mrb_int_value(mrb, static_cast<mrb_int>(known.kind));
    }
  }
  return mrb_int_value(mrb, static_cast<mrb_int>(RubyError::Kind::kOther));
}

// What the exception says is missing: NameError#name (mruby 3.1 keeps it in @name, set by
// NameError#initialize and by the VM's own NameError and NoMethodError), or the @key a KeyError's
// raiser set (Ruby's KeyError#key). A Symbol or a String; nil for anything else.
struct Missing {
  mrb_value exc;
  const char* ivar;
};
mrb_value MissingName(mrb_state* mrb, void* data) {
  const auto* m = static_cast<const Missing*>(data);
  mrb_value v = mrb_iv_get(mrb, m->exc, mrb_intern_cstr(mrb, m->ivar));
  if (mrb_symbol_p(v)) return mrb_sym_str(mrb, mrb_symbol(v));
  return mrb_string_p(v) ? v : mrb_nil_value();
}

// The attribute that holds what an exception of `kind` says is missing, if it has one.
const char* MissingIvar(mrb_value kind) {
  if (!mrb_integer_p(kind)) return nullptr;
  switch (static_cast<RubyError::Kind>(mrb_integer(kind))) {
    case RubyError::Kind::kNameError:
    case RubyError::Kind::kNoMethodError: return "@name";
    case RubyError::Kind::kKeyError: return "@key";
    default: return nullptr;
  }
}

}  // namespace

Location ExceptionLocation(mrb_state* mrb, mrb_value exc) {
  if (shim::BacktraceSetByRuby(mrb, exc)) return {};
  // Every call that can raise is made before any C++ object of this frame exists.
  mrb_value bt = CallCaught(mrb, Backtrace, &exc, mrb_nil_value());
  VmContext* ctx = ContextOf(mrb);
  auto claimed = [ctx](const Location& loc) {
    if (!ctx) return false;
    if (ctx->claims_overflow) return true;
    for (const auto& c : ctx->claims) {
      if (c.file == loc.file && loc.line >= c.first && loc.line <= c.last) return true;
    }
    return false;
  };
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
  // The calls into mruby first: `message` may be the config's own method, and it may raise.
  int arena = mrb_gc_arena_save(mrb);
  mrb_value message = CallCaught(mrb, Message, &exc, mrb_nil_value());  // failed: the class name only
  mrb_value class_name = CallCaught(mrb, ClassName, &exc, mrb_nil_value());
  mrb_value kind = CallCaught(mrb, KindOf, &exc, mrb_nil_value());
  Missing asked{exc, MissingIvar(kind)};
  mrb_value missing = asked.ivar ? CallCaught(mrb, MissingName, &asked, mrb_nil_value()) : mrb_nil_value();
  Location where = ExceptionSite(mrb, exc);
  // An anonymous class names itself by its address (#<Class:0x...>): no host address is shown.
  std::string cls = mrb_string_p(class_name) ? WithoutAddresses(ToStdString(mrb, class_name)) : "Exception";
  std::string msg = WithoutAddresses(ToStdString(mrb, message));
  RubyError ruby;
  if (mrb_integer_p(kind)) ruby.kind = static_cast<RubyError::Kind>(mrb_integer(kind));
  if (mrb_string_p(missing) && static_cast<size_t>(RSTRING_LEN(missing)) <= RubyError::kMaxName) {
    ruby.name = ToStdString(mrb, missing);
  }
  mrb_gc_arena_restore(mrb, arena);
  if (mrb->exc) mrb->exc = nullptr;
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
    return Status::Config("syntax error: " + msg, where).WithRubyError(std::move(ruby));
  }
  if (cls == "Jetsam::ConfigError") return Status::Config(msg, where).WithRubyError(std::move(ruby));  // jetsam's own words
  return Status::Config(fmt::format("{}: {}", cls, msg), where).WithRubyError(std::move(ruby));
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
