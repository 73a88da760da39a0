// Turning a Ruby exception into a Status that names the config file and line.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include <mruby.h>

#include "jetsam/status.h"

namespace jetsam::vm {

// The code compiled from the config files themselves. A frame runs a config file's code only if
// its irep is one of these: code that eval compiles from a string names whatever file and line
// it likes in its debug info, so the file name alone proves nothing.
class ConfigCode {
 public:
  void Add(const RProc* file);  // a compiled file's code, all of it (vm/mruby_shim.h: CodeOf)
  bool Contains(const void* code) const { return code_.count(code) != 0; }

 private:
  std::unordered_set<const void*> code_;
};

// A frame of the VM's call stack: where the host entered Ruby to build Jets' defaults.
struct StackMark {
  const void* context = nullptr;  // the fiber
  ptrdiff_t depth = -1;           // the frame's index in that fiber's stack
};

// The frame running now (the native method that asks).
StackMark CurrentStackMark(mrb_state* mrb);

// Who is running the code that asks: a config file at a line (the innermost frame of a config
// file's own code, in this fiber or in those that resumed it), or Jets' defaults (one of `marks`
// was reached first), or neither (`where` empty, `defaults` false).
struct Caller {
  Location where;
  bool defaults = false;
};
Caller FindCaller(mrb_state* mrb, const ConfigCode& code, const std::vector<StackMark>& marks);

// What the host knows about a VM's code and exceptions, reachable from its mrb_state (mrb->ud,
// set by Vm): the natives of the eval stage keep their own state in `user`.
struct VmContext {
  ConfigCode code;
  // The exception that Ruby code raised last (Kernel#raise, or one that left an eval) and the
  // config line that raised it: its backtrace may be one the config wrote.
  const void* raised = nullptr;
  Location raised_at;
  // The lines that code evaluated from a string claimed (eval's file and line arguments).
  struct Claim {
    std::string file;
    int first = 0, last = 0;
  };
  std::vector<Claim> claims;
  bool claims_overflow = false;
  // What the VM's Blueprint installed (Vm::world), and the eval stage's state for this evaluation.
  const void* world = nullptr;
  void* user = nullptr;
};
VmContext* ContextOf(mrb_state* mrb);

// Runs `body(mrb, data)`, a call into mruby that may raise (out of memory, or in a method the
// config defined), with a handler in place: its result, or `fallback` when it raised (the
// exception is dropped). mruby raises by longjmp, which skips C++ destructors: host code that
// holds C++ objects makes such calls through this, so that no raise crosses its frames.
mrb_value CallCaught(mrb_state* mrb, mrb_value (*body)(mrb_state*, void*), void* data, mrb_value fallback);

// Replaces Kernel#raise and the string forms of eval (Kernel#eval, instance_eval, class_eval,
// module_eval) by wrappers that note which config line raised an exception, and which lines
// evaluated code claimed to be (an error's backtrace naming one of those is not believed).
void InstallRaiseSites(mrb_state* mrb);

// `text` without the heap addresses mruby prints for objects ("#<Object:0x55d6ca75ab70>" is
// "#<Object>", "#<Proc:0x55d6ca75ab70@f.rb:3>" is "#<Proc@f.rb:3>"): they differ from run to
// run, and the output must not.
std::string WithoutAddresses(std::string text);
// The next address WithoutAddresses removes in text[from, size), as [*start, *end); false when
// there is none. Allocates nothing: for natives that must not hold a C++ object while they call
// into mruby.
bool NextAddress(const char* text, size_t size, size_t from, size_t* start, size_t* end);

// The innermost frame of `exc`'s backtrace that belongs to a config file (frames of the
// embedded mrblib carry no line information and are skipped). A backtrace that Ruby code set
// itself (raise's third argument, set_backtrace) is not believed: empty then.
Location ExceptionLocation(mrb_state* mrb, mrb_value exc);

// "NoMethodError: undefined method 'x' for nil" at its location; NoMemoryError and
// SystemStackError become kLimit with a hint. `refused_at` is where the heap last refused an
// allocation: the location of a memory error, whose exception carries no backtrace.
Status ExceptionToStatus(mrb_state* mrb, mrb_value exc, bool memory_exhausted, int64_t memory_limit,
                         const Location& refused_at = {});

// The location of the innermost frame of a config file's code (any frame with line information
// when `code` is null): where a config file's code is running right now. Empty when none is on
// the stack.
Location CallerLocation(mrb_state* mrb, const ConfigCode* code = nullptr);

}  // namespace jetsam::vm
