// The native side of the Jetsam module: what Ruby cannot say itself (where the config's code is
// running, capturing output, adopting arrays as tracked lists) and what the host knows (HOST, ENV).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jetsam/status.h"

struct mrb_state;

namespace jetsam::eval {

// What the host tells the config's world. Empty optionals are unanswered look-ups.
struct HostFacts {
  std::string env;
  std::string extra;
  std::optional<std::string> region, account, s3_bucket, info_project_name;
  nlohmann::json lookups = nlohmann::json::object();
  std::map<std::string, std::string> environment;
};

// What the Ruby side reports while a config runs.
struct Recorder {
  std::string output;  // puts/print/p, bounded
  int defining = 0;    // > 0 while Jets' defaults are being built
  struct UnknownRead { std::string path; Location where; bool open = false; };
  std::optional<UnknownRead> last_unknown_read;
  struct UnknownTop { std::string object, key; Location where; };
  std::optional<UnknownTop> last_unknown_top;
  struct Unresolved { std::string name, placeholder; Location where; };
  std::vector<Unresolved> unresolved;
};

// Defines Jetsam.__loc, __out, __adopt_list, __defining, __unknown_read, __unknown_top,
// __unresolved, the constant Jetsam::HOST and ENV. `recorder` must outlive the VM's use.
void InstallRuntime(mrb_state* mrb, const HostFacts& facts, Recorder* recorder);

}  // namespace jetsam::eval
