#include "vm/exception.h"

#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/string.h>

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

// Object addresses ("#<Object:0x55d6ca75ab70>") differ from run to run; the output must not.
std::string WithoutAddresses(std::string msg) {
  for (size_t at = msg.find(":0x"); at != std::string::npos; at = msg.find(":0x", at)) {
    size_t end = at + 3;
    while (end < msg.size() && isxdigit(static_cast<unsigned char>(msg[end]))) ++end;
    if (end > at + 3 && end < msg.size() && msg[end] == '>') {
      msg.erase(at, end - at);
    } else {
      at = end;
    }
  }
  return msg;
}

}  // namespace

Location ExceptionLocation(mrb_state* mrb, mrb_value exc) {
  mrb_value bt = mrb_exc_backtrace(mrb, exc);
  Location first;
  if (mrb_array_p(bt)) {
    for (mrb_int i = 0; i < RARRAY_LEN(bt); ++i) {
      Location loc = ParseBacktraceLine(ToStdString(mrb, mrb_ary_ref(mrb, bt, i)));
      if (loc.empty()) continue;
      // Code run by eval("...") or instance_eval("...") is "(eval)": name the config line that ran it.
      if (loc.file[0] != '(') return loc;
      if (first.empty()) first = loc;
    }
  }
  return first;
}

Status ExceptionToStatus(mrb_state* mrb, mrb_value exc, bool memory_exhausted, int64_t memory_limit,
                         const Location& refused_at) {
  Location where = ExceptionLocation(mrb, exc);
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

Location CallerLocation(mrb_state* mrb) { return shim::InnermostRubyLocation(mrb); }

}  // namespace jetsam::vm
