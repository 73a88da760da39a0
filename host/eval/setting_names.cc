#include "eval/setting_names.h"

#include <cctype>
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

void InternConfigFileNames(mrb_state* mrb) {
  for (const char* file : {"config/jets/project.rb", "config/jets/bootstrap.rb", "config/jets/deploy.rb"}) {
    mrb_intern_cstr(mrb, file);
  }
}

}  // namespace jetsam::eval
