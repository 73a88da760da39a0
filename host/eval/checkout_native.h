// The natives behind File, Dir, Pathname, require, require_relative, load and ERB
// (mrblib/stdlib/*.rb): reading the checkout files the host read before the evaluation, running
// a Ruby file of config/ as the config's own code, and a template's Ruby as the caller's.
#pragma once
#include <mruby.h>

namespace jetsam::eval {

// Defines file_stat, file_read, checkout_root, checkout_paths, load_ruby, template, note and
// allow_require? on `host` (the prelude's Jetsam::Host).
void InstallCheckoutNative(mrb_state* mrb, RClass* host);

}  // namespace jetsam::eval
