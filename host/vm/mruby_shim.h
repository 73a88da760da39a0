// The one door to what mruby does not promise: the layout of its call frames and objects, the
// gem initialisers its build generates, and how its parser and code generator report failure.
// Everything here was written against mruby 3.1 as Debian 12 builds it (word boxing, Rational
// and Complex on); the build stops on any other mruby, so that a new one is looked at here
// first rather than misread silently everywhere.
#pragma once
#include <cstdint>

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

// Runs a compiled file at top level, as mrb_load_exec does (an exception it raises is left in
// mrb->exc).
void RunTopLevel(mrb_state* mrb, RProc* proc);

// Whether a parser error message means the parser's own stack overflowed (mruby 3.1's parser
// says "memory exhausted"), as opposed to a syntax error in the file.
bool IsParserStackOverflow(const char* message);

}  // namespace jetsam::vm::shim
