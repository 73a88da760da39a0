// Evaluate(): files in Jets' order through the VM, errors made actionable, settings captured.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "eval/capture.h"
#include "eval/codec.h"
#include "eval/runtime.h"
#include "core/suggest.h"
#include "core/yaml_read.h"
#include "jetsam/evaluate.h"
#include "jetsam/version.h"
#include "vm/image.h"
#include "vm/isolate.h"
#include "vm/warm_start.h"
#include "vm/vm.h"

extern char** environ;

namespace jetsam {
namespace {

using eval::HostFacts;
using eval::Recorder;

constexpr const char* kObjects[] = {"project", "bootstrap", "deploy"};

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    size_t eq = kv.find('=');
    if (eq != std::string::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

std::optional<std::string> NonEmpty(const std::map<std::string, std::string>& env, const char* name) {
  auto it = env.find(name);
  if (it == env.end() || it->second.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  return it->second;
}

// config/jets/info.yml: project_name and aws_account, as Jets' Info reads them.
Status ReadInfo(const Sources& sources, HostFacts* host) {
  auto it = sources.files.find("config/jets/info.yml");
  if (it == sources.files.end()) return Status::Ok();
  nlohmann::json info;
  Status s = ReadYaml(it->second, "config/jets/info.yml", &info);
  if (!s.ok()) return Status::Config("cannot read YAML: " + s.message(), s.where());
  if (!info.is_object()) return Status::Ok();
  if (info.contains("project_name") && info["project_name"].is_string()) host->info_project_name = info["project_name"].get<std::string>();
  if (info.contains("aws_account") && info["aws_account"].is_string() && !host->account) host->account = info["aws_account"].get<std::string>();
  return Status::Ok();
}

// What jetsam itself takes from the environment, and the ENV the config sees. info.yml is read
// later, in the evaluation's child: it comes from the checkout.
void ResolveHost(const EvalOptions& options, HostFacts* host) {
  const std::map<std::string, std::string> env = options.environment ? *options.environment : ProcessEnvironment();
  host->env = !options.env.empty() ? options.env : NonEmpty(env, "JETS_ENV").value_or("dev");
  host->extra = !options.extra.empty() ? options.extra : NonEmpty(env, "JETS_EXTRA").value_or("");
  const Facts& facts = options.facts;
  host->region = facts.region;
  if (!host->region) host->region = NonEmpty(env, "JETS_AWS_REGION");
  if (!host->region) host->region = NonEmpty(env, "AWS_REGION");
  host->account = facts.account;
  host->s3_bucket = facts.s3_bucket;
  host->lookups = facts.lookups;
  host->allow_require = options.allow_require;
  for (const auto& [name, value] : env) {
    if (!options.config_env || options.config_env->count(name)) host->environment.emplace(name, value);
  }
  // The config sees the env jetsam evaluates, as Jets' own process would.
  host->environment["JETS_ENV"] = host->env;
  if (!host->extra.empty()) host->environment["JETS_EXTRA"] = host->extra;
}

// project, bootstrap, deploy: NAME.rb then NAME/ENV.rb; the other config/jets/*.rb files (ci.rb,
// waf.rb, ...) go after deploy.rb and before its env overlay, so the overlay has the last word.
std::vector<std::string> FileOrder(const Sources& sources, const std::string& env) {
  std::vector<std::string> order;
  auto add = [&](const std::string& path) {
    if (sources.files.count(path)) order.push_back(path);
  };
  for (const char* name : kObjects) {
    add(fmt::format("config/jets/{}.rb", name));
    if (std::string(name) == "deploy") {
      for (const auto& [path, text] : sources.files) {
        bool top_level = path.rfind("config/jets/", 0) == 0 && path.find('/', 12) == std::string::npos;
        bool ours = path == "config/jets/project.rb" || path == "config/jets/bootstrap.rb" || path == "config/jets/deploy.rb";
        if (top_level && !ours && path.size() > 3 && path.compare(path.size() - 3, 3, ".rb") == 0) order.push_back(path);
      }
    }
    add(fmt::format("config/jets/{}/{}.rb", name, env));
  }
  return order;
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Top-level settings of each object, for "`ci` is a deploy setting".
std::vector<std::string> TopLevelKeys(const ConfigSettings& object) {
  std::vector<std::string> keys;
  for (const auto& s : object.settings) {
    std::string top = s.path.substr(0, s.path.find('.'));
    if (keys.empty() || keys.back() != top) keys.push_back(top);
  }
  return keys;
}

// Jets' defaults of all three objects, evaluated on their own (for messages about misplaced keys).
Settings DefaultSettings(const HostFacts& host) {
  vm::Vm vm(64ll << 20, vm::Vm::Start::kCold, &eval::ConfigWorld());
  Settings defaults;
  if (!vm.ok()) return defaults;
  Recorder recorder;
  HostFacts quiet = host;
  quiet.info_project_name = quiet.info_project_name.value_or("project");
  EvalResult result;
  Status s = vm.Protect([&] {
    eval::InstallRuntime(vm.mrb(), quiet, vm.context().code, &recorder);
    return eval::Capture(vm, quiet, recorder, &result);
  });
  if (s.ok()) defaults = std::move(result.settings);
  return defaults;
}

// Rewrites the NoMethodError that Jets would give for a misspelt or misplaced setting into what
// the user needs to know: the setting, its line, and what was probably meant.
Status Explain(const Status& error, const Recorder& recorder, const HostFacts& host) {
  if (error.code() != Status::Code::kConfig || !StartsWith(error.message(), "NoMethodError")) return error;
  if (recorder.last_unknown_top && recorder.last_unknown_top->where == error.where()) {
    const auto& top = *recorder.last_unknown_top;
    Settings defaults = DefaultSettings(host);
    for (const char* other : kObjects) {
      if (other == top.object) continue;
      auto keys = TopLevelKeys(*defaults.Object(other));
      if (std::find(keys.begin(), keys.end(), top.key) != keys.end()) {
        return Status::Config(
            fmt::format("config.{} is not a Jets.{} setting: `{}` belongs to Jets.{}", top.key, top.object, top.key, other),
            error.where(),
            fmt::format("move it into a `Jets.{}.configure do ... end` block in config/jets/{}.rb (Jets {} rejects it here)",
                        other, other, kJetsVersion));
      }
    }
    auto guesses = Suggest(top.key, TopLevelKeys(*defaults.Object(top.object)), 1);
    return Status::Config(fmt::format("config.{} is not a Jets.{} setting", top.key, top.object), error.where(),
                          guesses.empty() ? fmt::format("Jets.{} has: {}", top.object,
                                                        fmt::join(TopLevelKeys(*defaults.Object(top.object)), ", "))
                                          : fmt::format("did you mean config.{}?", guesses[0]));
  }
  // mruby 3.1 says "undefined method '<<'" without naming nil: the unknown read at the very same
  // line is what made the receiver nil.
  if (recorder.last_unknown_read && recorder.last_unknown_read->where == error.where()) {
    const auto& read = *recorder.last_unknown_read;
    Settings defaults = DefaultSettings(host);
    std::vector<std::string> known;
    for (const char* name : kObjects) {
      for (const auto& s : defaults.Object(name)->settings) {
        known.push_back(s.path);
        for (size_t dot = s.path.find('.'); dot != std::string::npos; dot = s.path.find('.', dot + 1)) known.push_back(s.path.substr(0, dot));
      }
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    auto guesses = Suggest(read.path, known, 1);
    std::string what = error.message().substr(error.message().find(':') + 2);
    if (what.find("nil") == std::string::npos) what += " for nil";
    return Status::Config(fmt::format("config.{} is not a Jets setting, so it is nil here ({})", read.path, what),
                          error.where(),
                          guesses.empty() ? "check the setting's name against the Jets config reference"
                                          : fmt::format("did you mean config.{}?", guesses[0]));
  }
  return error;
}

Status EvaluateHere(const Sources& sources, const std::vector<std::string>& order, HostFacts host,
                    const Limits& limits, const std::vector<EvalOptions::ExtraFile>& after, vm::Vm::Start start,
                    EvalResult* result) {
  if (sources.files.count("config/jets/info.yml")) vm::ReportProgress("config/jets/info.yml");
  if (Status s = ReadInfo(sources, &host); !s.ok()) return s;
  vm::Vm vm(limits.memory_bytes, start, &eval::ConfigWorld());
  if (!vm.ok()) return Status::Limit("the memory limit is too small to start the Ruby VM", {}, "raise --memory-limit");
  Recorder recorder;
  // InstallRuntime and Capture call mruby APIs that raise near the memory limit: under Protect,
  // that is "out of memory" at the config's line, not an aborted process.
  if (Status s = vm.Protect([&] {
        eval::InstallRuntime(vm.mrb(), host, vm.context().code, &recorder);
        return Status::Ok();
      });
      !s.ok()) {
    return s;
  }
  auto run = [&](const std::string& path, const std::string& text) {
    result->files.push_back(path);
    recorder.current_file = path;
    vm::ReportProgress(path);  // isolated: a timeout or a crash names this file
    Status s = vm.LoadFile(path, text);
    if (!s.ok()) result->output = vm::WithoutAddresses(recorder.output);
    return s.ok() ? s : Explain(s, recorder, host);
  };
  for (const auto& path : order) {
    if (Status s = run(path, sources.files.at(path)); !s.ok()) return s;
  }
  for (const auto& extra : after) {
    if (Status s = run(extra.name, extra.text); !s.ok()) return s;
  }
  vm::ReportProgress("");  // no config file is running while the settings are captured
  recorder.current_file.clear();
  Status s = vm.Protect([&] { return eval::Capture(vm, host, recorder, result); });
  if (!s.ok()) result->output = vm::WithoutAddresses(recorder.output);
  return s;
}

}  // namespace

Status Evaluate(const Sources& sources, const EvalOptions& options, EvalResult* result) {
  HostFacts host;
  ResolveHost(options, &host);
  host.checkout = &sources.checkout;  // what File.read and require_relative may read
  std::vector<std::string> order = FileOrder(sources, host.env);
  if (!options.isolate) return EvaluateHere(sources, order, host, options.limits, options.after, vm::Vm::Start::kWarm, result);
  // A child that had to prepare the VM and save its image would only lose time. The VM the
  // executable embeds (vm/image.h) is mapped here, before the fork: the child opens no file.
  vm::PrepareEmbeddedVm(&eval::ConfigWorld());
  vm::Vm::Start start = vm::WarmVmPrepared() ? vm::Vm::Start::kWarm : vm::Vm::Start::kCold;
  // Everything that reads the checkout's data runs in the child, under its limits; what comes
  // back is bounded too, since the parent decodes it.
  const size_t max_result = vm::MaxResultBytes(options.limits);
  std::string payload;
  Status s = vm::RunIsolated(options.limits, [&] {
        EvalResult child;
        Status status = EvaluateHere(sources, order, host, options.limits, options.after, start, &child);
        return eval::EncodeOutcome(status, child, max_result);
      }, &payload);
  if (!s.ok()) return s;
  return eval::DecodeOutcome(payload, result, max_result);
}

bool PrepareEvaluations() { return vm::PrepareWarmVm(&eval::ConfigWorld()); }

Status WriteExecutableWithVm(const std::string& path) { return vm::WriteExecutableWithVm(&eval::ConfigWorld(), path); }

}  // namespace jetsam
