// The settings a checkout's config files produced, each with the file:line that set it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/status.h"
#include "jetsam/value.h"

namespace jetsam {

// One change to a setting, in evaluation order.
struct Change {
  Location where;
  std::string op;  // "set" (assigned), "append" (<<, push, +=), "remove" (-=, delete), "mutate"
};

struct Setting {
  std::string path;  // dotted, without the object: "codebuild.iam.policy"
  Value value;
  Location where;    // the last change; empty when the Jets default is untouched
  // For an Array value: where each top-level item came from (empty = a Jets default item).
  std::vector<Location> item_origins;
  std::vector<Change> history;
  bool known = true;  // false: a setting Jets does not define, created by an assignment
  bool is_default() const { return history.empty(); }
  // The origin of item i, falling back to the setting's own location.
  const Location& ItemOrigin(size_t i) const {
    return i < item_origins.size() ? item_origins[i] : where;
  }
};

// The settings of one config object: Jets.project, Jets.bootstrap or Jets.deploy.
struct ConfigSettings {
  std::string object;  // "project", "bootstrap", "deploy"
  std::vector<Setting> settings;  // sorted by path
  const Setting* Find(std::string_view path) const;
  // The value at `path`, or nil when the setting does not exist.
  const Value& Get(std::string_view path) const;
};

struct Notice {
  enum class Severity { kInfo, kWarning };
  std::string code;  // stable id, e.g. "unknown-setting", "unresolved-lookup"
  Severity severity = Severity::kWarning;
  std::string message;
  Location where;
  std::string hint;
  std::string setting{};  // the setting at fault, when one is ("lambda.iam.policy")
  std::string ToString() const;
};

// What the helpers answered: the project's identity and its AWS look-ups.
struct ProjectFacts {
  std::string name;
  std::string env;
  std::string extra;      // empty when unset
  std::string namespace_; // name-env[-extra] with "_" as "-"
  std::string region;     // a placeholder like "<aws.region>" when unanswered
  std::string account;
  std::string s3_bucket;
};

struct Settings {
  ConfigSettings project{"project", {}};
  ConfigSettings bootstrap{"bootstrap", {}};
  ConfigSettings deploy{"deploy", {}};
  const ConfigSettings* Object(std::string_view name) const;
};

// Everything one evaluation produced.
struct EvalResult {
  Settings settings;
  ProjectFacts facts;
  std::vector<Notice> notices;       // unknown settings, unresolved look-ups, ...
  std::vector<std::string> files;    // the config files evaluated, in order
  std::string output;                // what the config printed (puts, p), never shown as ours
};

}  // namespace jetsam
