// The one door to what mruby does not promise: the layout of its call frames and objects, the
// gem initialisers its build generates, and how its parser and code generator report failure.
// Everything here was written against mruby 3.1 as Debian 12 builds it (word boxing, Rational
// and Complex on); the build stops on any other mruby, so that a new one is looked at here
// first rather than misread silently everywhere.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include <mruby.h>
#include <mruby/version.h>

#if MRUBY_RELEASE_MAJOR != 3 || MRUBY_RELEASE_MINOR != 1
#error "jetsam's mruby shim (host/vm/mruby_shim.h) is written for mruby 3.1: check each function against this mruby's internals, then widen this test"
#endif
#if !defined(MRB_USE_RATIONAL) || !defined(MRB_USE_COMPLEX)
#error "mruby's configuration defines are missing: compile with the defines `mruby-config --cflags` reports (CMakeLists.txt reads them)"
#endif
#if !defined(MRB_WORD_BOXING) || defined(MRB_NAN_BOXING) || defined(MRB_NO_BOXING)
#error "jetsam's mruby shim expects mruby's default word boxing (Debian's libmruby): check mrb_value's layout"
#endif
static_assert(sizeof(mrb_value) == sizeof(void*), "word boxing: an mrb_value is one machine word");

#include "jetsam/status.h"

struct mrb_parser_state;
struct mrbc_context;

namespace jetsam::vm::shim {

// Initialises the gems a config may use, in the order mrb_init_mrbgems would: every one of
// Debian's except mruby-io, mruby-socket, mruby-print, mruby-objectspace and the rest that touch
// the machine (their initialisers are never called, so File, IO, sockets do not exist).
void InitAllowedGems(mrb_state* mrb);

// Whether a method call is under way (false while the VM is being built or torn down).
bool InCall(mrb_state* mrb);

// The file:line of the innermost Ruby frame that has debug information: the config line that
// is running. Empty when none is (jetsam's own prelude is compiled without debug information).
Location InnermostRubyLocation(mrb_state* mrb);

// The arguments of the C function being called, when they are plain: positional arguments
// (argv[0..argc)) and a block (nil when none). False for a call with keyword arguments.
bool PlainCallArgs(mrb_state* mrb, mrb_int* argc, const mrb_value** argv, mrb_value* block);

// Turns `obj`, an instance of exactly `subclass`'s superclass, into an instance of `subclass`
// in place (the same object, so every reference to it sees the change). Only for a subclass that
// adds no instance layout of its own (a Ruby subclass of Array). False, and nothing done, when
// `obj` is frozen or not of that class.
bool BecomeSubclassInstance(mrb_state* mrb, mrb_value obj, RClass* subclass);

// Compiles a parsed file (and frees the parser). nullptr when it did not compile: `*gave_up`
// then says whether the code generator gave up on the code (an expression needing more
// registers than mruby has; the VM's exception is cleared) rather than ran out of memory (the
// NoMemoryError is left pending). mruby 3.1's code generator crashes when it cannot allocate its
// first scope: the caller compiles with memory to spare.
RProc* Compile(mrb_state* mrb, mrb_parser_state* parser, mrbc_context* context, bool* gave_up);

// The bytecode of a compiled file (with its debug information: file names and lines) into
// *out, for LoadCompiled in any VM. False when it cannot be written. Raises NoMemoryError at the
// VM's limit: call it with memory to spare, and no C++ object alive.
bool DumpCompiled(mrb_state* mrb, RProc* proc, uint8_t** bytes, size_t* size);
// The compiled file that DumpCompiled wrote, as Compile hands it back (nullptr, with the
// exception left pending, when it cannot be read).
RProc* LoadCompiled(mrb_state* mrb, mrbc_context* context, const uint8_t* bytes, size_t size);

// Runs a compiled file at top level, as mrb_load_exec does (an exception it raises is left in
// mrb->exc).
void RunTopLevel(mrb_state* mrb, RProc* proc);
// mrbc's output (a C array) run at top level like a prelude, even from inside a method (where
// mrb_load_irep would open its modules under the caller's class). Raises what it raised: call it
// from a method.
void RunBytecodeAtTopLevel(mrb_state* mrb, const uint8_t* bytecode);

// The code of a compiled file, as opaque keys: the irep of its top-level proc and every irep
// nested in it (blocks, methods, class bodies).
std::vector<const void*> CodeOf(const RProc* proc);

// A frame of the VM's call stacks.
struct Frame {
  const void* fiber = nullptr;     // the fiber (mruby context) it is in
  ptrdiff_t depth = 0;             // its index in that fiber's stack
  const void* code = nullptr;      // the irep a Ruby frame runs (as CodeOf names it); null for C
  const void* callinfo = nullptr;  // for FrameLine
};

// Calls `visit` with each frame, innermost first: the running fiber's, then those of the fiber
// that resumed it, and so on, until `visit` returns false. (A plain function and its data: this
// runs for every setting a config or Jets' defaults make, and a std::function would allocate.)
void VisitFrames(mrb_state* mrb, bool (*visit)(const Frame& frame, void* data), void* data);
template <class Visit>
void VisitFrames(mrb_state* mrb, Visit&& visit) {
  using V = std::remove_reference_t<Visit>;
  VisitFrames(mrb, [](const Frame& frame, void* data) { return (*static_cast<V*>(data))(frame); }, &visit);
}

// The frame running now (the C function that asks).
Frame CurrentFrame(mrb_state* mrb);

// The file:line a Ruby frame is at, if its code has debug information.
Location FrameLine(mrb_state* mrb, const Frame& frame);

// Whether `exc`'s backtrace is one Ruby code set (set_backtrace), not the one mruby recorded
// when it was raised.
bool BacktraceSetByRuby(mrb_state* mrb, mrb_value exc);

// The C function that class `c` itself defines for method `name` (not one it inherits), or null
// when it defines none or the method is Ruby. mruby calls a method's C function with its
// caller's frame, from which it reads its arguments: a wrapper defined by DefineWrapper can
// call the original as is, with the same (mrb, self).
mrb_func_t OwnCFunction(mrb_state* mrb, RClass* c, const char* name);

// Defines method `name` of `c` as `wrapper`, which reads `original` and `data` back with
// WrappedOriginal and WrappedData.
void DefineWrapper(mrb_state* mrb, RClass* c, const char* name, mrb_func_t wrapper, mrb_func_t original,
                   mrb_int data = 0);
mrb_func_t WrappedOriginal(mrb_state* mrb);
mrb_int WrappedData(mrb_state* mrb);

// Called by the VM's allocator when it refuses to grow `block` (of `size` bytes). mruby 3.1's
// gc_protect raises the capacity of its GC arena before the realloc that grows it: when that
// realloc fails, the capacity is left too large, and the next object protected is written past
// the arena's end, over whatever the heap holds there (fixed in mruby after 3.1). This puts the
// capacity back to what `block` holds when `block` is that arena.
void GrowthRefused(mrb_state* mrb, const void* block, size_t size);

// Makes `ud` the data the VM's allocator is called with (a VM embedded in the executable was
// built with the allocator data of the process that built it).
void AdoptAllocatorData(mrb_state* mrb, void* ud);

// Asks the VM to collect garbage at its next object allocation (where mruby collects by
// design), however few objects it made since the last collection.
void CollectSoon(mrb_state* mrb);

// Whether a parse that failed or stopped wants more lines (an interactive prompt asks for them):
// an open heredoc, string or block, or an expression cut after an operator (mruby's mirb asks
// the same).
bool ParserWantsMore(const mrb_parser_state* parser);

// Whether a parser error message means the parser's own stack overflowed (mruby 3.1's parser
// says "memory exhausted"), as opposed to a syntax error in the file.
bool IsParserStackOverflow(const char* message);

// A parser error message in jetsam's words, and whether it says the file ended too soon: mruby
// 3.1's "syntax error, unexpected $end, expecting keyword_end" is "unexpected end of file,
// expecting `end`". Its parser says no more than this text.
struct ParserError {
  std::string text;
  bool at_end_of_file = false;
};
ParserError ReadParserError(std::string message);

// --- a Proc's compiled code, read to find its source text in a script (script/proc_source.h)

// The code of a Ruby Proc, as CodeOf names it; null for a Proc made in C.
const void* ProcCode(const RProc* proc);

// A local variable of a scope around a Proc that the Proc's code (or code nested in it) reads or
// assigns: a variable of the script that a block uses.
struct OuterVariable {
  std::string name;       // empty when that scope does not name it (an anonymous argument)
  uint32_t level = 0;     // scopes up from the one that made the Proc
  uint32_t index = 0;     // its register there
  bool assigned = false;  // the Proc's code assigns it
};
// Those of `proc`, each once (by name), in the order its code first uses them.
std::vector<OuterVariable> OuterVariables(mrb_state* mrb, const RProc* proc);

// The first and last line of `proc`'s code and the code nested in it; 0 and 0 when it has no
// line information.
void ProcLineSpan(mrb_state* mrb, const RProc* proc, int* first, int* last);

// Whether `file`, a compiled file holding `proc <block>` alone (after declarations of the outer
// variables as its own locals), holds `proc`'s code: the same instructions, symbols, literals,
// nested code and lines, each outer variable naming the variable of the same name.
bool SameProcCode(mrb_state* mrb, const RProc* proc, const RProc* file);

// The value `proc`'s closure holds for `variable` (nil when it cannot be read).
mrb_value OuterValue(const RProc* proc, const OuterVariable& variable);

}  // namespace jetsam::vm::shim
