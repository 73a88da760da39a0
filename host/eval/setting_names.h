// Names a config's evaluation looks up first, known when the VM is built.
#pragma once
#include <string>
#include <vector>

struct mrb_state;

namespace jetsam::eval {

// The readers of every attribute writer the VM knows (`timeout` for `timeout=`: Jets' defaults
// set each setting they make).
std::vector<std::string> SettingNames(mrb_state* mrb);

// Interns `names` and the checkout's config file names. Call it last when building the VM: the
// names must be the newest symbols.
void InternSettingNames(mrb_state* mrb, const std::vector<std::string>& names);

}  // namespace jetsam::eval
