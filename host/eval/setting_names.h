// Names a config's evaluation looks up first, known when the VM is built.
#pragma once
#include <string>
#include <vector>

#include <mruby.h>

namespace jetsam::eval {

// Names a config's evaluation looks up first, interned when the VM is built, late: mruby 3.1
// finds a symbol from the newest of its 256 hash buckets backwards, and once two symbols of a
// bucket lie more than 255 apart, by comparing every older symbol in turn. With the prelude's
// thousand symbols, the first lookup of a setting's name (`x.timeout`, parsed from a config file
// or met by method_missing) cost some 700 comparisons; interned last, a name is the newest of
// its bucket.

// An attribute writer the VM knows (`timeout=`: Jets' defaults set each setting they make) and
// the name of its reader (DefineSettingAccessors interns it, as it defines it).
struct SettingName {
  std::string reader;
  mrb_sym writer;
};
std::vector<SettingName> SettingNames(mrb_state* mrb);

// Interns the names the parser gives the checkout's config files. Call it last when building the
// VM.
void InternConfigFileNames(mrb_state* mrb);

}  // namespace jetsam::eval
