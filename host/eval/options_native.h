// Jetsam::Options#method_missing in C++: the dotted reads and plain assignments that build Jets'
// defaults (hundreds per evaluation) without the Ruby method's garbage. Every other case is
// passed to the Ruby implementation (mrblib/options.rb, kept as __method_missing_ruby).
#pragma once

struct mrb_state;

namespace jetsam::eval {

// Replaces Jetsam::Options#method_missing. Needs mrb->ud to be the Recorder (InstallRuntime).
void InstallOptionsNative(mrb_state* mrb);

}  // namespace jetsam::eval
