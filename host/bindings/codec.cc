#include "bindings/codec.h"

#include <nlohmann/json.hpp>

namespace jetsam::bindings {
namespace {

using J = nlohmann::json;

J Loc(const Location& l) { return l.empty() ? J(nullptr) : J::array({l.file, l.line}); }
Location Loc(const J& j) { return j.is_array() ? Location{j[0].get<std::string>(), j[1].get<int>()} : Location{}; }

J EncodeObject(const ConfigSettings& object) {
  J rows = J::array();
  for (const auto& s : object.settings) {
    J history = J::array();
    for (const auto& c : s.history) history.push_back(J::array({Loc(c.where), c.op}));
    J items = J::array();
    for (const auto& l : s.item_origins) items.push_back(Loc(l));
    rows.push_back(J::array({s.path, s.value.Encode(), Loc(s.where), history, items, s.known}));
  }
  return rows;
}

void DecodeObject(const J& rows, ConfigSettings* object) {
  for (const auto& row : rows) {
    Setting s;
    s.path = row[0].get<std::string>();
    s.value = Value::Decode(row[1]);
    s.where = Loc(row[2]);
    for (const auto& c : row[3]) s.history.push_back({Loc(c[0]), c[1].get<std::string>()});
    for (const auto& l : row[4]) s.item_origins.push_back(Loc(l));
    s.known = row[5].get<bool>();
    object->settings.push_back(std::move(s));
  }
}

}  // namespace

std::string EncodeOutcome(const Status& status, const EvalResult& r) {
  J out;
  out["code"] = static_cast<int>(status.code());
  out["message"] = status.message();
  out["where"] = Loc(status.where());
  out["hint"] = status.hint();
  if (status.ok()) {
    out["project"] = EncodeObject(r.settings.project);
    out["bootstrap"] = EncodeObject(r.settings.bootstrap);
    out["deploy"] = EncodeObject(r.settings.deploy);
    const ProjectFacts& f = r.facts;
    out["facts"] = {f.name, f.env, f.extra, f.namespace_, f.region, f.account, f.s3_bucket};
    J notices = J::array();
    for (const auto& n : r.notices) {
      notices.push_back({n.code, static_cast<int>(n.severity), n.message, Loc(n.where), n.hint});
    }
    out["notices"] = notices;
    out["files"] = r.files;
  }
  out["output"] = r.output;
  // Config text may hold any bytes: replace invalid UTF-8 rather than fail.
  return out.dump(-1, ' ', false, J::error_handler_t::replace);
}

Status DecodeOutcome(const std::string& bytes, EvalResult* r) {
  J in = J::parse(bytes, nullptr, false);
  if (in.is_discarded() || !in.is_object()) return Status::Internal("the evaluation process sent an unreadable result");
  r->output = in.value("output", "");
  auto code = static_cast<Status::Code>(in["code"].get<int>());
  if (code != Status::Code::kOk) {
    std::string message = in["message"].get<std::string>();
    Location where = Loc(in["where"]);
    std::string hint = in["hint"].get<std::string>();
    switch (code) {
      case Status::Code::kLimit: return Status::Limit(message, where, hint);
      case Status::Code::kUsage: return Status::Usage(message, hint);
      case Status::Code::kInternal: return Status::Internal(message);
      default: return Status::Config(message, where, hint);
    }
  }
  DecodeObject(in["project"], &r->settings.project);
  DecodeObject(in["bootstrap"], &r->settings.bootstrap);
  DecodeObject(in["deploy"], &r->settings.deploy);
  const J& f = in["facts"];
  r->facts = ProjectFacts{f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
  for (const auto& n : in["notices"]) {
    r->notices.push_back(Notice{n[0], static_cast<Notice::Severity>(n[1].get<int>()), n[2], Loc(n[3]), n[4]});
  }
  r->files = in["files"].get<std::vector<std::string>>();
  return Status::Ok();
}

}  // namespace jetsam::bindings
