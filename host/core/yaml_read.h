// Reading small YAML files (facts, config/jets/info.yml) into JSON values. libyaml's C parser:
// yaml-cpp's reader took a third of a millisecond for a facts file, on every run.
#pragma once
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "jetsam/status.h"

namespace jetsam {

// What one document may cost: these files come from a checkout or a CI job, and a few hundred
// bytes of aliases can expand into gigabytes. Every bound is checked while parsing, so the work
// stays linear in the size of the text.
struct YamlLimits {
  size_t max_bytes = 4u << 20;
  int max_depth = 64;          // nesting of sequences and mappings, aliases expanded
  size_t max_nodes = 100000;   // scalars, sequences and mappings, each alias counted expanded
  size_t max_aliases = 1000;
};

// Mappings become objects, sequences arrays and every scalar a string (an account id must not
// turn into a number); an empty document is null. A syntax error or a broken limit names `file`
// and its line; the message is the cause alone, for the caller to put in context.
Status ReadYaml(const std::string& text, const std::string& file, nlohmann::json* out,
                const YamlLimits& limits = {});

// A YAML document as Ruby's YAML.load reads it (Psych's YAML 1.1 rules): plain scalars become
// nil, booleans, integers, floats or symbols, quoted ones Strings; merge keys (<<) are merged;
// mappings keep their order. What JSON cannot hold is a String starting with a NUL byte:
//   "\0:name" a Symbol, "\0T:text" a Time, "\0D:text" a Date (for the reader to refuse or
//   keep as text), and, as mapping keys only, "\0n" nil, "\0t" true, "\0F" false,
//   "\0i:42" an Integer, "\0f:1.5" a Float. A String that starts with NUL gets one more.
struct RubyYaml {
  nlohmann::ordered_json value;
  bool document = false;  // false: the text holds no document (Psych.load gives `fallback`)
  size_t aliases = 0;     // aliases used (Psych refuses them unless `aliases: true`)
};
Status ReadYamlForRuby(const std::string& text, const std::string& file, RubyYaml* out, const YamlLimits& limits = {});

}  // namespace jetsam
