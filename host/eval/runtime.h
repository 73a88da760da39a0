// The native side of the config's world: what Ruby cannot say itself (where the config's code is
// running, what it prints) and what the host knows (facts, ENV), in a module Ruby code cannot
// name. Everything about where a setting came from is decided and kept here, never in Ruby.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <mruby.h>
#include <nlohmann/json.hpp>

#include "eval/provenance.h"
#include "eval/world.h"
#include "jetsam/evaluate.h"
#include "jetsam/status.h"
#include "vm/blueprint.h"
#include "vm/exception.h"

namespace jetsam::eval {

// What the host tells the config's world. Empty optionals are unanswered look-ups.
struct HostFacts {
  std::string env;
  std::string extra;
  std::optional<std::string> region, account, s3_bucket, info_project_name;
  nlohmann::json lookups = nlohmann::json::object();
  std::map<std::string, std::string> environment;
  const CheckoutFiles* checkout = nullptr;  // what File.read and require_relative may read
  std::vector<std::string> allow_require;   // --allow-require
};

// What the config's world reports, and the host's state behind it.
struct Recorder {
  std::string output;  // puts/print/p, bounded
  struct UnknownRead { std::string path; Location where; bool open = false; };
  std::optional<UnknownRead> last_unknown_read;
  struct UnknownTop { std::string object, key; Location where; };
  std::optional<UnknownTop> last_unknown_top;
  struct Unresolved { std::string name, placeholder; Location where; };
  std::vector<Unresolved> unresolved;
  // The runtime's own (an ignored require, a path it will not read) and the prelude's helpers'
  // (Host.notice: acm_cert_arn given its domain first).
  std::vector<Notice> notices;
  std::vector<std::string> loaded;  // checkout files run by require_relative and load, in order

  Provenance prov;
  std::string current_file;  // the config file running (for a change no frame explains)
  bool sealed = false;       // the settings are being captured: nothing may change them
  // The host's own (InstallRuntime): none of it is reachable from Ruby.
  HostFacts facts;
  const World* world = nullptr;
  const vm::ConfigCode* code = nullptr;
  std::vector<vm::StackMark> marks;  // where Jets' defaults are being built
  mrb_value keep = mrb_nil_value();  // Array: every object a record names, alive until the end
  mrb_value env_vars = mrb_nil_value();  // the frozen Hash behind ENV (kept alive in `keep`)
  mrb_value objects[3] = {mrb_nil_value(), mrb_nil_value(), mrb_nil_value()};  // Jets.project, ...
  bool building[3] = {false, false, false};
  bool prebuilding = false;  // Jets' defaults are being built with the VM: no input may be read
};

// Who is running the code that asks: a config file's line, or Jets' defaults.
struct Origin {
  Location where;
  bool defaults = false;
};

Recorder* RecorderOf(mrb_state* mrb);
Origin Who(mrb_state* mrb);

// Runs `body(data)` as part of Jets' defaults: whatever it sets, with no config line on the
// stack above this native frame, is a Jets default. Exceptions pass through.
mrb_value RunAsDefaults(mrb_state* mrb, mrb_value (*body)(mrb_state*, void*), void* data);

// Keeps `v` alive for the evaluation; its index in the keep list.
int Keep(mrb_state* mrb, mrb_value v);

// Jets.project (0), .bootstrap (1), .deploy (2), built with Jets' defaults on first use.
mrb_value ConfigObject(mrb_state* mrb, int which);

// The VM a config runs in: the prelude (mrblib), then the natives it needs, the prelude's module
// hidden and what a config must not change frozen. Built once per VM (for the prepared VM, once
// per process), with a World for the host.
const vm::Blueprint& ConfigWorld();

// Connects a VM built from ConfigWorld() to one evaluation: the host's facts, the config files'
// code, and the ENV the config sees. `recorder` and `code` must outlive the VM's use.
void InstallRuntime(mrb_state* mrb, const HostFacts& facts, const vm::ConfigCode& code, Recorder* recorder);

// What the runtime itself has to report once the settings are captured: its notices, and the
// checkout files that require_relative and load ran (after the config files Jets loads).
void AppendRuntimeReport(const Recorder& recorder, EvalResult* result);

// Makes ENV hold `environment` from now on (Jets loads the dotenv files into ENV between the
// project and the bootstrap phase). ENV stays read-only to the config. May raise (memory).
void ReplaceEnvironment(mrb_state* mrb, const std::map<std::string, std::string>& environment);

}  // namespace jetsam::eval
