// Message digests for Ruby code in a VM (Ruby's digest library: mrblib/stdlib/digest.rb), computed
// by Nettle.
#pragma once
#include <mruby.h>

namespace jetsam::eval {

// Defines on `module`: digest(algorithm, data) -> the digest's bytes as a String, for algorithm
// "MD5", "SHA1", "SHA256", "SHA384" or "SHA512" (ArgumentError for another).
void InstallDigestNative(mrb_state* mrb, RClass* module);

}  // namespace jetsam::eval
