// YAML.load for Ruby code in a VM (mrblib/stdlib/yaml.rb defines Psych over it).
#pragma once
#include <mruby.h>

namespace jetsam::eval {

// Defines yaml_load(text, filename, permitted_classes, permitted_symbols, aliases,
// symbolize_names, freeze) on `module`: [value], or nil for a text with no document. Raises
// Psych::SyntaxError, Psych::DisallowedClass and Psych::AliasesNotEnabled as Psych would.
void InstallYamlNative(mrb_state* mrb, RClass* module);

}  // namespace jetsam::eval
