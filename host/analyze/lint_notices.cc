// jetsam lint: notices of evaluation and compile carried over as findings, and
// vpc-policy-without-vpc.
#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "analyze/lint_rules.h"
#include "analyze/policy_match.h"

namespace jetsam::lint {
namespace {

// A notice about several uses ("used by Jets' defaults, config/jets/deploy.rb:7") may carry the
// defaults' empty location: the first file:line its message names is the user's. Only the list
// after the last "(used by " is read: what comes before holds the look-up's arguments, which the
// config chooses.
Location FirstUserLocation(const std::string& full) {
  const std::size_t used_by = full.rfind("(used by ");
  if (used_by == std::string::npos) return {};
  const std::string message = full.substr(used_by);
  for (std::size_t at = message.find("config/jets/"); at != std::string::npos;
       at = message.find("config/jets/", at + 1)) {
    std::size_t colon = message.find(".rb:", at);
    if (colon == std::string::npos) break;
    colon += 3;
    std::size_t end = colon + 1;
    while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
    if (end == colon + 1 || end - colon - 1 > 9) continue;  // at most 9 digits: no overflow
    return Location{message.substr(at, colon - at), std::stoi(message.substr(colon + 1, end - colon - 1))};
  }
  return {};
}

// Whether a placeholder the message names ("<aws.account>") appears in the roles as deployed.
bool InPolicies(LintContext& ctx, const std::string& message) {
  const std::string& cfn_text = ctx.CfnText();
  for (std::size_t lt = message.find('<'); lt != std::string::npos; lt = message.find('<', lt + 1)) {
    const std::size_t gt = message.find('>', lt);
    if (gt == std::string::npos) break;
    if (cfn_text.find(message.substr(lt, gt - lt + 1)) != std::string::npos) return true;
  }
  return false;
}

// The role a setting builds: codebuild.* the CodeBuild role, lambda.* and job.* the Lambda role,
// ci.* the CI role; "" for any other setting.
std::string RoleOfSetting(const Compiled& compiled, const std::string& setting) {
  const auto starts = [&](const char* prefix) { return setting.rfind(prefix, 0) == 0; };
  const std::optional<RoleKind> kind = starts("codebuild.")                      ? std::optional(RoleKind::kCodebuild)
                                       : starts("lambda.") || starts("job.")     ? std::optional(RoleKind::kLambda)
                                       : starts("ci.")                           ? std::optional(RoleKind::kCi)
                                                                                 : std::nullopt;
  if (!kind) return "";
  for (const auto& r : compiled.roles)
    if (r.kind == *kind) return r.logical_id;
  return "";
}

}  // namespace

// notices of evaluation and compile, under their own code (policy grammar excepted: lint reports
// it itself, with the role, as errors)
void CarriedOverNotices(LintContext& ctx) {
  for (const auto& n : ctx.compiled.notices) {
    if (IsGrammarRule(n.code)) continue;
    Finding f;
    f.setting = n.setting;
    f.role = RoleOfSetting(ctx.compiled, n.setting);
    bool known = false;
    for (const auto& r : LintRules()) known = known || n.code == r.id;
    f.rule = known ? n.code : "config-notice";
    f.severity = n.severity == Notice::Severity::kWarning ? Severity::kWarning : Severity::kInfo;
    f.message = n.message;
    f.where = n.where.empty() ? FirstUserLocation(n.message) : n.where;
    if (f.setting.empty() && n.code == "unresolved-lookup" && !f.where.empty()) {
      // The look-up's line: the statement (and so the setting and role) compiled from it.
      for (const auto& role : ctx.compiled.roles)
        for (const auto& p : role.policies)
          for (const auto& st : p.statements)
            if (f.setting.empty() && st.origin == f.where) f.setting = SettingOf(st, p), f.role = role.logical_id;
    }
    if (f.setting.empty() && !f.where.empty()) {
      // The evaluation's notices carry no setting: the one set at that line (for unknown-setting,
      // the unknown one).
      for (const ConfigSettings* object : {&ctx.eval.settings.bootstrap, &ctx.eval.settings.deploy, &ctx.eval.settings.project})
        for (const auto& s : object->settings)
          if (s.where == f.where && f.setting.empty() && (s.known != (n.code == "unknown-setting"))) f.setting = s.path;
      f.role = RoleOfSetting(ctx.compiled, f.setting);
    }
    f.hint = n.hint;
    if (f.where.empty()) f.severity = Severity::kInfo;  // Jets' defaults alone: information
    if (n.code == "unresolved-lookup" && !InPolicies(ctx, n.message)) {
      f.severity = Severity::kInfo;  // a look-up no policy holds (a certificate, a subnet)
      f.message += "; no IAM policy depends on it";
    }
    ctx.findings.push_back(std::move(f));
  }
}

// vpc-policy-without-vpc (CodeBuild: Jets adds VpcPolicy with or without a VPC)
void VpcPolicyWithoutVpc(LintContext& ctx) {
  for (const auto& role : ctx.compiled.roles) {
    if (role.kind != RoleKind::kCodebuild) continue;
    const Policy* vpc = nullptr;
    for (const auto& p : role.policies)
      if (p.setting == "codebuild.iam.default_vpc_policy") vpc = &p;
    if (!vpc) continue;
    for (const auto& s : ctx.eval.settings.bootstrap.settings) {
      if (s.path.find("vpc") == std::string::npos || s.path.rfind("codebuild.iam.", 0) == 0) continue;
      if (s.value.truthy() && !(s.value.is_hash() && s.value.pairs().empty())) return;  // a VPC is configured
    }
    const Setting* set = ctx.eval.settings.bootstrap.Find("codebuild.iam.default_vpc_policy");
    std::vector<std::string> actions;
    for (const auto& s : vpc->statements)
      if (s.json.contains("Action"))
        for (const auto& a : analyze::Strings(s.json.at("Action"))) actions.push_back(a);
    Finding f;
    f.rule = "vpc-policy-without-vpc";
    f.severity = Severity::kInfo;
    f.where = set ? set->where : Location{};
    f.setting = "codebuild.iam.default_vpc_policy";
    f.role = role.logical_id;
    f.message = fmt::format("Jets adds VpcPolicy ({} on *) to {} though the runner has no VPC config",
                            Join(actions), role.logical_id);
    f.hint = "if the runner uses no VPC, set config.codebuild.iam.default_vpc_policy = [] in "
             "config/jets/bootstrap.rb, as Jets' docs advise";
    ctx.Add(std::move(f));
  }
}

}  // namespace jetsam::lint
