#include "eval/setting_names.h"

#include <cctype>
#include <cstring>
#include <string>

#include <mruby.h>

namespace jetsam::eval {

std::vector<SettingName> SettingNames(mrb_state* mrb) {
  std::vector<SettingName> names;
  for (mrb_sym sym = 1;; ++sym) {
    mrb_int len = 0;
    const char* name = mrb_sym_name_len(mrb, sym, &len);
    if (!name) break;  // past the last symbol
    if (len < 2 || name[len - 1] != '=') continue;
    const unsigned char before = static_cast<unsigned char>(name[len - 2]);
    if (std::isalnum(before) || before == '_') names.push_back({std::string(name, static_cast<size_t>(len - 1)), sym});
  }
  return names;
}

// mruby 3.1 finds a symbol from the newest of its 256 hash buckets backwards, and once two
// symbols of a bucket lie more than 255 apart, by comparing every older symbol in turn: with the
// prelude's thousand symbols, the first lookup of a setting's name (`x.timeout`, parsed from a
// config file or met by method_missing) cost some 700 comparisons, a tenth of an evaluation's
// instructions in all. Interned last, these names are the newest of their buckets.
void InternSettingNames(mrb_state* mrb, const std::vector<SettingName>& names) {
  for (const SettingName& name : names) mrb_intern(mrb, name.reader.data(), name.reader.size());
  // The files every checkout has, as the parser names them.
  for (const char* file : {"config/jets/project.rb", "config/jets/bootstrap.rb", "config/jets/deploy.rb"}) {
    mrb_intern_cstr(mrb, file);
  }
}

}  // namespace jetsam::eval
