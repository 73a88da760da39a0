#include "script/project.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "jetsam/emit.h"

namespace jetsam::script {
namespace {

constexpr const char* kObjects[] = {"project", "bootstrap", "deploy"};

Json Origin(const Location& l) { return l.empty() ? Json(nullptr) : Json(l.str()); }

// About what a value holds in memory: its text and a node's overhead.
size_t ApproxBytes(const Value& v) {
  size_t n = 64 + v.text().size();
  for (const auto& item : v.items()) n += ApproxBytes(item);
  for (const auto& [k, val] : v.pairs()) n += ApproxBytes(k) + ApproxBytes(val);
  return n;
}

size_t ApproxBytes(const Json& j) {
  size_t n = 64;
  if (j.is_string()) n += j.get_ref<const std::string&>().size();
  if (j.is_array()) {
    for (const auto& item : j) n += ApproxBytes(item);
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) n += it.key().size() + ApproxBytes(it.value());
  }
  return n;
}

size_t ApproxBytes(const Project& p) {
  size_t n = sizeof p;
  for (const auto* object : {&p.eval.settings.project, &p.eval.settings.bootstrap, &p.eval.settings.deploy}) {
    for (const auto& s : object->settings) n += 128 + s.path.size() + ApproxBytes(s.value) + 64 * (s.history.size() + s.item_origins.size());
  }
  for (const auto& role : p.compiled.roles) {
    for (const auto& policy : role.policies) {
      for (const auto& s : policy.statements) n += 128 + ApproxBytes(s.json) + 64 * s.action_origins.size();
    }
  }
  for (const auto& e : p.options.after) n += e.text.size();
  return n + p.eval.output.size();
}

// The Allow statements' actions, NotActions too, as written.
void AddActions(const Json& statement, std::set<std::string>* out) {
  if (!statement.is_object() || statement.value("Effect", "") != "Allow") return;
  for (const char* key : {"Action", "NotAction"}) {
    auto it = statement.find(key);
    if (it == statement.end()) continue;
    if (it->is_string()) out->insert(it->get<std::string>());
    if (it->is_array()) {
      for (const auto& a : *it) {
        if (a.is_string()) out->insert(a.get<std::string>());
      }
    }
  }
}

}  // namespace

std::string Project::Label() const {
  std::string label = fmt::format("{} (env {}", checkout->given, eval.facts.env);
  if (!eval.facts.extra.empty()) label += ", extra " + eval.facts.extra;
  label += ")";
  for (const auto& note : notes) label += " with " + note;
  return label;
}

std::string WhereIn(const Readable& checkout, const Location& where) {
  if (where.empty()) return {};
  if (!checkout.sources.files.count(where.file)) return where.str();
  std::string dir = checkout.given;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir == "." ? where.str() : dir + "/" + where.str();
}

Status LoadProject(const Readable& checkout, EvalOptions options, std::vector<std::string> notes,
                   std::shared_ptr<Project>* out) {
  auto p = std::make_shared<Project>();
  p->checkout = &checkout;
  p->options = std::move(options);
  p->notes = std::move(notes);
  Status s = Evaluate(checkout.sources, p->options, &p->eval);
  if (s.ok()) s = Compile(p->eval, CompileOptions{}, &p->compiled);
  if (!s.ok()) return s;
  p->bytes = ApproxBytes(*p);
  *out = std::move(p);
  return Status::Ok();
}

Json FactsJson(const ProjectFacts& f) {
  return Json{{"name", f.name},
              {"env", f.env},
              {"extra", f.extra.empty() ? Json(nullptr) : Json(f.extra)},
              {"namespace", f.namespace_},
              {"region", f.region},
              {"account", f.account},
              {"s3_bucket", f.s3_bucket}};
}

Json SettingsJson(const Settings& settings, bool changed_only) {
  Json out = Json::object();
  for (const char* name : kObjects) {
    Json object = Json::object();
    for (const auto& s : settings.Object(name)->settings) {
      if (!changed_only || !s.is_default()) object[s.path] = jetsam::SettingJson(s);
    }
    out[name] = std::move(object);
  }
  return out;
}

Json FindSettingJson(const Settings& settings, const std::string& path) {
  size_t dot = path.find('.');
  if (dot != std::string::npos) {
    const ConfigSettings* object = settings.Object(path.substr(0, dot));
    const Setting* s = object ? object->Find(path.substr(dot + 1)) : nullptr;
    if (s) return jetsam::SettingJson(*s);
  }
  for (const char* name : kObjects) {
    if (const Setting* s = settings.Object(name)->Find(path)) return jetsam::SettingJson(*s);
  }
  return nullptr;
}

Json NoticesJson(const std::vector<Notice>& notices) {
  Json out = Json::array();
  for (const auto& n : notices) {
    out.push_back({{"code", n.code},
                   {"severity", n.severity == Notice::Severity::kWarning ? "warning" : "info"},
                   {"message", n.message},
                   {"origin", Origin(n.where)},
                   {"hint", n.hint.empty() ? Json(nullptr) : Json(n.hint)}});
  }
  return out;
}

Json FindingsJson(const std::vector<Finding>& findings) {
  // The same records as `jetsam lint --format json`: its text, read back.
  return Json::parse(EmitLintJson(findings))["findings"];
}

Json RoleResourceJson(const Role& role) {
  Compiled one;
  one.roles.push_back(role);
  return RolesResources(one, "Jets")[role.logical_id];
}

Json RolePoliciesJson(const Role& role) {
  Json out = Json::object();
  for (const auto& p : role.policies) out[p.name] = PolicyDocument(p);
  return out;
}

Json RoleStatementsJson(const Role& role) {
  Json out = Json::array();
  for (const auto& p : role.policies) {
    for (size_t i = 0; i < p.statements.size(); ++i) {
      const Statement& s = p.statements[i];
      out.push_back({{"policy", p.name},
                     {"index", i + 1},
                     {"statement", s.json},
                     {"setting", s.setting},
                     {"origin", Origin(s.origin)}});
    }
  }
  return out;
}

Json RoleActionsJson(const Role& role) {
  std::set<std::string> actions;
  for (const auto& p : role.policies) {
    const Json document = PolicyDocument(p);
    if (document.contains("Statement")) {
      for (const auto& s : document["Statement"]) AddActions(s, &actions);
    }
  }
  return Json(std::vector<std::string>(actions.begin(), actions.end()));
}

Json RoleManagedJson(const Role& role) {
  Json out = Json::array();
  for (const auto& m : role.managed) out.push_back(m.arn);
  return out;
}

Json RoleAccessLevelsJson(const Role& role) {
  const AccessCounts counts = AccessLevelCounts(role);
  Json out = Json::object();
  for (size_t i = 0; i < counts.size(); ++i) {
    out[std::string(iam::AccessLevelName(static_cast<iam::AccessLevel>(i)))] = counts[i];
  }
  return out;
}

}  // namespace jetsam::script
