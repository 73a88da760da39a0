// jetsam settings: every captured setting with its value and the file:line that set it.
#include <fmt/format.h>

#include "cli/common.h"

namespace jetsam::cli {
namespace {

struct SettingsArgs {
  ProjectOptions project;
  bool changed_only = false;
};

nlohmann::ordered_json OriginJson(const Location& l) {
  return l.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(l.str());
}

nlohmann::ordered_json ObjectJson(const ConfigSettings& object, bool changed_only) {
  auto out = nlohmann::ordered_json::object();
  for (const auto& s : object.settings) {
    if (changed_only && s.is_default()) continue;
    nlohmann::ordered_json j;
    j["value"] = s.value.ToJson();
    j["origin"] = OriginJson(s.where);
    j["default"] = s.is_default();
    if (!s.known) j["known"] = false;
    if (!s.history.empty()) {
      auto h = nlohmann::ordered_json::array();
      for (const auto& c : s.history) h.push_back({{"op", c.op}, {"origin", OriginJson(c.where)}});
      j["history"] = h;
    }
    if (s.value.is_array() && !s.is_default()) {
      auto items = nlohmann::ordered_json::array();
      for (size_t i = 0; i < s.value.items().size(); ++i) items.push_back(OriginJson(s.ItemOrigin(i)));
      j["item_origins"] = items;
    }
    out[s.path] = j;
  }
  return out;
}

int RunSettings(const SettingsArgs& a) {
  EvalResult eval;
  Status s = EvaluateProject(a.project, &eval);
  // The phase rule: the settings of the phases that ran are printed, the error after them.
  if (!s.ok() && (eval.Complete() || !eval.Has(Phase::kBootstrap))) return Fail(s);
  if (Status text = CheckConfigText(eval); !text.ok()) return Fail(text);
  PrintNotices(eval.notices);
  nlohmann::ordered_json out;
  const ProjectFacts& f = eval.facts;
  out["project"] = {{"name", f.name}, {"env", f.env}, {"extra", f.extra.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.extra)},
                    {"namespace", f.namespace_}, {"region", f.region}, {"account", f.account}, {"s3_bucket", f.s3_bucket}};
  out["files"] = eval.files;
  auto object = [&](Phase phase, const ConfigSettings& settings) {
    return eval.Has(phase) ? ObjectJson(settings, a.changed_only) : nlohmann::ordered_json(nullptr);
  };
  out["settings"] = {{"project", object(Phase::kProject, eval.settings.project)},
                     {"bootstrap", object(Phase::kBootstrap, eval.settings.bootstrap)},
                     {"deploy", object(Phase::kDeploy, eval.settings.deploy)}};
  if (!eval.Complete()) {
    // null settings above: not evaluated. Why, for programs; the error itself goes to stderr.
    out["stopped"] = {{"phase", PhaseName(eval.stopped_at)},
                      {"origin", eval.stopped.where().empty() ? nlohmann::ordered_json(nullptr)
                                                              : nlohmann::ordered_json(eval.stopped.where().str())},
                      {"message", eval.stopped.message()}};
  }
  fmt::print("{}", JsonText(out));
  return eval.Complete() ? 0 : Fail(eval.stopped);
}

}  // namespace

Command RegisterSettings(CLI::App& root) {
  static SettingsArgs args;
  auto* cmd = root.add_subcommand("settings", "Print every captured setting as JSON, with the file:line that set it");
  cmd->footer(
      "When a later config file fails (deploy.rb, say), the settings of the phases Jets reads before it\n"
      "(project, bootstrap) are printed, the others as null with \"stopped\", and jetsam exits 1.\n");
  AddProjectOptions(cmd, &args.project);
  cmd->add_flag("--changed", args.changed_only, "only the settings the config files changed");
  return {cmd, [] { return RunSettings(args); }};
}

}  // namespace jetsam::cli
