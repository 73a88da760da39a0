// Evaluate(): files in Jets' order, phase by phase, through the VM; errors made actionable;
// each phase's settings captured when it ends.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>
#include <mruby.h>

#include "eval/capture.h"
#include "eval/checkpoint.h"
#include "eval/codec.h"
#include "eval/dotenv.h"
#include "eval/dotenv_ssm.h"
#include "eval/evaluation_input.h"
#include "eval/explain_error.h"
#include "eval/ruby_value.h"
#include "eval/runtime.h"
#include "core/yaml_read.h"
#include "jetsam/evaluate.h"
#include "vm/image.h"
#include "vm/isolate.h"
#include "vm/standby.h"
#include "vm/warm_start.h"
#include "vm/vm.h"

extern char** environ;

namespace jetsam {
namespace {

using eval::HostFacts;
using eval::Plan;
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

// The evaluation's use of a checkpoint store (eval/checkpoint.h): at the first phase that has
// code added (`phase`), resume from `resume` (found under `key`), or leave a checkpoint there.
struct Checkpointing {
  EvalCheckpoints* store = nullptr;
  std::string key;
  Phase phase = Phase::kProject;
  const eval::Checkpoint* resume = nullptr;
};

// What jetsam itself takes from the environment, and the ENV the config sees. info.yml is read
// later, in the evaluation's child: it comes from the checkout.
void ResolveHost(const EvalOptions& options, HostFacts* host, Plan* plan) {
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
  // Jets::Dotenv#load?: off with JETS_DOTENV=0, and on Lambda (but not on CodeBuild).
  auto set = [&](const char* name) { return env.count(name) > 0; };
  const bool on_aws = (set("ON_AWS") || set("_HANDLER")) && !set("CODEBUILD_CI");
  plan->dotenv = !(env.count("JETS_DOTENV") && env.at("JETS_DOTENV") == "0") && !on_aws;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Jets' Booter: project.rb and project/ENV.rb; bootstrap.rb and bootstrap/ENV.rb; then the deploy
// settings, deploy.rb, the other config/jets/*.rb files (ci.rb, waf.rb, ...) and deploy/ENV.rb last,
// so that the overlay has the last word. A NAME.rb.tt that stands where NAME.rb would is kept in
// the order, to be named as the template it is.
void FileOrder(const Sources& sources, const std::string& env, Plan* plan) {
  auto add = [&](std::vector<std::string>* phase, const std::string& path) {
    if (sources.files.count(path)) phase->push_back(path);
    else if (sources.files.count(path + ".tt")) phase->push_back(path + ".tt");
  };
  for (int i = 0; i < 3; ++i) {
    const std::string name = kObjects[i];
    std::vector<std::string>* phase = &plan->phases[i];
    add(phase, "config/jets/" + name + ".rb");
    if (name == "deploy") {
      for (const auto& [path, text] : sources.files) {
        bool top_level = path.rfind("config/jets/", 0) == 0 && path.find('/', 12) == std::string::npos;
        std::string base = EndsWith(path, ".tt") ? path.substr(0, path.size() - 3) : path;
        bool ours = base == "config/jets/project.rb" || base == "config/jets/bootstrap.rb" || base == "config/jets/deploy.rb";
        if (!top_level || ours || !EndsWith(base, ".rb") || base.size() <= 15) continue;
        if (path == base || !sources.files.count(base)) phase->push_back(path);
      }
    }
    add(phase, fmt::format("config/jets/{}/{}.rb", name, env));
  }
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

// The SSM naming convention as the project's settings (captured when its phase ended) define it.
eval::SsmConvention Convention(const ConfigSettings& project, const ProjectFacts& facts, const std::string& env) {
  eval::SsmConvention c;
  const Value& name = project.Get("dotenv.ssm.project_name");
  c.project = name.truthy() ? name.ToS() : facts.name;
  c.env = env;
  const Value& unique = project.Get("dotenv.ssm.envs.unique");
  if (unique.is_nil() || (unique.is_symbol() && unique.text() == "all")) {
    c.every_env_unique = true;
  } else if (unique.is_array()) {
    for (const auto& e : unique.items())
      if (e.is_string()) c.unique_envs.push_back(e.text());
  } else if (unique.is_string()) {
    c.every_env_unique = unique.text().find(env) != std::string::npos;  // String#include?
  }
  c.fallback = project.Get("dotenv.ssm.envs.fallback").ToS();
  c.long_env_name = project.Get("dotenv.ssm.long_env_name").truthy();
  return c;
}

eval::SsmAutoload Autoload(const ConfigSettings& project) {
  eval::SsmAutoload a;
  a.enable = project.Get("dotenv.ssm.autoload.enable").truthy();
  for (const char* list : {"dotenv.ssm.autoload.default_skip", "dotenv.ssm.autoload.skip"}) {
    const Value& items = project.Get(list);
    for (const auto& item : items.is_array() ? items.items() : std::vector<Value>{}) {
      if (item.is_text()) a.skip.push_back(item.text());
      else a.unmatched.push_back(item.Inspect());
    }
  }
  return a;
}

class Evaluation {
 public:
  Evaluation(const Sources& sources, const Plan& plan, HostFacts host, EvalResult* result)
      : sources_(sources), plan_(plan), host_(std::move(host)), result_(result) {}

  // Runs the phases up to `last`, each captured when it ends; returns result->stopped. With
  // `checkpoints`, resumes from its checkpoint when there is one, or leaves one.
  Status Run(const Limits& limits, vm::Vm::Start start, Phase last, Checkpointing* checkpoints = nullptr) {
    // Read again on a resume too (the checkpoint's facts replace them): it decides nothing then.
    if (sources_.files.count("config/jets/info.yml")) vm::ReportProgress("config/jets/info.yml");
    if (Status s = ReadInfo(sources_, &host_); !s.ok()) return Stop(Phase::kProject, s);
    const eval::Checkpoint* resume = checkpoints && start == vm::Vm::Start::kWarm ? checkpoints->resume : nullptr;
    vm::Vm vm = resume ? vm::Vm(limits.memory_bytes, *resume->vm, &eval::ConfigWorld())
                       : vm::Vm(limits.memory_bytes, start, &eval::ConfigWorld());
    if (!vm.ok()) {
      return Stop(Phase::kProject,
                  Status::Limit("the memory limit is too small to start the Ruby VM", {}, "raise --memory-limit"));
    }
    vm_ = &vm;
    save_at_ = checkpoints && checkpoints->store && !checkpoints->resume && vm.warm() ? checkpoints : nullptr;
    int first = 0;
    if (vm.resumed()) {
      checkpoints->store->NoteResumed();
      Resume(*resume);
      first = static_cast<int>(resume->phase);
      save_at_ = nullptr;
    } else {  // from the start (a resume falls back here when the prepared VM was taken)
      // InstallRuntime and Capture call mruby APIs that raise near the memory limit: under
      // Protect, that is "out of memory" at the config's line, not an aborted process.
      if (Status s = vm.Protect([&] {
            eval::InstallRuntime(vm.mrb(), host_, vm.context().code, &recorder_);
            return Status::Ok();
          });
          !s.ok()) {
        return Stop(Phase::kProject, s);
      }
    }
    for (int i = first; i <= static_cast<int>(last); ++i) {
      const Phase phase = static_cast<Phase>(i);
      if (Status s = RunPhase(phase, vm.resumed() && i == first); !s.ok()) return Stop(phase, s);
    }
    Finish();
    return result_->stopped;
  }

 private:
  // The bytes of the host's records in a checkpoint, about (its VM's are counted by the VM).
  static size_t RecordBytes(const Recorder& r, const EvalResult& result) {
    size_t n = sizeof(eval::Checkpoint) + r.output.size() + result.output.size();
    for (const ConfigSettings* o : {&result.settings.project, &result.settings.bootstrap, &result.settings.deploy}) {
      n += 256 * o->settings.size();
    }
    return n + 256 * (r.notices.size() + result.notices.size()) + 64 * r.facts.environment.size();
  }

  // At the end of `phase`'s checkout files: the state, for the evaluations that add code here.
  void SaveCheckpoint(Phase phase, const std::vector<Notice>& pending, size_t files_before) {
    if (!save_at_ || save_at_->phase != phase) return;
    Checkpointing* at = save_at_;
    save_at_ = nullptr;
    auto c = std::make_unique<eval::Checkpoint>();
    c->vm = vm_->Snapshot(at->store->max_bytes());
    if (!c->vm) return;
    c->key = at->key;
    c->phase = phase;
    c->recorder = recorder_;
    c->host = host_;
    c->result = *result_;
    c->pending = pending;
    c->files_before = files_before;
    c->unresolved_done = unresolved_done_;
    c->notices_done = notices_done_;
    c->loaded_done = loaded_done_;
    c->bytes = c->vm->bytes + RecordBytes(recorder_, *result_);
    at->store->Add(std::move(c));
  }

  // The state of checkpoint `c` (its VM's already put back by the Vm): the host's records of it,
  // connected to this VM.
  void Resume(const eval::Checkpoint& c) {
    recorder_ = c.recorder;
    recorder_.code = &vm_->context().code;
    vm_->context().user = &recorder_;
    host_ = c.host;
    *result_ = c.result;
    resumed_pending_ = c.pending;
    resumed_files_before_ = c.files_before;
    unresolved_done_ = c.unresolved_done;
    notices_done_ = c.notices_done;
    loaded_done_ = c.loaded_done;
  }

  // `resumed`: the phase's checkout files ran before the checkpoint this evaluation resumed from.
  Status RunPhase(Phase phase, bool resumed = false) {
    std::vector<Notice> pending;
    if (resumed) {
      pending = std::move(resumed_pending_);
    } else if (phase == Phase::kBootstrap && plan_.dotenv) {
      if (Status s = LoadDotenv(&pending); !s.ok()) return s;
    }
    const size_t files_before = resumed ? resumed_files_before_ : result_->files.size();
    if (!resumed) {
      for (const auto& path : plan_.phases[static_cast<int>(phase)]) {
        result_->files.push_back(path);
        recorder_.current_file = path;
        vm::ReportProgress(path);  // isolated: a timeout or a crash names this file
        Status s = EndsWith(path, ".tt") ? eval::TemplateError(path, sources_.files.at(path))
                                         : vm_->LoadFile(path, sources_.files.at(path));
        if (!s.ok()) {
          result_->files.resize(files_before);
          return eval::ExplainError(s, recorder_, sources_, [&] { return DefaultSettings(host_); });
        }
      }
      SaveCheckpoint(phase, pending, files_before);
    }
    for (const auto& extra : plan_.after[static_cast<int>(phase)]) {
      result_->files.push_back(extra.name);
      recorder_.current_file = extra.name;
      vm::ReportProgress(extra.name);
      if (Status s = vm_->LoadFile(extra.name, extra.text); !s.ok()) {
        result_->files.resize(files_before);
        return eval::ExplainError(s, recorder_, sources_, [&] { return DefaultSettings(host_); });
      }
    }
    vm::ReportProgress("");  // no config file is running while the settings are captured
    recorder_.current_file.clear();
    // The bootstrap and deploy settings as the phase leaves them: the CodeBuild role is deployed
    // before deploy.rb is read. The project's are read last (Capture), when no config code runs.
    ConfigSettings* objects[] = {&result_->settings.project, &result_->settings.bootstrap, &result_->settings.deploy};
    const int which = static_cast<int>(phase);
    Status s = vm_->Protect([&] {
      if (phase == Phase::kProject) return eval::CaptureFacts(*vm_, host_, recorder_, &result_->facts);
      return eval::CaptureObject(*vm_, recorder_, which, objects[which], &pending, /*seal=*/true);
    });
    if (!s.ok()) {
      objects[which]->settings.clear();
      result_->files.resize(files_before);
      return s;
    }
    for (auto& n : pending) result_->notices.push_back(std::move(n));
    unresolved_done_ = recorder_.unresolved.size();
    notices_done_ = recorder_.notices.size();
    loaded_done_ = recorder_.loaded.size();
    return Status::Ok();
  }

  // Jets::Dotenv.load!: the dotenv files into ENV, then their SSM references resolved.
  Status LoadDotenv(std::vector<Notice>* notices) {
    std::map<std::string, std::string> environment = recorder_.facts.environment;
    std::vector<eval::LoadedVar> loaded;
    const std::vector<std::string> files = eval::DotenvFiles(host_.env, host_.extra);
    for (const auto& f : files)
      if (sources_.files.count(f)) vm::ReportProgress(f);
    if (Status s = eval::LoadDotenv(sources_.files, files, &environment, &loaded); !s.ok()) return s;
    // Jets' convention reads Jets.project's dotenv.ssm settings as project.rb left them.
    ConfigSettings project;
    std::vector<Notice> ignored;
    if (Status s = vm_->Protect([&] { return eval::CaptureObject(*vm_, recorder_, 0, &project, &ignored, false); });
        !s.ok()) {
      return s;
    }
    eval::SsmConvention convention = Convention(project, result_->facts, host_.env);
    Status resolver_error;
    if (project.Get("dotenv.ssm.convention_resolver").truthy()) {
      convention.resolver = [&](const std::string& leaf) -> std::optional<std::string> {
        if (!resolver_error.ok()) return std::nullopt;
        std::string name;
        resolver_error = vm_->Protect([&] {
          mrb_state* mrb = vm_->mrb();
          mrb_value v = eval::ConfigObject(mrb, 0);
          for (const char* step : {"dotenv", "ssm", "convention_resolver"}) v = mrb_funcall(mrb, v, step, 0);
          mrb_value arg = mrb_str_new(mrb, leaf.data(), leaf.size());
          v = mrb_funcall(mrb, mrb_funcall(mrb, v, "call", 1, arg), "to_s", 0);
          name = eval::RubyString(v);
          return Status::Ok();
        });
        return name;
      };
    }
    const nlohmann::json none = nlohmann::json::object();
    const nlohmann::json& answers = host_.lookups.is_object() && host_.lookups.contains("ssm") ? host_.lookups["ssm"] : none;
    eval::ResolveSsm(loaded, convention, Autoload(project), answers, &environment, notices);
    if (!resolver_error.ok()) return resolver_error;
    vm::ReportProgress("");
    return vm_->Protect([&] {
      eval::ReplaceEnvironment(vm_->mrb(), environment);
      return Status::Ok();
    });
  }

  // What the phases that ran leave besides the bootstrap and deploy settings: the project's
  // settings, the look-ups nothing answered, the helpers' notes, what the config printed.
  void Finish() {
    if (result_->Has(Phase::kProject) && vm_) {
      std::vector<Notice> notices;
      Status s = vm_->Protect([&] {
        return eval::CaptureObject(*vm_, recorder_, 0, &result_->settings.project, &notices, /*seal=*/true);
      });
      if (!s.ok()) {  // then no phase's settings can be shown
        if (result_->stopped.ok()) result_->stopped = s;
        result_->stopped_at = Phase::kProject;
        result_->settings = Settings{};
        result_->facts = ProjectFacts{};
      }
      result_->notices.insert(result_->notices.begin(), notices.begin(), notices.end());
    }
    eval::UnresolvedNotices(recorder_, unresolved_done_, &result_->notices);
    // The runtime's notes and the checkout files require_relative and load ran, of the phases that
    // ran (AppendRuntimeReport, phase by phase).
    for (size_t i = 0; i < notices_done_; ++i) result_->notices.push_back(recorder_.notices[i]);
    for (size_t i = 0; i < loaded_done_; ++i) {
      const std::string& file = recorder_.loaded[i];
      if (std::find(result_->files.begin(), result_->files.end(), file) == result_->files.end()) result_->files.push_back(file);
    }
    result_->output = vm::WithoutAddresses(recorder_.output);
  }

  Status Stop(Phase phase, Status error) {
    result_->stopped = error;
    result_->stopped_at = phase;
    // The settings of the phase that failed, and of those after it, are not Jets' settings.
    ConfigSettings* objects[] = {&result_->settings.project, &result_->settings.bootstrap, &result_->settings.deploy};
    for (int i = static_cast<int>(phase); i < 3; ++i) objects[i]->settings.clear();
    if (phase == Phase::kProject) result_->facts = ProjectFacts{};
    Finish();
    return error;
  }

  const Sources& sources_;
  const Plan& plan_;
  HostFacts host_;
  EvalResult* result_;
  vm::Vm* vm_ = nullptr;
  Recorder recorder_;
  size_t unresolved_done_ = 0, notices_done_ = 0, loaded_done_ = 0;  // what the phases that ran recorded
  Checkpointing* save_at_ = nullptr;          // where to leave a checkpoint, if anywhere
  std::vector<Notice> resumed_pending_;       // a resumed phase's notices not yet added
  size_t resumed_files_before_ = 0;
};

// The phase a config file belongs to (the dotenv files: bootstrap), if any.
std::optional<Phase> PhaseOfFile(const Plan& plan, const std::string& file) {
  if (file.rfind("config/jets/env/", 0) == 0) return Phase::kBootstrap;
  for (int i = 0; i < 3; ++i) {
    const auto& files = plan.phases[i];
    if (std::find(files.begin(), files.end(), file) != files.end()) return static_cast<Phase>(i);
  }
  return std::nullopt;
}

// The sandboxed child of this process's next evaluation, forked early (StartEvaluationEarly).
std::unique_ptr<vm::Standby>& EarlyChild() {
  static std::unique_ptr<vm::Standby> child;
  return child;
}

// In the early child, before its sandbox: the VM the executable embeds, mapped (this opens the
// executable's file) with the pages its evaluation writes, so that the evaluation starts from it.
void PrepareEarlyChild() { vm::PrepareEmbeddedVm(&eval::ConfigWorld(), /*populate=*/true); }

// In the early child: its input (from this process's parent) evaluated, as an outcome.
std::string EvaluateInput(const std::string& bytes) {
  // Left unfreed, like RunChild's records: the child exits once the outcome is sent.
  auto* input = new eval::EvaluationInput;
  if (!eval::DecodeInput(bytes, input)) {
    return eval::EncodeOutcome(Status::Internal("a malformed evaluation input"), EvalResult{}, 1u << 20);
  }
  const vm::Vm::Start start = vm::WarmVmPrepared(&eval::ConfigWorld()) ? vm::Vm::Start::kWarm : vm::Vm::Start::kCold;
  auto* child = new EvalResult;
  auto* evaluation = new Evaluation(input->sources, input->plan, input->host, child);
  Status status = evaluation->Run(input->limits, start, input->last);
  return eval::EncodeOutcome(status, *child, vm::MaxResultBytes(input->limits));
}

Status RunChild(const Sources& sources, const Plan& plan, const HostFacts& host, const Limits& limits, Phase last,
                std::string* payload) {
  if (std::unique_ptr<vm::Standby> early = std::move(EarlyChild())) {
    bool sent = false;
    Status s = early->Run(limits, eval::EncodeInput(limits, sources, plan, host, last), payload, &sent);
    if (sent) return s;
  }
  // A child that had to prepare the VM and save its image would only lose time. The VM the
  // executable embeds (vm/image.h) is mapped here, before the fork: the child opens no file.
  const vm::Vm::Start start =
      vm::PrepareEmbeddedVm(&eval::ConfigWorld()) ? vm::Vm::Start::kWarm : vm::Vm::Start::kCold;
  // Everything that reads the checkout's data runs in the child, under its limits; what comes
  // back is bounded too, since the parent decodes it.
  const size_t max_result = vm::MaxResultBytes(limits);
  return vm::RunIsolated(limits, [&] {
        // The child exits as soon as the result is encoded, and its memory goes with it: the
        // evaluation's records are left unfreed (freeing them cost a twentieth of its work).
        auto* child = new EvalResult;
        auto* evaluation = new Evaluation(sources, plan, host, child);
        Status status = evaluation->Run(limits, start, last);
        return eval::EncodeOutcome(status, *child, max_result);
      }, payload);
}

// Everything an evaluation's state depends on up to the end of `phase`'s checkout files, as
// bytes: equal keys, equal states. The checkout's other files (config/, read by the config) are
// known by their address (EvalOptions::checkpoints: Sources that stay as they are while the store
// is used).
std::string CheckpointKey(const Sources& sources, const Plan& plan, const HostFacts& host, const EvalOptions& options,
                          Phase phase) {
  std::string key = fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}\n", static_cast<const void*>(&sources),
                                static_cast<const void*>(&sources.checkout), options.limits.cpu_ms,
                                options.limits.memory_bytes, host.env, host.extra, plan.dotenv ? 1 : 0);
  // Every field and every list is length-prefixed: no two inputs make the same bytes.
  auto field = [&](std::string_view name, std::string_view value) {
    fmt::format_to(std::back_inserter(key), "{}:{}:{}\n", name, value.size(), value);
  };
  auto optional = [&](std::string_view name, const std::optional<std::string>& value) {
    field(name, value ? "1" + *value : "0");
  };
  auto count = [&](std::string_view list, size_t n) { fmt::format_to(std::back_inserter(key), "{} {}\n", list, n); };
  optional("region", host.region);
  optional("account", host.account);
  optional("s3_bucket", host.s3_bucket);
  field("lookups", host.lookups.dump());
  count("environment", host.environment.size());
  for (const auto& [k, v] : host.environment) field(k, v);
  count("allow_require", host.allow_require.size());
  for (const auto& gem : host.allow_require) field("require", gem);
  count("files", sources.files.size());
  for (const auto& [path, text] : sources.files) field(path, text);
  for (int i = 0; i < static_cast<int>(phase); ++i) {
    count("after", plan.after[i].size());
    for (const auto& extra : plan.after[i]) field(extra.name, extra.text);
  }
  return key;
}

// How an evaluation in this process uses options.checkpoints: none without code added to a phase.
std::optional<Checkpointing> CheckpointsFor(const Sources& sources, const Plan& plan, const HostFacts& host,
                                            const EvalOptions& options) {
  if (!options.checkpoints) return std::nullopt;
  for (int i = 0; i < 3; ++i) {
    if (plan.after[i].empty()) continue;
    Checkpointing c;
    c.store = options.checkpoints.get();
    c.phase = static_cast<Phase>(i);
    c.key = CheckpointKey(sources, plan, host, options, c.phase);
    c.resume = c.store->Find(c.key, c.phase);
    return c;
  }
  return std::nullopt;
}

// The evaluation as one child (or this process) runs it.
Status EvaluateOnce(const Sources& sources, const Plan& plan, const HostFacts& host, const EvalOptions& options,
                    EvalResult* result) {
  if (!options.isolate) {
    std::optional<Checkpointing> checkpoints = CheckpointsFor(sources, plan, host, options);
    return Evaluation(sources, plan, host, result)
        .Run(options.limits, vm::Vm::Start::kWarm, Phase::kDeploy, checkpoints ? &*checkpoints : nullptr);
  }
  const size_t max_result = vm::MaxResultBytes(options.limits);
  std::string payload;
  Status s = RunChild(sources, plan, host, options.limits, Phase::kDeploy, &payload);
  if (s.ok()) return eval::DecodeOutcome(payload, result, max_result);
  // The child died (time, a crash) in a file of a later phase: the phases before it are still
  // Jets' settings. They are evaluated again, without that phase.
  std::optional<Phase> phase = PhaseOfFile(plan, s.where().file);
  if (!phase || *phase == Phase::kProject) return s;
  EvalResult partial;
  Phase before = static_cast<Phase>(static_cast<int>(*phase) - 1);
  if (!RunChild(sources, plan, host, options.limits, before, &payload).ok()) return s;
  if (!eval::DecodeOutcome(payload, &partial, max_result).ok()) return s;
  *result = std::move(partial);
  result->stopped = s;
  result->stopped_at = *phase;
  return s;
}

}  // namespace

Status Evaluate(const Sources& sources, const EvalOptions& options, EvalResult* result) {
  HostFacts host;
  Plan plan;
  ResolveHost(options, &host, &plan);
  host.checkout = &sources.checkout;  // what File.read and require_relative may read
  FileOrder(sources, host.env, &plan);
  for (const auto& extra : options.after) plan.after[static_cast<int>(extra.phase)].push_back(extra);
  Status s = EvaluateOnce(sources, plan, host, options, result);
  if (!s.ok() && result->stopped.ok()) {  // nothing of it is Jets' settings
    result->stopped = s;
    result->stopped_at = Phase::kProject;
  }
  return s;
}

void StartEvaluationEarly() {
  if (!EarlyChild()) EarlyChild() = vm::Standby::Start(PrepareEarlyChild, EvaluateInput);
}

bool PrepareEvaluations() { return vm::PrepareWarmVm(&eval::ConfigWorld()); }

}  // namespace jetsam
