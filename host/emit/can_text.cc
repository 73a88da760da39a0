// jetsam can's text and JSON output: the answer first, then the statements that decided it.
#include <fmt/format.h>

#include "jetsam/emit.h"

namespace jetsam {
namespace {

std::string Origin(const StatementRef& r) {
  const std::string where = r.origin.empty() ? "Jets default" : TextSafe(r.origin.str());
  return r.setting.empty() ? where : fmt::format("{}, {}", where, TextSafe(r.setting));
}

std::string Name(const StatementRef& r) {
  return r.managed_arn.empty() ? fmt::format("{} statement {}", TextSafe(r.policy), r.index)
                               : fmt::format("AWS managed policy {} statement {}", TextSafe(r.policy), r.index);
}

std::string Compact(const Json& j) { return TextSafe(j.dump(-1, ' ', false, Json::error_handler_t::replace)); }

std::string Lines(const StatementRef& r, const char* indent) {
  std::string out = fmt::format("{}{} ({})\n", indent, Name(r), Origin(r));
  out += fmt::format("{}  {}\n", indent, Compact(r.statement));
  return out;
}

Json RefJson(const StatementRef& r) {
  Json j = Json::object();
  j["policy"] = r.policy;
  j["managed_arn"] = r.managed_arn.empty() ? Json(nullptr) : Json(r.managed_arn);
  j["statement_index"] = r.index;
  j["setting"] = r.setting.empty() ? Json(nullptr) : Json(r.setting);
  j["origin"] = r.origin.empty() ? Json(nullptr) : Json(r.origin.str());
  j["effect"] = r.effect;
  j["condition"] = r.condition;
  j["matched_resources"] = r.resources;
  j["statement"] = r.statement;
  return j;
}

}  // namespace

std::string EmitCanText(const CanAnswer& a, const TextStyle& style) {
  using D = CanAnswer::Decision;
  const char* color = a.decision == D::kAllowed ? "1;32" : a.decision == D::kConditional ? "1;33" : "1;31";
  const char* word = a.decision == D::kAllowed ? "ALLOWED" : a.decision == D::kConditional ? "ALLOWED IF"
                     : a.decision == D::kDenied ? "DENIED" : "NOT ALLOWED";
  const std::string head = style.Wrap(color, word);
  std::string on = a.resource == "*" ? "" : fmt::format(" on {}", TextSafe(a.resource));
  if (!a.resource_type.empty()) on += fmt::format(" ({})", TextSafe(a.resource_type));
  std::string out = fmt::format("{}: {} may {}{} [{}]\n", head, TextSafe(a.role), TextSafe(a.action), on,
                                TextSafe(a.access_level));
  switch (a.decision) {
    case D::kAllowed:
      out += "allowed by:\n";
      for (const auto& r : a.deciding) out += Lines(r, "  ");
      break;
    case D::kDenied:
      out += "explicitly denied by:\n";
      for (const auto& r : a.deciding) out += Lines(r, "  ");
      break;
    case D::kConditional:
      if (!a.deciding.empty()) {
        out += "allowed by:\n";
        for (const auto& r : a.deciding) out += Lines(r, "  ");
      }
      for (const auto& r : a.conditional) {
        out += fmt::format("{} {}\n", r.effect == "Deny" ? "unless (Deny):" : "allowed if:", Compact(r.condition));
        out += Lines(r, "  ");
      }
      break;
    case D::kNotAllowed:
      out += fmt::format("no statement of {} allows it (IAM denies by default)\n", TextSafe(a.role));
      if (!a.near.empty()) {
        out += "statements that allow the action on other resources:\n";
        for (const auto& r : a.near) out += Lines(r, "  ");
      }
      break;
  }
  for (const auto& n : a.notes) out += fmt::format("note: {}\n", TextSafe(n));
  return out;
}

std::string EmitCanJson(const CanAnswer& a) {
  Json j = Json::object();
  j["decision"] = DecisionName(a.decision);
  j["role"] = a.role;
  j["action"] = a.action;
  j["access_level"] = a.access_level;
  j["resource"] = a.resource;
  j["resource_type"] = a.resource_type.empty() ? Json(nullptr) : Json(a.resource_type);
  Json deciding = Json::array(), conditional = Json::array(), near = Json::array();
  for (const auto& r : a.deciding) deciding.push_back(RefJson(r));
  for (const auto& r : a.conditional) conditional.push_back(RefJson(r));
  for (const auto& r : a.near) near.push_back(RefJson(r));
  j["deciding"] = deciding;
  j["conditional"] = conditional;
  j["near"] = near;
  j["notes"] = a.notes;
  return JsonText(j);
}

}  // namespace jetsam
