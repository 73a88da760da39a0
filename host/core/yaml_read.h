// Reading small YAML files (facts, config/jets/info.yml) into JSON values. libyaml's C parser:
// yaml-cpp's took a third of a millisecond for a facts file, on every run.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "jetsam/status.h"

namespace jetsam {

// Mappings become objects, sequences arrays and every scalar a string (an account id must not
// turn into a number); an empty document is null. A syntax error names `file` and its line;
// its message is libyaml's alone, for the caller to put in context.
Status ReadYaml(const std::string& text, const std::string& file, nlohmann::json* out);

}  // namespace jetsam
