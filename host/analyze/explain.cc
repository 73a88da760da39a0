// jetsam explain's model: where every action and resource of every role came from, as one JSON
// document (what --format json prints); host/emit/explain_text.cc renders it for a person.
#include <algorithm>
#include <set>

#include "jetsam/analyze.h"
#include "jetsam/explain.h"
#include "jetsam/iamdata.h"
#include "jetsam/version.h"

namespace jetsam {
namespace {

// config/jets/deploy/prod.rb is the prod overlay of deploy.rb.
std::string OverlayEnv(const std::string& file) {
  constexpr std::string_view kDir = "config/jets/";
  if (!file.starts_with(kDir) || !file.ends_with(".rb")) return "";
  std::string rest = file.substr(kDir.size(), file.size() - kDir.size() - 3);
  auto slash = rest.find('/');
  if (slash == std::string::npos || rest.find('/', slash + 1) != std::string::npos) return "";
  return rest.substr(slash + 1);
}

const Setting* FindSetting(const Settings& settings, const std::string& path, RoleKind kind) {
  if (path.starts_with("project.")) return settings.project.Find(path.substr(8));
  const ConfigSettings& first = kind == RoleKind::kCodebuild ? settings.bootstrap : settings.deploy;
  if (const Setting* s = first.Find(path)) return s;
  for (const ConfigSettings* o : {&settings.deploy, &settings.bootstrap, &settings.project})
    if (const Setting* s = o->Find(path)) return s;
  return nullptr;
}

// The op of the change made at `where` ("set", "append", ...), or "" when none is recorded there.
std::string OpAt(const Setting* s, const Location& where) {
  if (!s) return "";
  for (auto it = s->history.rbegin(); it != s->history.rend(); ++it)
    if (it->where == where) return it->op;
  return "";
}

Json Origin(const std::string& setting_path, const Location& where, const Setting* setting) {
  Json o = Json::object();
  o["setting"] = setting_path;
  if (where.empty()) {
    o["kind"] = "default";
    return o;
  }
  o["kind"] = "config";
  o["where"] = where.str();
  const std::string op = OpAt(setting, where);
  if (!op.empty()) o["op"] = op;
  const std::string env = OverlayEnv(where.file);
  if (!env.empty()) o["overlay"] = env;
  return o;
}

Json Strings(const Json& j) { return j.is_array() ? j : j.is_null() ? Json::array() : Json::array({j}); }

std::string Service(const std::string& action) {
  auto colon = action.find(':');
  return colon == std::string::npos ? action : action.substr(0, colon);
}

// Where the reference Jets (kJetsVersion) does other than its docs say, next to the statement concerned.
std::vector<std::string> DocNotes(const Role& role, const Policy& p, const Statement& st) {
  std::vector<std::string> notes;
  const bool jets_default = st.origin.empty() && p.as_written == std::nullopt;
  if (role.kind == RoleKind::kCodebuild && p.name == "VpcPolicy") {
    notes.push_back(
        "Jets " JETSAM_JETS_VERSION " adds VpcPolicy whenever codebuild.iam.default_vpc_policy is not empty, with or without "
        "a VPC config (the docs say only when needed); set it to [] when the runner uses no VPC");
  }
  if (role.kind == RoleKind::kCodebuild && p.setting == "codebuild.iam.default_policy" && jets_default) {
    notes.push_back(
        "the docs list these defaults differently: the Remote Runner CodeBuild IAM Permissions page has no "
        "waf:* or wafv2:*, the Remote Runner Deploy IAM Policy page also names EC2 and STS; this is what Jets "
        JETSAM_JETS_VERSION " deploys (Jets::Core::Config::Bootstrap, codebuild.iam.default_policy)");
  }
  if (role.kind == RoleKind::kCi && p.setting == "ci.iam.default_policy" && jets_default) {
    notes.push_back(
        "the CI IAM docs page shows cloudformation codebuild iam logs s3; the deploy config reference "
        "(ci.iam.default_policy) adds ecr and ecr-public, which jetsam follows");
  }
  return notes;
}

Json StatementJson(const Role& role, const Policy& p, const Statement& st, const Settings& settings) {
  const Setting* setting = FindSetting(settings, st.setting, role.kind);
  const bool deploy_user = role.kind == RoleKind::kDeployUser;
  auto origin = [&](const Location& where) {
    if (deploy_user && st.setting.empty()) return Json{{"kind", "scope"}, {"scope", p.setting}};
    // A statement Jets writes itself when a switch is on (JobPolicy): the switch is its origin.
    if (!p.switched_by.empty() && st.setting == p.switched_by)
      return Json{{"kind", "switch"}, {"setting", p.switched_by}, {"policy", p.name}};
    return Origin(st.setting, where, setting);
  };
  Json out = Json::object();
  if (st.json.contains("Sid")) out["sid"] = st.json["Sid"];
  out["effect"] = st.json.value("Effect", "Allow");
  const char* action_key = st.json.contains("NotAction") ? "NotAction" : "Action";
  const char* resource_key = st.json.contains("NotResource") ? "NotResource" : "Resource";
  if (std::string(action_key) == "NotAction") out["not_action"] = true;
  if (std::string(resource_key) == "NotResource") out["not_resource"] = true;
  Json actions = Json::array();
  const Json action_list = Strings(st.json.value(action_key, Json()));
  for (size_t i = 0; i < action_list.size(); ++i) {
    const Location& where = i < st.action_origins.size() ? st.action_origins[i] : st.origin;
    actions.push_back(Json{{"action", action_list[i]}, {"origin", origin(where)}});
  }
  out["actions"] = std::move(actions);
  Json resources = Json::array();
  // A statement Jets built from a list of names: its Resource "*" is Jets' rule, not any one item's.
  const Json resource_origin = st.action_origins.empty() ? origin(st.origin)
                                                         : Json{{"kind", "standard"}, {"setting", st.setting}};
  for (const auto& r : Strings(st.json.value(resource_key, Json())))
    resources.push_back(Json{{"resource", r}, {"origin", resource_origin}});
  out["resources"] = std::move(resources);
  if (st.json.contains("Condition")) out["condition"] = st.json["Condition"];
  if (!st.needed_by.empty()) {
    Json needed = Json::array();
    for (const auto& r : st.needed_by) {
      const Setting* s = FindSetting(settings, r.setting, RoleKind::kLambda);
      needed.push_back(Origin(r.setting, r.where, s));
    }
    out["needed_by"] = std::move(needed);
  }
  Json notes = Json::array();
  for (auto& n : DocNotes(role, p, st)) notes.push_back(std::move(n));
  out["notes"] = std::move(notes);
  return out;
}

Json PolicyJson(const Role& role, const Policy& p, const Settings& settings) {
  Json out = Json::object();
  out["name"] = p.name;
  out["setting"] = p.setting;
  if (const Setting* s = FindSetting(settings, p.setting, role.kind); s && !s->history.empty()) {
    Json changes = Json::array();
    for (const auto& c : s->history) {
      Json change = Json{{"op", c.op}, {"where", c.where.str()}};
      if (auto env = OverlayEnv(c.where.file); !env.empty()) change["overlay"] = env;
      changes.push_back(std::move(change));
    }
    out["changes"] = std::move(changes);
  }
  if (!p.switched_by.empty()) {
    const Setting* s = FindSetting(settings, p.switched_by, role.kind);
    out["switched_by"] = Origin(p.switched_by, p.switch_origin, s);
  }
  if (p.as_written) out["as_written"] = true;
  Json statements = Json::array();
  for (const auto& st : p.statements) statements.push_back(StatementJson(role, p, st, settings));
  out["statements"] = std::move(statements);
  return out;
}

Json Summary(const Role& role) {
  std::set<std::string> services, wild;
  for (const auto& p : role.policies) {
    for (const auto& st : p.statements) {
      if (st.json.value("Effect", "Allow") != "Allow" || !st.json.contains("Action")) continue;
      const Json resources = Strings(st.json.value("Resource", Json()));
      const bool on_star = std::find(resources.begin(), resources.end(), Json("*")) != resources.end();
      for (const auto& a : Strings(st.json["Action"])) {
        if (!a.is_string()) continue;
        const std::string action = a.get<std::string>();
        services.insert(Service(action));
        if (on_star && action.find('*') != std::string::npos) wild.insert(action);
      }
    }
  }
  Json managed = Json::array();
  for (const auto& m : role.managed) managed.push_back(m.arn);
  // Distinct actions the role allows (inline and AWS managed), by the IAM reference's levels.
  Json levels = Json::object();
  const AccessCounts counts = AccessLevelCounts(role);
  for (size_t i = 0; i < counts.size(); ++i) {
    levels[std::string(iam::AccessLevelName(static_cast<iam::AccessLevel>(i)))] = counts[i];
  }
  return Json{{"services", services}, {"wildcard_actions_on_star", wild}, {"managed_policies", managed},
              {"access_levels", levels}};
}

}  // namespace

Json Explain(const Compiled& compiled, const Settings& settings) {
  Json out = Json::object();
  out["project"] = Json{{"name", compiled.facts.name}, {"env", compiled.facts.env}, {"namespace", compiled.facts.namespace_}};
  Json roles = Json::array();
  for (const auto& role : compiled.roles) {
    Json r = Json::object();
    r["role"] = RoleKindName(role.kind);
    r["logical_id"] = role.logical_id;
    Json policies = Json::array();
    for (const auto& p : role.policies) policies.push_back(PolicyJson(role, p, settings));
    r["policies"] = std::move(policies);
    Json managed = Json::array();
    for (const auto& m : role.managed) {
      const Setting* s = FindSetting(settings, m.setting, role.kind);
      managed.push_back(Json{{"arn", m.arn}, {"origin", role.kind == RoleKind::kDeployUser
                                                             ? Json{{"kind", "option"}, {"setting", m.setting}}
                                                             : Origin(m.setting, m.origin, s)}});
    }
    r["managed_policies"] = std::move(managed);
    r["summary"] = Summary(role);
    roles.push_back(std::move(r));
  }
  out["roles"] = std::move(roles);
  Json notices = Json::array();
  for (const auto& n : compiled.notices) {
    Json j = Json{{"code", n.code}, {"message", n.message}, {"where", n.where.empty() ? Json(nullptr) : Json(n.where.str())}};
    if (!n.hint.empty()) j["hint"] = n.hint;
    notices.push_back(std::move(j));
  }
  out["notices"] = std::move(notices);
  return out;
}

}  // namespace jetsam
