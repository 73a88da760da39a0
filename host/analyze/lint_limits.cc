// jetsam lint: IAM's size and count limits (inline-policy-size, managed-policy-count,
// policy-name-length).
#include <fmt/format.h>

#include "analyze/lint_rules.h"
#include "jetsam/json_compact.h"

namespace jetsam::lint {
namespace {

constexpr std::size_t kInlineChars = 10240, kManagedDefault = 10, kManagedMax = 20, kPolicyName = 128;

}  // namespace

// IAM's quotas (AWS IAM and STS quotas: policy sizes, managed policies per role) on the policies
// as deployed
void IamLimits(LintContext& ctx, const Role& role) {
  const Json& cfn = ctx.Cfn();
  // The location to blame: the last user-set policy statement, else the setting.
  Location blame;
  std::string blame_setting;
  for (const auto& p : role.policies)
    for (const auto& s : p.statements)
      if (!s.origin.empty()) blame = s.origin, blame_setting = s.setting;
  std::size_t total = 0;
  auto res = cfn.find(role.logical_id);
  if (res != cfn.end()) {
    const Json& props = (*res)["Properties"];
    if (auto pol = props.find("Policies"); pol != props.end() && pol->is_array()) {
      for (const auto& p : *pol) {
        if (!p.contains("PolicyDocument")) continue;
        for (char c : CompactJson(p["PolicyDocument"]))
          if (c != ' ' && c != '\n' && c != '\t' && c != '\r') ++total;
      }
    }
  }
  if (total > kInlineChars) {
    Finding f;
    f.rule = "inline-policy-size";
    f.severity = Severity::kError;
    f.where = blame;
    f.setting = blame_setting;
    f.role = role.logical_id;
    f.message = fmt::format("the inline policies of {} add up to {} characters (whitespace not counted); IAM "
                            "allows {} per role, so the deploy fails", role.logical_id, total, kInlineChars);
    f.hint = "merge statements with the same Resource, use wildcards, or move statements into a customer "
             "managed policy (6,144 characters each) listed in managed_policy";
    ctx.Add(std::move(f));
  }
  if (role.managed.size() > kManagedDefault) {
    Location last;
    std::string setting;
    for (const auto& m : role.managed)
      if (!m.origin.empty()) last = m.origin, setting = m.setting;
    Finding f;
    f.rule = "managed-policy-count";
    f.severity = role.managed.size() > kManagedMax ? Severity::kError : Severity::kWarning;
    f.where = last;
    f.setting = setting;
    f.role = role.logical_id;
    f.message = role.managed.size() > kManagedMax
                    ? fmt::format("{} has {} managed policies attached; IAM allows {} at most", role.logical_id,
                                  role.managed.size(), kManagedMax)
                    : fmt::format("{} has {} managed policies attached; IAM's default quota is {} per role "
                                  "(it can be raised to {})", role.logical_id, role.managed.size(),
                                  kManagedDefault, kManagedMax);
    f.hint = "drop policies another one covers, or ask AWS to raise \"Managed policies per role\"";
    ctx.Add(std::move(f));
  }
  for (const auto& p : role.policies) {
    if (p.name.size() <= kPolicyName) continue;
    Finding f;
    f.rule = "policy-name-length";
    f.severity = Severity::kError;
    f.where = p.statements.empty() ? Location{} : p.statements.front().origin;
    f.setting = p.setting;
    f.role = role.logical_id;
    f.message = fmt::format("PolicyName \"{}...\" has {} characters; IAM allows {}", p.name.substr(0, 32),
                            p.name.size(), kPolicyName);
    f.hint = "shorten the PolicyName: value";
    ctx.Add(std::move(f));
  }
}

}  // namespace jetsam::lint
