// jetsam lint: runs the rules (ids in LintRules(), code in lint_*.cc) over one evaluated and
// compiled checkout, then dedupes and sorts the findings.
// A finding on a Jets default (no file:line) is information, reported once: Jets' own defaults
// are not the user's to fix, and repeating them would drown what is.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "analyze/lint_rules.h"
#include "analyze/policy_match.h"
#include "jetsam/compile.h"
#include "jetsam/version.h"
#include "jetsam/json_compact.h"

namespace jetsam {
namespace lint {

LintContext::LintContext(const EvalResult& eval, const Compiled& compiled)
    : eval(eval), compiled(compiled), cat(iam::Catalog::Get()), fit(cat) {}

void LintContext::Add(Finding f) {
  if (f.where.empty()) f.severity = Severity::kInfo;  // on a Jets default: information
  findings.push_back(std::move(f));
}

Location LintContext::SettingWhere(const std::string& path) const {
  for (const ConfigSettings* object : {&eval.settings.project, &eval.settings.bootstrap, &eval.settings.deploy})
    if (const Setting* s = object->Find(path)) return s->where;
  return {};
}

const Json& LintContext::Cfn() {
  if (!cfn_ready_) {
    cfn_ = CfnResources(compiled);
    cfn_ready_ = true;
  }
  return cfn_;
}

const std::string& LintContext::CfnText() {
  if (cfn_text_.empty()) cfn_text_ = CompactJson(Cfn());
  return cfn_text_;
}

bool LintContext::AnyAction(const std::string& pattern) {
  auto it = any_action.find(pattern);
  if (it == any_action.end()) it = any_action.emplace(pattern, !cat.ExpandIds(pattern).empty()).first;
  return it->second;
}

const std::vector<iam::ActionInfo>& LintContext::Actions(const std::string& pattern) {
  auto it = expanded.find(pattern);
  if (it == expanded.end()) it = expanded.emplace(pattern, cat.Expand(pattern)).first;
  return it->second;
}

Finding StatementFinding(std::string rule, Severity severity, const Role& role, const Policy& p, const Statement& s) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.where = s.origin;
  f.setting = SettingOf(s, p);
  f.role = role.logical_id;
  return f;
}

const Location& ActionOrigin(const Statement& s, std::size_t i) {
  return i < s.action_origins.size() && !s.action_origins[i].empty() ? s.action_origins[i] : s.origin;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  return fmt::format("{}", fmt::join(v, sep));
}

namespace {

void Dedupe(std::vector<Finding>& findings) {
  std::set<std::string> seen;
  std::vector<Finding> kept;
  for (auto& f : findings) {
    if (!seen.insert(f.rule + "|" + f.where.str() + "|" + f.message).second) continue;
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

// Whether an AWS managed policy is one AWS writes for a service's own role (service-role/,
// aws-service-role/: AWSLambdaBasicExecutionRole's logs writes on *): attaching it to the role of
// that service is the documented practice, not a risk to report, as IAM checkers such as
// Cloudsplaining leave these out by default.
bool ForAServiceRole(const std::string& arn) {
  return arn.find(":iam::aws:policy/service-role/") != std::string::npos ||
         arn.find(":iam::aws:policy/aws-service-role/") != std::string::npos;
}

// The role with the AWS managed policies the config attached as policies of their own: what the
// risk rules weigh (AdministratorAccess in managed_policy grants * on * as much as a statement
// does). Jets' own managed policies are left out: the defaults' findings are reported apart.
Role WithAttachedManagedPolicies(const LintContext& ctx, const Role& role) {
  Role out = role;
  for (const auto& m : role.managed) {
    if (m.origin.empty() || m.arn.find(":iam::aws:policy/") == std::string::npos || ForAServiceRole(m.arn)) continue;
    std::optional<iam::ManagedPolicyInfo> mp = ctx.cat.FindManagedPolicy(m.arn);
    if (!mp) continue;  // unknown-managed-policy's business
    Policy p;
    p.name = mp->QualifiedName();
    p.setting = m.setting;
    for (Json& st : analyze::DocumentStatements(mp->document)) {
      Statement s;
      s.json = std::move(st);
      s.setting = m.setting;
      s.origin = m.origin;
      p.statements.push_back(std::move(s));
    }
    out.policies.push_back(std::move(p));
  }
  return out;
}

std::vector<Finding> Run(const EvalResult& eval, const Compiled& compiled) {
  LintContext ctx(eval, compiled);
  CarriedOverNotices(ctx);
  JetsCrashes(ctx);
  for (const auto& role : compiled.roles) {
    PolicyGrammar(ctx, role);
    UnknownActions(ctx, role);
    ArnForms(ctx, role);
    ResourceTypeMismatch(ctx, role);
    UnknownManagedPolicies(ctx, role);
    IamLimits(ctx, role);
    RedundantStatements(ctx, role);
    RedundantResources(ctx, role);
    const Role attached = WithAttachedManagedPolicies(ctx, role);
    PrivilegeEscalation(ctx, attached);
    DataExfiltration(ctx, attached);
    CredentialsExposure(ctx, attached);
    WildcardOveruse(ctx, attached);
    ServiceLinkedRoleWildcard(ctx, role);
    WeakMfaCondition(ctx, role);
  }
  DefaultsEscalation(ctx);
  DefaultsRisk(ctx);
  VpcPolicyWithoutVpc(ctx);
  Dedupe(ctx.findings);
  return std::move(ctx.findings);
}

}  // namespace
}  // namespace lint

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "info";
}

const std::vector<LintRule>& LintRules() {
  static const std::vector<LintRule> rules = {
      {"unknown-service", Severity::kError, "An action's service prefix is no AWS service",
       "An action such as \"dyanmodb:*\" names no service in the AWS service authorization reference: IAM "
       "accepts the policy and the statement grants nothing."},
      {"unknown-action", Severity::kError, "An action or action pattern matches no action",
       "A misspelt action (\"s3:GetObjekt\") or a pattern that matches nothing (\"s3:Fetch*\") grants nothing."},
      {"unknown-managed-policy", Severity::kError, "A managed policy name is no AWS managed policy",
       "Jets turns a name into arn:aws:iam::aws:policy/NAME; when AWS has no such policy the deploy fails. "
       "Policies under a path (service-role/...) must be written with it."},
      {"unknown-arn-form", Severity::kWarning, "A Resource has no ARN form the AWS service reference knows",
       "A Resource that fits no resource type of its service probably matches nothing, so the statement "
       "grants less than it seems; so does one that names a region AWS does not have (jetsam's list dates from "
       "2026) or a region of another partition. Look-ups jetsam cannot answer offline (<aws.account>) are not "
       "faults."},
      {"malformed-arn", Severity::kError, "A Resource IAM refuses or that can name no resource",
       "A Resource is \"*\" or an ARN of six fields, arn:partition:service:region:account:resource, in a known "
       "partition, with a region and an account exactly where the service's ARN formats have them "
       "(arn:aws:s3::b/* has five fields; an S3 ARN has no region)."},
      {"resource-type-mismatch", Severity::kError, "An action that acts on none of the statement's resources",
       "The IAM reference lists the resource types each action acts on and each type's ARN format: s3:GetObject "
       "on a bucket ARN, s3:ListBucket on an object ARN, a DynamoDB action on an S3 ARN grant nothing. A "
       "${BucketName} never holds '/'. An action without resource types takes only Resource \"*\"."},
      {"invalid-effect", Severity::kError, "Effect missing, or neither Allow nor Deny",
       "IAM refuses a statement whose Effect is not exactly Allow or Deny (\"Alow\", \"allow\")."},
      {"missing-element", Severity::kError, "A statement without Action or Resource, or with both forms of one",
       "Every statement of an identity policy has Action or NotAction and Resource or NotResource, exactly one "
       "of each, not an empty list; a document has at least one statement."},
      {"principal-in-identity-policy", Severity::kError, "Principal or NotPrincipal in a role's policy",
       "A role's own policies say what it may do; IAM refuses Principal and NotPrincipal in them (who may assume "
       "the role is its trust policy)."},
      {"invalid-sid", Severity::kError, "A Sid with characters other than letters and digits, or used twice",
       "IAM takes Sids of A-Z, a-z and 0-9 only, unique within a policy. Jets merges the items of a setting into "
       "one policy, so Sids of different items can clash. An empty Sid is a warning: it names nothing."},
      {"unknown-element", Severity::kError, "A key IAM does not know in a statement or document",
       "A statement has Sid, Effect, Action, NotAction, Resource, NotResource and Condition; a document Version, "
       "Id and Statement. IAM refuses anything else (\"Actions\", \"Resources\") and Versions other than "
       "2012-10-17 and 2008-10-17."},
      {"condition-operator", Severity::kError, "An unknown condition operator or a wrong form of one",
       "IAM refuses operators it does not know (StringEqualz) and Null...IfExists. A key with several values "
       "(ArrayOf...) needs ForAllValues: or ForAnyValue:; on a single-valued key they are a warning (ForAllValues "
       "also matches when the key is absent)."},
      {"condition-key", Severity::kError, "A condition key that no request of the statement carries",
       "A key neither global (aws:...) nor defined, in the IAM reference, for the services of the statement's "
       "actions is never present, so the condition never holds."},
      {"condition-value", Severity::kError, "A condition value of the wrong type",
       "Bool and Null take true or false, Numeric operators numbers, Date operators ISO 8601 dates or epoch "
       "seconds, IpAddress CIDR ranges, ARN operators ARNs. An operator of another type than its key's "
       "(NumericEquals on a String key, StringEquals on a Bool key) is a warning: IAM accepts it (Access Analyzer's "
       "type mismatch). So are a key's values of mixed JSON types (Access Analyzer's invalid condition data type) "
       "and a value of iam:PassedToService, kms:ViaService or another service principal key that is no service "
       "principal (\"lambda\" for \"lambda.amazonaws.com\"), which no request holds."},
      {"policy-variable", Severity::kError, "A policy variable IAM cannot fill",
       "${...} works in Resource and in String or ARN conditions of a 2012-10-17 policy. A variable that names no "
       "key, lacks its closing brace, or is never set for a role session (${aws:username}, federation keys) makes "
       "the statement match nothing."},
      {"wildcard-without-like", Severity::kWarning, "A * or ? in a value that the operator compares literally",
       "StringEquals, StringNotEquals and their IgnoreCase forms compare * and ? as plain characters; only "
       "StringLike and StringNotLike read them as wildcards (Access Analyzer's wildcard without like operator)."},
      {"private-ip-condition", Severity::kWarning, "Private ranges on aws:SourceIp",
       "aws:SourceIp holds the public address a request comes from (a request from a VPC carries aws:VpcSourceIp "
       "instead), so IpAddress on private ranges never matches them and NotIpAddress always excludes nothing "
       "by them; IAM still accepts the policy (Access Analyzer's private IP address checks)."},
      {"deny-tag-key-unsupported", Severity::kWarning, "A Deny on aws:ResourceTag for actions without resource tags",
       "A request carries aws:ResourceTag/... only for actions whose resources support tags in the IAM reference; "
       "for the others the key is absent, the condition false, and the Deny does not stop them (Access Analyzer's "
       "deny with unsupported tag condition key, and its NotAction form, which covers every service)."},
      {"allow-tag-key-unsupported", Severity::kWarning, "An Allow on aws:ResourceTag for actions without resource tags",
       "For actions whose resources support no tags in the IAM reference a request carries no aws:ResourceTag/..., "
       "so the condition is false and the Allow never grants them (Access Analyzer's allow with unsupported tag "
       "condition key)."},
      {"missing-version", Severity::kWarning, "A policy document without Version",
       "IAM reads a policy without Version as Version 2008-10-17, in which ${...} is plain text rather than a policy "
       "variable; Jets writes Version itself except in a PolicyDocument given whole (Access Analyzer's missing "
       "version)."},
      {"missing-paired-condition-key", Severity::kWarning, "aws:VpcSourceIp without aws:SourceVpc or aws:SourceVpce",
       "Private addresses repeat from one VPC to the next: an Allow that tests aws:VpcSourceIp without the VPC "
       "(aws:SourceVpc) or its endpoint (aws:SourceVpce) admits the same range from every VPC (Access Analyzer's "
       "missing paired condition keys)."},
      {"empty-condition", Severity::kWarning, "A Condition, an operator or a key with nothing in it",
       "An empty Condition or operator block conditions nothing, so the statement applies as if it had none; a "
       "key with an empty list of values matches no value, so a positive operator's statement applies to no "
       "request. IAM accepts both (Access Analyzer's empty object condition and empty array condition)."},
      {"data-exfiltration", Severity::kWarning, "Reads of data and secrets on every resource",
       "s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt, rds:CopyDBSnapshot and "
       "rds:CreateDBSnapshot on * or on an ARN that covers every resource of their kind (arn:aws:s3:::*/*) let "
       "the role read whatever the account holds (Cloudsplaining's data exfiltration)."},
      {"credentials-exposure", Severity::kWarning, "Actions that hand out credentials, on every resource",
       "sts:AssumeRole, sts:GetSessionToken, iam:CreateAccessKey, ecr:GetAuthorizationToken, "
       "redshift:GetClusterCredentials, rds-db:connect and the other actions whose answer holds keys, passwords "
       "or tokens, on * or on an ARN that covers every resource of their kind, let whoever holds the role obtain "
       "credentials for all of them (Cloudsplaining's and Parliament's credentials exposure)."},
      {"service-wildcard", Severity::kWarning, "Every action of a service on all its resources",
       "s3:*, dynamodb:* or * on * (or on arn:aws:s3:::*) grants the service's destructive and permission "
       "actions too, and those AWS adds later. A wildcard in the service name (*code*:List*) grants in every "
       "service whose prefix fits, those AWS adds later included."},
      {"unscoped-write", Severity::kWarning, "Write actions on *",
       "Write actions that take resource ARNs, granted on *, may change or delete every resource of their kind "
       "in the account (Cloudsplaining's infrastructure modification). Those privilege-escalation, "
       "data-exfiltration or credentials-exposure report are left to them. iam:CreateServiceLinkedRole on roles "
       "named by a wildcard (role/aws-service-role/*) without a Condition on iam:AWSServiceName may create the "
       "role of any service (Access Analyzer's create SLR with star in resource)."},
      {"resource-exposure", Severity::kWarning, "Permissions management actions on *",
       "Permissions management actions that take resource ARNs (s3:PutBucketPolicy, kms:PutKeyPolicy, "
       "lambda:AddPermission, sqs:AddPermission, ...), granted on *, may open every resource of their kind to "
       "other principals, other accounts and the public included (Cloudsplaining's resource exposure). Those "
       "privilege-escalation or credentials-exposure report are left to them."},
      {"allow-with-not", Severity::kWarning, "Allow with NotAction or NotResource",
       "An Allow with NotAction grants every other action of every service, and one with NotResource every other "
       "resource, those created later included."},
      {"weak-mfa-condition", Severity::kWarning, "A condition on aws:MultiFactorAuthPresent that enforces nothing",
       "Bool aws:MultiFactorAuthPresent \"false\" never matches a request without the key (long-term access "
       "keys): a Deny on it denies nothing, use BoolIfExists. Null \"false\" only tests that the key exists."},
      {"lambda-logs-dropped", Severity::kWarning, "lambda.iam.default_policy drops CloudWatch Logs",
       "Overriding lambda.iam.default_policy replaces Jets' defaults; without logs:CreateLogStream and "
       "logs:PutLogEvents the functions cannot log, which makes them hard to debug (Jets' IAM docs)."},
      {"inline-policy-size", Severity::kError, "A role's inline policies exceed 10,240 characters",
       "IAM limits the inline policies of a role to 10,240 characters in all, whitespace not counted; "
       "counted on the policies as jetsam compiles them."},
      {"managed-policy-count", Severity::kWarning, "More managed policies than IAM's quota allows",
       "IAM attaches 10 managed policies per role by default (a warning) and 20 at most (an error)."},
      {"policy-name-length", Severity::kError, "A PolicyName longer than 128 characters",
       "IAM limits policy names to 128 characters."},
      {"privilege-escalation", Severity::kWarning, "A statement lets the role gain more privileges",
       "iam:PassRole, iam:* and other IAM writes on every resource, or passing a role together with a service "
       "that runs code with it (lambda:CreateFunction, ec2:RunInstances, ...), let whoever controls the role "
       "act as a more powerful one. Jets' own defaults need some of this to deploy: they are reported once, as "
       "information."},
      {"redundant-statement", Severity::kWarning, "An action another statement of the role already grants",
       "A user-set action that another statement of the same role already grants on the same resources adds "
       "nothing. A warning when the other statement is the user's too; information when it is one of Jets' "
       "defaults (re-granting it may be deliberate)."},
      {"redundant-resource", Severity::kWarning, "A Resource another Resource of the statement covers",
       "A Resource that a wildcard of another Resource in the same statement already matches "
       "(arn:aws:s3:::b/x beside arn:aws:s3:::b/*) adds nothing (Access Analyzer's redundant resource)."},
      {"unknown-setting", Severity::kWarning, "A setting Jets does not define",
       "An assignment to a setting Jets does not know (often a typo) is kept and ignored by Jets."},
      {"unresolved-lookup", Severity::kWarning, "An AWS look-up jetsam cannot answer offline",
       "The compiled output holds a placeholder such as <aws.account>; pass --account/--region or a --facts "
       "file for the real value."},
      {"camelized-condition-key", Severity::kWarning, "Jets camelizes a key IAM will not match",
       "Jets camelizes every key of its templates; a condition key such as aws:SourceArn becomes "
       "Aws:SourceArn. Case-only changes of context keys are information."},
      {"vpc-policy-without-vpc", Severity::kInfo, "VpcPolicy on the CodeBuild role without a VPC",
       "Jets " JETSAM_JETS_VERSION " adds VpcPolicy (ec2) to the CodeBuild role whenever codebuild.iam.default_vpc_policy is not "
       "empty, VPC or not."},
      {"jets-" JETSAM_JETS_VERSION "-crashes", Severity::kError, "A value Jets " JETSAM_JETS_VERSION "'s policy code fails on",
       "Jets " JETSAM_JETS_VERSION " raises NoMethodError on some forms its docs show: a {PolicyName:, PolicyDocument:} item, "
       "a lone statement Hash, NotAction, String keys, nil. jetsam compiles them as the docs describe, but `jets "
       "deploy` stops there: an error for the CodeBuild role (Jets' open code), a warning for the roles Jets' remote "
       "runner builds."},
      {"config-notice", Severity::kInfo, "Another notice of evaluation or compile",
       "A notice jetsam's evaluation or compile gave that no other rule covers."},
  };
  return rules;
}

std::vector<Finding> Lint(const EvalResult& eval, const Compiled& compiled) {
  std::vector<Finding> out = lint::Run(eval, compiled);
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.where.empty() != b.where.empty()) return b.where.empty();
    if (a.where.file != b.where.file) return a.where.file < b.where.file;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.message < b.message;
  });
  return out;
}

LintSummary Summarize(const std::vector<Finding>& findings) {
  LintSummary s;
  for (const auto& f : findings) {
    if (f.severity == Severity::kError) ++s.errors;
    else if (f.severity == Severity::kWarning) ++s.warnings;
    else ++s.infos;
  }
  return s;
}

}  // namespace jetsam
