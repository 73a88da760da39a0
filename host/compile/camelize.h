// Jets' last pass over every template hash: keys camelized the CfnCamelizer way
// (cfn_camelizer, which Jets calls through Jets::Camelizer), values stringified the way
// Jets::Cfn::Resource::Replacer does. Policies must go through it so jetsam emits what Jets deploys.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/policy.h"
#include "jetsam/value.h"

namespace jetsam::compile {

// ActiveSupport's String#camelize with no acronyms: "foo_bar" -> "FooBar", "aws:x" -> "Aws:x".
std::string Camelize(std::string_view s);

// One key as CfnCamelizer#camelize_key turns it. `parent_keys`: the already-camelized keys on the
// path above it; `resource_type`: the Type a hash on the path declared, if any.
std::string CamelizeKey(std::string_view key, const std::vector<std::string>& parent_keys,
                        const std::optional<std::string>& resource_type);

// A key holding ':' that camelization changed, e.g. "aws:SourceArn" -> "Aws:SourceArn".
struct ChangedKey {
  std::string from;
  std::string to;
  bool context_key = false;  // directly under a Condition operator: a condition context key
};

// `value` as Jets emits it: every Hash key camelized (Symbols and Strings alike), every leaf
// but an Integer turned into its Ruby to_s. Keys with ':' it changes are added to `changed`.
Json CfnJson(const Value& value, std::vector<ChangedKey>* changed = nullptr);

// The Replacer's leaf rule alone: Integers stay numbers, anything else becomes its to_s.
Json CfnLeaf(const Value& value);

}  // namespace jetsam::compile
