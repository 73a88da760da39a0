// Roles -> a JSON report for programs: each statement and managed policy with its origin.
#include "jetsam/emit.h"

namespace jetsam {
namespace {

Json LocationJson(const Location& where) { return where.empty() ? Json(nullptr) : Json(where.str()); }

Json StatementJson(const Statement& s) {
  Json out = Json::object();
  out["statement"] = s.json;
  out["setting"] = s.setting;
  out["origin"] = LocationJson(s.origin);
  if (!s.action_origins.empty()) {
    Json origins = Json::array();
    for (const auto& o : s.action_origins) origins.push_back(LocationJson(o));
    out["action_origins"] = std::move(origins);
  }
  return out;
}

Json PolicyJson(const Policy& p) {
  Json out = Json::object();
  out["name"] = p.name;
  out["setting"] = p.setting;
  if (!p.switched_by.empty()) {
    out["switched_by"] = p.switched_by;
    out["switch_origin"] = LocationJson(p.switch_origin);
  }
  if (p.as_written) out["as_written"] = true;
  Json statements = Json::array();
  for (const auto& s : p.statements) statements.push_back(StatementJson(s));
  out["statements"] = std::move(statements);
  return out;
}

Json RoleJson(const Role& role) {
  Json out = Json::object();
  out["role"] = RoleKindName(role.kind);
  out["logical_id"] = role.logical_id;
  Json policies = Json::array();
  for (const auto& p : role.policies) policies.push_back(PolicyJson(p));
  out["policies"] = std::move(policies);
  Json managed = Json::array();
  for (const auto& m : role.managed)
    managed.push_back(Json{{"arn", m.arn}, {"setting", m.setting}, {"origin", LocationJson(m.origin)}});
  out["managed_policies"] = std::move(managed);
  return out;
}

Json NoticeJson(const Notice& n) {
  Json out = Json::object();
  out["code"] = n.code;
  out["severity"] = n.severity == Notice::Severity::kWarning ? "warning" : "info";
  out["message"] = n.message;
  out["where"] = LocationJson(n.where);
  out["hint"] = n.hint.empty() ? Json(nullptr) : Json(n.hint);
  return out;
}

Json ProjectJson(const ProjectFacts& f) {
  Json out = Json::object();
  out["name"] = f.name;
  out["env"] = f.env;
  out["extra"] = f.extra.empty() ? Json(nullptr) : Json(f.extra);
  out["namespace"] = f.namespace_;
  out["region"] = f.region;
  out["account"] = f.account;
  out["s3_bucket"] = f.s3_bucket;
  return out;
}

}  // namespace

std::string EmitReport(const Compiled& compiled) {
  Json out = Json::object();
  out["project"] = ProjectJson(compiled.facts);
  Json roles = Json::array();
  for (const auto& r : compiled.roles) roles.push_back(RoleJson(r));
  out["roles"] = std::move(roles);
  Json notices = Json::array();
  for (const auto& n : compiled.notices) notices.push_back(NoticeJson(n));
  out["notices"] = std::move(notices);
  return JsonText(out);
}

}  // namespace jetsam
