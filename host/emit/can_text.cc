// jetsam can's text and JSON output: the answer first, then the rule it followed and the
// statements that decided it.
#include <fmt/format.h>

#include <algorithm>

#include "jetsam/emit.h"
#include "jetsam/json_compact.h"

namespace jetsam {
namespace {

using D = CanAnswer::Decision;

std::string Origin(const StatementRef& r) {
  const std::string where = r.origin.empty() ? "Jets default" : TextSafe(r.origin.str());
  return r.setting.empty() ? where : fmt::format("{}, {}", where, TextSafe(r.setting));
}

std::string Name(const StatementRef& r) {
  return r.managed_arn.empty() ? fmt::format("{} statement {}", TextSafe(r.policy), r.index)
                               : fmt::format("AWS managed policy {} statement {}", TextSafe(r.policy), r.index);
}

std::string Compact(const Json& j) { return TextSafe(CompactJson(j)); }

std::string Lines(const StatementRef& r, const char* indent) {
  const char* how = r.ruled_out ? ", its Condition is false for this request" : r.partial ? ", on part of it" : "";
  std::string out = fmt::format("{}{} ({}){}\n", indent, Name(r), Origin(r), how);
  out += fmt::format("{}  {}\n", indent, Compact(r.statement));
  return out;
}

// "allowed if: ..." (or "unless (Deny): ...") for what the context leaves open.
std::string OpenLines(const StatementRef& r) {
  const char* head = r.effect == "Deny" ? "unless (Deny):" : "allowed if:";
  std::string out;
  if (!r.undecided.is_null()) {
    out += fmt::format("{} {}\n", head, Compact(r.undecided));
    head = "  and:";
  }
  for (const auto& v : r.variables) {
    out += fmt::format("{} {}\n", head, TextSafe(v));
    head = "  and:";
  }
  return out + Lines(r, "  ");
}

std::string ScopeText(const CanAnswer& a) {
  if (a.scope == CanAnswer::Scope::kExact || a.decision == D::kUndeployable) return "";
  std::string out;
  if (a.scope == CanAnswer::Scope::kSome)
    out = "rule: some resource (no RESOURCE given): allowed means allowed on at least one of\n";
  else if (a.resource == "*")
    out = fmt::format("rule: every resource {} acts on (* names them all): allowed means allowed on all of\n",
                      TextSafe(a.action));
  else
    out = fmt::format("rule: every resource the pattern names that {} acts on: allowed means allowed on all of\n",
                      TextSafe(a.action));
  for (const auto& r : a.scope_resources) out += fmt::format("  {}\n", TextSafe(r));
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
  j["undecided"] = r.undecided;
  j["variables"] = r.variables;
  j["partial"] = r.partial;
  j["ruled_out"] = r.ruled_out;
  j["matched_resources"] = r.resources;
  j["statement"] = r.statement;
  return j;
}

// The answer's fields, added to `j` (which may already hold a batch line's number).
Json AnswerJson(const CanAnswer& a, Json j = Json::object()) {
  j["decision"] = DecisionName(a.decision);
  j["role"] = a.role;
  j["action"] = a.action;
  j["access_level"] = a.access_level;
  j["resource"] = a.resource;
  j["resource_type"] = a.resource_type.empty() ? Json(nullptr) : Json(a.resource_type);
  j["rule"] = ScopeName(a.scope);
  j["rule_resources"] = a.scope_resources;
  Json deciding = Json::array(), conditional = Json::array(), near = Json::array();
  for (const auto& r : a.deciding) deciding.push_back(RefJson(r));
  for (const auto& r : a.conditional) conditional.push_back(RefJson(r));
  for (const auto& r : a.near) near.push_back(RefJson(r));
  j["deciding"] = deciding;
  j["conditional"] = conditional;
  j["near"] = near;
  j["decided_keys"] = a.decided_keys;
  j["refusals"] = a.refusals;
  j["notes"] = a.notes;
  return j;
}

}  // namespace

std::string EmitCanText(const CanAnswer& a, const TextStyle& style) {
  const char* color = a.decision == D::kAllowed ? "1;32" : a.decision == D::kConditional ? "1;33" : "1;31";
  const char* word = a.decision == D::kAllowed       ? "ALLOWED"
                     : a.decision == D::kConditional ? "ALLOWED IF"
                     : a.decision == D::kDenied      ? "DENIED"
                     : a.decision == D::kUndeployable ? "CANNOT DEPLOY"
                                                      : "NOT ALLOWED";
  const std::string head = style.Wrap(color, word);
  std::string on = a.resource == "*" ? "" : fmt::format(" on {}", TextSafe(a.resource));
  if (!a.resource_type.empty()) on += fmt::format(" ({})", TextSafe(a.resource_type));
  std::string out = a.decision == D::kUndeployable
                        ? fmt::format("{}: {} (asked whether it may {}{} [{}])\n", head, TextSafe(a.role),
                                      TextSafe(a.action), on, TextSafe(a.access_level))
                        : fmt::format("{}: {} may {}{} [{}]\n", head, TextSafe(a.role), TextSafe(a.action), on,
                                      TextSafe(a.access_level));
  out += ScopeText(a);
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
      for (const auto& r : a.conditional) out += OpenLines(r);
      break;
    case D::kNotAllowed:
      out += fmt::format("no statement of {} allows it{} (IAM denies by default)\n", TextSafe(a.role),
                         a.scope == CanAnswer::Scope::kEvery ? " on all of them" : "");
      if (!a.near.empty()) {
        const bool partial = std::any_of(a.near.begin(), a.near.end(), [](const auto& r) { return r.partial; });
        const bool ruled_out = std::any_of(a.near.begin(), a.near.end(), [](const auto& r) { return r.ruled_out; });
        out += partial     ? "statements that allow the action on part of it, or on other resources:\n"
               : ruled_out ? "statements that allow the action elsewhere, or under other conditions:\n"
                           : "statements that allow the action on other resources:\n";
        for (const auto& r : a.near) out += Lines(r, "  ");
      }
      break;
    case D::kUndeployable:
      out += fmt::format("IAM would refuse {} as compiled, so it cannot be deployed and has no permissions:\n",
                         TextSafe(a.role));
      for (const auto& r : a.refusals) out += fmt::format("  {}\n", TextSafe(r));
      break;
  }
  if (!a.decided_keys.empty())
    out += fmt::format("decided from the request context: {}\n", TextSafe(fmt::format("{}", fmt::join(a.decided_keys, ", "))));
  for (const auto& n : a.notes) out += fmt::format("note: {}\n", TextSafe(n));
  return out;
}

std::string EmitCanJson(const CanAnswer& a) { return JsonText(AnswerJson(a)); }

std::string EmitCanJsonAnswers(const std::vector<CanAnswer>& answers) {
  if (answers.size() == 1) return EmitCanJson(answers.front());
  Json all = Json::array();
  for (const CanAnswer& a : answers) all.push_back(AnswerJson(a));
  return JsonText(all);
}

std::string EmitCanJsonLine(const CanAnswer& a, std::size_t line) {
  Json j = Json::object();
  j["line"] = line;
  return JsonLine(AnswerJson(a, std::move(j)));
}

}  // namespace jetsam
