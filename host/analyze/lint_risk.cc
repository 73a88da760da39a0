// jetsam lint: grants that are too broad for comfort, the classes Cloudsplaining and Parliament
// report (data-exfiltration, credentials-exposure, service-wildcard, unscoped-write,
// resource-exposure, allow-with-not, weak-mfa-condition). Statements with a Condition are left
// out of the "on every resource" rules: a condition may confine what they reach. Jets' defaults
// are summed up once per rule.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <iterator>
#include <map>

#include "analyze/lint_rules.h"
#include "analyze/policy_match.h"
#include "jetsam/json_compact.h"

namespace jetsam::lint {
namespace {

bool AllWildcard(std::string_view s) { return !s.empty() && s.find_first_not_of('*') == std::string_view::npos; }

bool EqualCi(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Reads of data and secrets (Cloudsplaining's data exfiltration actions, and kms:Decrypt).
constexpr const char* kReads[] = {"s3:GetObject",         "ssm:GetParameter",     "ssm:GetParameters",
                                  "ssm:GetParametersByPath", "secretsmanager:GetSecretValue", "kms:Decrypt",
                                  "rds:CopyDBSnapshot",   "rds:CreateDBSnapshot"};

bool ReadsData(std::string_view action) {
  return std::any_of(std::begin(kReads), std::end(kReads), [&](const char* r) { return action == r; });
}

// Actions whose answer holds credentials: keys, passwords, tokens, temporary sessions (the list
// Cloudsplaining and Parliament share for "credentials exposure"), as the IAM reference names them.
constexpr const char* kCredentialActions[] = {
    // Those most roles meet first: sessions, IAM users' keys and passwords, registry tokens.
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:GetFederationToken",
    "sts:GetSessionToken",
    "iam:CreateAccessKey",
    "iam:UpdateAccessKey",
    "iam:CreateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "ecr:GetAuthorizationToken",
    "ecr-public:GetAuthorizationToken",
    "codeartifact:GetAuthorizationToken",
    "rds-db:connect",
    "redshift:GetClusterCredentials",
    "redshift:GetClusterCredentialsWithIAM",
    "redshift-serverless:GetCredentials",
    "ec2:GetPasswordData",
    // The rest, by service.
    "airflow:CreateCliToken",
    "airflow:CreateWebLoginToken",
    "appsync:CreateApiKey",
    "chime:CreateApiKey",
    "cloud9:CreateEnvironmentToken",
    "codepipeline:PollForJobs",
    "cognito-identity:GetCredentialsForIdentity",
    "cognito-identity:GetOpenIdToken",
    "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
    "cognito-idp:AssociateSoftwareToken",
    "cognito-idp:GetSigningCertificate",
    "connect:GetFederationToken",
    "emr-containers:GetManagedEndpointSessionCredentials",
    "finspace-api:GetProgrammaticAccessCredentials",
    "gamelift:GetComputeAccess",
    "gamelift:GetComputeAuthToken",
    "gamelift:GetInstanceAccess",
    "gamelift:RequestUploadCredentials",
    "grafana:CreateWorkspaceApiKey",
    "license-manager:GetAccessToken",
    "lightsail:CreateBucketAccessKey",
    "lightsail:DownloadDefaultKeyPair",
    "lightsail:GetInstanceAccessDetails",
    "lightsail:GetRelationalDatabaseMasterUserPassword",
    "mediapackage:RotateChannelCredentials",
    "mediapackage:RotateIngestEndpointCredentials",
};

bool ReturnsCredentials(std::string_view action) {
  return std::any_of(std::begin(kCredentialActions), std::end(kCredentialActions),
                     [&](const char* c) { return EqualCi(action, c); });
}

bool Unconditional(const Json& st) { return analyze::Effect(st) == "Allow" && !analyze::HasCondition(st); }

std::string Place(const Role& role, const Policy& p, const Statement& s) {
  return fmt::format("{} of {}, {}", p.name, role.logical_id, SettingOf(s, p));
}

Finding NewFinding(const char* rule, const Role& role, const Policy& p, const Statement& s) {
  return StatementFinding(rule, GrantedByDefaults(role, s) ? Severity::kInfo : Severity::kWarning, role, p, s);
}

// A finding on a user statement that Jets' defaults already cover is information, and says so.
void Report(LintContext& ctx, Finding f) {
  if (f.severity == Severity::kInfo) f.message += "; Jets' defaults in the role grant it already";
  ctx.Add(std::move(f));
}

void NoteDefault(LintContext& ctx, const char* rule, const Role& role, const Policy& p, const std::string& what) {
  auto& list = ctx.default_risk[rule];
  const std::string item = fmt::format("{} {} ({})", role.logical_id, p.name, what);
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
  ctx.default_where[rule].Add(role.logical_id, p.setting);
}

}  // namespace

std::string Concrete(std::string_view s) {
  std::vector<std::string> found;
  analyze::WildcardPlaceholders(s, &found);
  std::string out(s);
  for (const auto& placeholder : found)
    for (std::size_t at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at))
      out.replace(at, placeholder.size(), "jetsam-placeholder");
  return out;
}

std::vector<std::string> BroadResources(LintContext& ctx, const Json& st, const iam::ActionInfo& action) {
  std::vector<std::string> out;
  if (auto it = st.find("NotResource"); it != st.end()) {
    out.push_back("NotResource " + CompactJson(*it));
    return out;
  }
  auto it = st.find("Resource");
  if (it == st.end()) return out;
  for (const auto& r : analyze::Strings(*it))
    if (ctx.fit.CoversAType(action, Concrete(r))) out.push_back(r);
  return out;
}

std::string Some(const std::vector<std::string>& names, std::size_t max) {
  if (names.size() <= max) return Join(names);
  std::vector<std::string> head(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(max));
  return fmt::format("{} and {} more", Join(head), names.size() - max);
}

std::vector<std::string> WildcardResources(LintContext& ctx, const Json& st, const iam::ActionInfo& action) {
  std::vector<std::string> out;
  auto it = st.find("Resource");
  if (it == st.end()) return out;
  for (const auto& r : analyze::Strings(*it))
    if (!AllWildcard(r) && r.find_first_of("*?") != std::string::npos && ctx.fit.ActionFits(action, r))
      out.push_back(r);
  return out;
}

bool Grants(LintContext& ctx, const Json& st, const iam::ActionInfo& action) {
  if (!analyze::StatementHasAction(st, action.name)) return false;
  if (st.contains("NotResource")) return true;
  auto it = st.find("Resource");
  if (it == st.end()) return false;
  for (const auto& r : analyze::Strings(*it))
    if (ctx.fit.ActionFits(action, analyze::WildcardPlaceholders(r))) return true;
  return false;
}

// A rule on the actions of a list that an unconditional Allow grants on every resource of their
// kind: what Cloudsplaining calls allowed "without resource constraints".
struct UnconstrainedRule {
  const char* rule;
  const char* what;   // "{setting} lets {role} WHAT: {actions} on {resources}"
  const char* hint;
  std::size_t shown;  // actions named before "and N more"
};

// One finding per statement (or one line of the defaults' summary), naming the actions and the
// Resources that reach that far.
template <std::size_t N>
void ReportUnconstrained(LintContext& ctx, const Role& role, const char* const (&list)[N], const UnconstrainedRule& r) {
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      if (!Unconditional(s.json)) continue;
      std::vector<std::string> hits, on;
      for (const char* action : list) {
        if (!analyze::StatementHasAction(s.json, action)) continue;
        const auto& found = ctx.Actions(action);
        if (found.size() != 1) continue;
        const iam::ActionInfo* info = &found.front();
        const std::vector<std::string> broad = BroadResources(ctx, s.json, *info);
        if (broad.empty()) continue;
        hits.push_back(action);
        for (const auto& b : broad)
          if (std::find(on.begin(), on.end(), b) == on.end()) on.push_back(b);
      }
      if (hits.empty()) continue;
      if (s.origin.empty()) {
        NoteDefault(ctx, r.rule, role, p, fmt::format("{} on {}", Some(hits, r.shown), Join(on)));
        continue;
      }
      Finding f = NewFinding(r.rule, role, p, s);
      f.message = fmt::format("{} lets {} {}: {} on {} ({})", f.setting, role.logical_id, r.what, Some(hits, r.shown),
                              Join(on), Place(role, p, s));
      f.hint = r.hint;
      Report(ctx, std::move(f));
    }
  }
}

// Read access to data and secrets on every resource (Cloudsplaining's "Data Exfiltration").
void DataExfiltration(LintContext& ctx, const Role& role) {
  ReportUnconstrained(ctx, role, kReads,
                      {"data-exfiltration", "read data and secrets everywhere",
                       "name the buckets, parameters, secrets or keys it reads (arn:aws:s3:::BUCKET/prefix/*, "
                       "arn:aws:ssm:REGION:ACCOUNT:parameter/app/*, ...)",
                       std::size(kReads)});
}

// Actions that hand out credentials, on every resource (Cloudsplaining's and Parliament's
// "Credentials Exposure"): whoever holds the role can mint keys, passwords or sessions.
void CredentialsExposure(LintContext& ctx, const Role& role) {
  ReportUnconstrained(ctx, role, kCredentialActions,
                      {"credentials-exposure", "obtain credentials wherever they can be had",
                       "name the roles, users or clusters it needs credentials for (arn:aws:iam::ACCOUNT:role/NAME, "
                       "arn:aws:redshift:REGION:ACCOUNT:dbuser:CLUSTER/USER); an action that takes no resource "
                       "(sts:GetSessionToken, ecr:GetAuthorizationToken) can only be confined with a Condition",
                       4});
}

// service-wildcard, unscoped-write, resource-exposure, allow-with-not
void WildcardOveruse(LintContext& ctx, const Role& role) {
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      const Json& st = s.json;
      if (analyze::Effect(st) != "Allow") continue;
      for (const char* key : {"NotAction", "NotResource"}) {
        auto it = st.find(key);
        // With Action or Resource beside it, the statement is missing-element's (IAM refuses it).
        if (it == st.end() || st.contains(std::string(key).substr(3))) continue;
        const std::string listed = Join(analyze::Strings(*it));
        if (s.origin.empty()) {
          NoteDefault(ctx, "allow-with-not", role, p, fmt::format("{} {}", key, listed));
          continue;
        }
        Finding f = NewFinding("allow-with-not", role, p, s);
        f.message = std::string(key) == "NotAction"
                        ? fmt::format("an Allow with NotAction grants every action of every service but {}, those AWS "
                                      "adds later included ({})",
                                      listed, Place(role, p, s))
                        : fmt::format("an Allow with NotResource grants its actions on every resource but {}, those "
                                      "created later included ({})",
                                      listed, Place(role, p, s));
        f.hint = std::string(key) == "NotAction" ? "list the actions it needs under Action"
                                                 : "list the resources it needs under Resource";
        Report(ctx, std::move(f));
      }
      if (analyze::HasCondition(st) || !st.contains("Action") || !st.contains("Resource")) continue;
      const std::vector<std::string> resources = analyze::Strings(st.at("Resource"));
      const bool on_all = std::any_of(resources.begin(), resources.end(),
                                      [](const std::string& r) { return AllWildcard(Concrete(r)); });
      // Cloudsplaining's two classes of changes on unconstrained resources, by access level:
      // Write (infrastructure modification) and Permissions management (resource exposure).
      std::vector<std::string> wildcards, writes, exposures;
      for (const auto& a : analyze::Strings(st.at("Action"))) {
        const std::size_t colon = a.find(':');
        const bool service_wide = a == "*" || (colon != std::string::npos && AllWildcard(a.substr(colon + 1)));
        if (service_wide) {
          // Broad when on "*", or on an ARN of the service whose resource part is "*".
          bool broad = on_all;
          for (const auto& r : resources) {
            analyze::ArnFields fields;
            broad = broad || (analyze::SplitArn(Concrete(r), &fields) && AllWildcard(fields.resource) &&
                              (a == "*" || iam::IamWildcardMatch(fields.service, a.substr(0, colon), true)));
          }
          // (Names only: "*" would materialize every action of every service.)
          if (broad && (a == "*" || ctx.AnyAction(a))) wildcards.push_back(a);
          continue;
        }
        if (!on_all) continue;
        for (const auto& info : ctx.Actions(a)) {
          if (info.level != iam::AccessLevel::kWrite && info.level != iam::AccessLevel::kPermissionsManagement) continue;
          const bool scoped = std::any_of(info.resource_types.begin(), info.resource_types.end(),
                                          [](const iam::ActionResource& r) { return !r.arn_format.empty(); });
          // What privilege-escalation, data-exfiltration and credentials-exposure report, they
          // report better.
          if (!scoped || EscalatesAlone(info.name) || ReadsData(info.name) || ReturnsCredentials(info.name)) continue;
          auto& list = info.level == iam::AccessLevel::kWrite ? writes : exposures;
          if (std::find(list.begin(), list.end(), info.name) == list.end()) list.push_back(info.name);
        }
      }
      if (!wildcards.empty()) {
        if (s.origin.empty()) {
          NoteDefault(ctx, "service-wildcard", role, p, Join(wildcards));
        } else {
          Finding f = NewFinding("service-wildcard", role, p, s);
          f.message = fmt::format("{} lets {} {} on {}: every action of {}, destructive, permission and future ones "
                                  "included ({})",
                                  f.setting, role.logical_id, Join(wildcards), Join(resources),
                                  wildcards == std::vector<std::string>{"*"} ? "every service" : "the service",
                                  Place(role, p, s));
          f.hint = fmt::format("list the actions the role calls (`jetsam expand {}` shows what it grants) and name "
                               "the resources",
                               wildcards.front());
          Report(ctx, std::move(f));
        }
      }
      // Changes on every resource of their kind, by class: one finding each (or one line of the
      // defaults' summary).
      struct Unscoped {
        const char* rule;
        const std::vector<std::string>& actions;
        const char* what;
        const char* hint;
      };
      const Unscoped classes[] = {
          {"unscoped-write", writes, "Write actions that could name their resources, so it may change every such "
                                     "resource in the account",
           "name the resources it writes (their ARNs) instead of *"},
          {"resource-exposure", exposures,
           "Permissions management actions that could name their resources, so it may rewrite who can reach every "
           "such resource in the account, other accounts and the public included",
           "name the resources whose policies or permissions it manages (their ARNs) instead of *"},
      };
      for (const auto& c : classes) {
        if (c.actions.empty()) continue;
        if (s.origin.empty()) {
          NoteDefault(ctx, c.rule, role, p, Some(c.actions));
          continue;
        }
        Finding f = NewFinding(c.rule, role, p, s);
        f.message = fmt::format("{} lets {} {} on *: {} ({})", f.setting, role.logical_id, Some(c.actions), c.what,
                                Place(role, p, s));
        f.hint = c.hint;
        Report(ctx, std::move(f));
      }
    }
  }
}

// iam:CreateServiceLinkedRole on service-linked roles named by a wildcard
// (role/aws-service-role/*), without a Condition such as iam:AWSServiceName: it may create the
// role of any service (Access Analyzer's create SLR with star in resource). On * itself it is one
// of the Write actions unscoped-write reports with the others.
void ServiceLinkedRoleWildcard(LintContext& ctx, const Role& role) {
  const auto& found = ctx.Actions("iam:CreateServiceLinkedRole");
  if (found.size() != 1) return;
  const iam::ActionInfo& create = found.front();
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      const Json& st = s.json;
      if (s.origin.empty() || !Unconditional(st) || !Grants(ctx, st, create)) continue;
      const std::vector<std::string> wild = WildcardResources(ctx, st, create);
      if (wild.empty()) continue;
      Finding f = NewFinding("unscoped-write", role, p, s);
      f.message = fmt::format("iam:CreateServiceLinkedRole on {} may create the service-linked role of any service ({})",
                              Join(wild), Place(role, p, s));
      f.hint = "name the service-linked role's ARN, or add a Condition on iam:AWSServiceName";
      Report(ctx, std::move(f));
    }
  }
}

// Bool aws:MultiFactorAuthPresent "false" (and Null "false"): Parliament's BAD_PATTERN_FOR_MFA.
void WeakMfaCondition(LintContext& ctx, const Role& role) {
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      auto c = s.json.find("Condition");
      if (c == s.json.end() || !c->is_object()) continue;
      for (auto block = c->begin(); block != c->end(); ++block) {
        const bool is_bool = EqualCi(block.key(), "Bool"), is_null = EqualCi(block.key(), "Null");
        if ((!is_bool && !is_null) || !block->is_object()) continue;
        for (auto kv = block->begin(); kv != block->end(); ++kv) {
          if (!EqualCi(kv.key(), "aws:MultiFactorAuthPresent")) continue;
          const std::vector<std::string> values = analyze::Strings(kv.value());
          if (std::none_of(values.begin(), values.end(), [](const std::string& v) { return EqualCi(v, "false"); }))
            continue;
          Finding f = NewFinding("weak-mfa-condition", role, p, s);
          const bool deny = analyze::Effect(s.json) == "Deny";
          if (is_null) {
            f.message = fmt::format("Null {} \"false\" only tests that the key is present, not that MFA was used ({})",
                                    kv.key(), Place(role, p, s));
            f.hint = "to require MFA, Allow with Bool aws:MultiFactorAuthPresent \"true\", or Deny with BoolIfExists "
                     "aws:MultiFactorAuthPresent \"false\"";
          } else {
            f.message = fmt::format("{} on Bool {} \"false\" never applies to a request without the key, and requests "
                                    "signed with long-term access keys carry none: it does not enforce MFA ({})",
                                    deny ? "a Deny" : "an Allow", kv.key(), Place(role, p, s));
            f.hint = deny ? "write BoolIfExists: a missing key then counts as no MFA"
                          : "to require MFA, Allow with Bool aws:MultiFactorAuthPresent \"true\"";
          }
          Report(ctx, std::move(f));
        }
      }
    }
  }
}

// The risk rules' findings on Jets' own defaults: one info per rule.
void DefaultsRisk(LintContext& ctx) {
  static const std::map<std::string, std::string> kWhat = {
      {"data-exfiltration", "read data and secrets on every resource"},
      {"credentials-exposure", "hand out credentials on every resource"},
      {"service-wildcard", "grant whole services on every resource"},
      {"unscoped-write", "grant Write actions on *"},
      {"resource-exposure", "grant Permissions management actions on *"},
      {"allow-with-not", "use Allow with NotAction or NotResource"},
  };
  for (const auto& [rule, items] : ctx.default_risk) {
    Finding f;
    f.rule = rule;
    f.severity = Severity::kInfo;
    auto what = kWhat.find(rule);
    f.message = fmt::format("Jets' own default policies {}: {}", what == kWhat.end() ? "do so" : what->second,
                            Join(items, "; "));
    f.role = Join(ctx.default_where[rule].roles);
    f.setting = Join(ctx.default_where[rule].settings);
    f.hint = "shown once, as information: Jets' deploys need them; to narrow them override the role's "
             "iam.default_policy, then test a deploy";
    ctx.Add(std::move(f));
  }
}

}  // namespace jetsam::lint
