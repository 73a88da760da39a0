// Names a config's evaluation looks up first, known when the VM is built.
#pragma once
#include <string>
#include <vector>

#include <mruby.h>

namespace jetsam::eval {

// An attribute writer the VM knows (`timeout=`: Jets' defaults set each setting they make) and
// the name of its reader.
struct SettingName {
  std::string reader;
  mrb_sym writer;
};
std::vector<SettingName> SettingNames(mrb_state* mrb);

// Interns the readers of `names` and the checkout's config file names. Call it last when
// building the VM: the names must be the newest symbols.
void InternSettingNames(mrb_state* mrb, const std::vector<SettingName>& names);

}  // namespace jetsam::eval
