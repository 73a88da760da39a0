// Symbols a config's evaluation looks up first, interned with the VM so that finding them is cheap.
#pragma once

struct mrb_state;

namespace jetsam::eval {

// Interns the reader of every attribute writer the VM knows and the checkout's config file
// names. Call it last when building the VM (the names must be the newest symbols).
void InternSettingNames(mrb_state* mrb);

}  // namespace jetsam::eval
