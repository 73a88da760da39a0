// The captured settings as `jetsam settings` prints them: the project's facts, the files
// evaluated, and each setting's value, origin, history and item origins.
#include "jetsam/emit.h"

namespace jetsam {
namespace {

nlohmann::ordered_json OriginJson(const Location& l) {
  return l.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(l.str());
}

nlohmann::ordered_json ObjectJson(const ConfigSettings& object, bool changed_only) {
  auto out = nlohmann::ordered_json::object();
  for (const auto& s : object.settings) {
    if (!changed_only || !s.is_default()) out[s.path] = SettingJson(s);
  }
  return out;
}

}  // namespace

Json SettingJson(const Setting& s) {
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
  return j;
}

std::string EmitSettingsJson(const EvalResult& eval, bool changed_only) {
  nlohmann::ordered_json out;
  const ProjectFacts& f = eval.facts;
  out["project"] = {{"name", f.name}, {"env", f.env}, {"extra", f.extra.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(f.extra)},
                    {"namespace", f.namespace_}, {"region", f.region}, {"account", f.account}, {"s3_bucket", f.s3_bucket}};
  out["files"] = eval.files;
  out["settings"] = {{"project", ObjectJson(eval.settings.project, changed_only)},
                     {"bootstrap", ObjectJson(eval.settings.bootstrap, changed_only)},
                     {"deploy", ObjectJson(eval.settings.deploy, changed_only)}};
  return JsonText(out);
}

}  // namespace jetsam
