// What a config sees of the Ruby and the machine Jets would run it on: RUBY_VERSION and the
// other RUBY_* constants, RbConfig::CONFIG, and Jets.root. Facts, not this machine's values:
// the defaults (mrblib/stdlib/require.rb) are those of Jets' default CodeBuild image, and a
// --facts file changes them (ruby:, rbconfig:, root:).
#pragma once
#include <mruby.h>

#include "eval/runtime.h"

namespace jetsam::eval {

// Once per VM (eval/world.h), before its classes are frozen: Jets.root (a Pathname of the
// checkout's absolute path, or of the facts' root:, read when called).
void InstallRubyFactsWorld(mrb_state* mrb);
// Per evaluation: the RUBY_* constants and RbConfig::CONFIG from the facts; then RbConfig is
// frozen (the world leaves it open for this constant alone).
void InstallRubyFacts(mrb_state* mrb, RClass* jetsam, const HostFacts& facts);

}  // namespace jetsam::eval
