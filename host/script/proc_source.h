// The source text of a Proc literal of the script, for running it in another VM (a project's).
//
// A Proc's bytecode says which lines it spans, not where on them it starts or ends. So each
// `{`/`do` near its first line is paired with each `}`/`end` from its last line on, the text
// between is compiled as `proc <text>`, and the first candidate whose bytecode is the Proc's own,
// instruction for instruction and line for line, is its source. The script's local variables it
// reads are found the same way, by name, with their values in this closure.
//
// What mruby's compiled code says (instructions, lines, closures) is read through vm/mruby_shim.h,
// the one door to mruby 3.1's internals; the text is searched here.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include <mruby.h>

#include "vm/mruby_shim.h"

namespace jetsam::script {

struct ProcSource {
  int line = 0;                       // the line of its `{` or `do`
  std::string block;                  // from its `{`/`do` to its `}`/`end`
  // The script's local variables it reads, each by name, with where the closure holds it.
  std::vector<vm::shim::OuterVariable> captured;
  std::string assigned;               // a script variable it assigns (refused), if any
};

class ProcSources {
 public:
  // The source of `proc`, whose code must be part of `text` (the script, compiled as file `name`);
  // false with the reason in *error when it cannot be found. Runs mruby's parser: call it under
  // Protected. Found sources are kept by code, so a Proc literal in a loop is searched once.
  bool Find(mrb_state* mrb, const RProc* proc, const std::string& name, const std::string& text, ProcSource* out,
            std::string* error);

 private:
  std::unordered_map<const void*, ProcSource> found_;
};

// The values the closure `proc` holds for `source.captured`, in that order (nil for one it
// cannot read).
std::vector<mrb_value> CapturedValues(const RProc* proc, const ProcSource& source);

}  // namespace jetsam::script
