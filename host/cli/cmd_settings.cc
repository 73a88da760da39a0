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
  if (!s.ok()) return Fail(s);
  if (s = CheckConfigText(eval); !s.ok()) return Fail(s);
  PrintNotices(eval.notices);
  nlohmann::ordered_json out;
  const ProjectFacts& f = eval.facts;
  out["project"] = {{"name", f.name}, {"env", f.env}, {"extra", f.extra.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.extra)},
                    {"namespace", f.namespace_}, {"region", f.region}, {"account", f.account}, {"s3_bucket", f.s3_bucket}};
  out["files"] = eval.files;
  out["settings"] = {{"project", ObjectJson(eval.settings.project, a.changed_only)},
                     {"bootstrap", ObjectJson(eval.settings.bootstrap, a.changed_only)},
                     {"deploy", ObjectJson(eval.settings.deploy, a.changed_only)}};
  fmt::print("{}", JsonText(out));
  return 0;
}

}  // namespace

Command RegisterSettings(CLI::App& root) {
  static SettingsArgs args;
  auto* cmd = root.add_subcommand("settings", "Print every captured setting as JSON, with the file:line that set it");
  AddProjectOptions(cmd, &args.project);
  cmd->add_flag("--changed", args.changed_only, "only the settings the config files changed");
  return {cmd, [] { return RunSettings(args); }};
}

}  // namespace jetsam::cli
