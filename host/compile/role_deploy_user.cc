// The deploy user's policy. The fixed scopes are the docs' documents
// (role_deploy_user_data.cc); the tailored scope is jetsam's: Jets 6's local needs (CloudFormation,
// IAM, S3, CloudWatch Logs, CodeBuild), scoped to the project's prefix, then one statement per
// feature the project's settings turn on (Lambda URL, CloudFront, Route53, jobs, VPC, ALB, WAF,
// prewarm and schedules, concurrency, layers), each naming the settings that need it.
#include "compile/role_deploy_user.h"
#include "compile/validate.h"

#include <algorithm>
#include <utility>

#include "compile/roles.h"
#include "compile/standardize.h"
#include "jetsam/compile.h"
#include "jetsam/json_compact.h"

namespace jetsam {
namespace {

using Reason = Statement::Reason;

// A look-up the facts could not answer ("<aws.region>") matches any value.
std::string OrAny(const std::string& fact) {
  return fact.empty() || fact.front() == '<' ? "*" : fact;
}

class Tailor {
 public:
  Tailor(const EvalResult& eval, std::string prefix)
      : eval_(eval),
        deploy_(eval.settings.deploy),
        bootstrap_(eval.settings.bootstrap),
        p_(std::move(prefix)),
        region_(OrAny(eval.facts.region)),
        account_(OrAny(eval.facts.account)) {}

  std::vector<Statement> Build() {
    Core();
    Lambda();
    Events();
    Jobs();
    Network();
    CloudFront();
    Route53();
    Waf();
    return std::move(out_);
  }

 private:
  // A reason when the setting's value is truthy; `check` narrows what "on" means.
  bool On(const ConfigSettings& object, const std::string& path, std::vector<Reason>* reasons) {
    if (!object.Get(path).truthy()) return false;
    const Setting* s = object.Find(path);
    reasons->push_back({path, s ? s->where : Location{}});
    return true;
  }
  // Names are scoped by the prefix, the project name unless --prefix says otherwise.
  Reason ProjectName() const {
    const Setting* s = eval_.settings.project.Find("name");
    return {"project.name", s ? s->where : Location{}};
  }
  static Reason At(const ConfigSettings& object, const std::string& path) {
    const Setting* s = object.Find(path);
    return {path, s ? s->where : Location{}};
  }

  void Add(const std::string& sid, std::vector<std::string> actions, std::vector<std::string> resources,
           std::vector<Reason> reasons, Json condition = nullptr) {
    if (reasons.empty()) return;
    std::sort(actions.begin(), actions.end());
    actions.erase(std::unique(actions.begin(), actions.end()), actions.end());
    Statement st;
    st.json = Json::object();
    st.json["Sid"] = sid;
    st.json["Effect"] = "Allow";
    st.json["Action"] = actions;
    st.json["Resource"] = resources;
    if (!condition.is_null()) st.json["Condition"] = std::move(condition);
    st.setting = reasons.front().setting;
    st.origin = reasons.front().where;
    st.needed_by = std::move(reasons);
    out_.push_back(std::move(st));
  }

  std::string Arn(const std::string& service, const std::string& rest) const {
    return "arn:aws:" + service + ":" + region_ + ":" + account_ + ":" + rest;
  }

  // The stacks, bucket, roles, log groups and remote runner every Jets 6 deploy has.
  void Core() {
    const Reason name = ProjectName();
    Add("CloudFormationStacks",
        {"cloudformation:CreateStack", "cloudformation:DeleteStack", "cloudformation:DescribeStackEvents",
         "cloudformation:DescribeStackResource", "cloudformation:DescribeStackResources",
         "cloudformation:DescribeStacks", "cloudformation:GetTemplate", "cloudformation:UpdateStack"},
        {Arn("cloudformation", "stack/" + p_ + "-*"), Arn("cloudformation", "stack/" + p_ + "-*/*")}, {name});
    Add("JetsBucket", {"s3:CreateBucket", "s3:Delete*", "s3:Get*", "s3:List*", "s3:Put*"},
        {"arn:aws:s3:::" + p_ + "-*", "arn:aws:s3:::" + p_ + "-*/*"}, {name});
    Add("JetsRoles",
        {"iam:CreateRole", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:GetRole", "iam:GetRolePolicy",
         "iam:PassRole", "iam:PutRolePolicy"},
        {"arn:aws:iam::" + account_ + ":role/" + p_ + "-*"}, {name});
    ManagedPolicies();
    Add("LogGroups", {"logs:DeleteLogGroup", "logs:DescribeLogStreams", "logs:FilterLogEvents", "logs:GetLogEvents"},
        {Arn("logs", "log-group:/aws/codebuild/" + p_ + "-*"), Arn("logs", "log-group:/aws/lambda/" + p_ + "-*")},
        {name});
    Add("ListLogGroups", {"logs:DescribeLogGroups"}, {"*"}, {name});
    Add("RemoteRunner",
        {"codebuild:BatchGetBuilds", "codebuild:BatchGetProjects", "codebuild:CreateProject",
         "codebuild:DeleteProject", "codebuild:StartBuild", "codebuild:StopBuild", "codebuild:UpdateProject"},
        {Arn("codebuild", "project/" + p_ + "-*")}, {At(bootstrap_, "codebuild.project.compute_type")});
    std::vector<Reason> fleet;
    On(bootstrap_, "codebuild.fleet.enable", &fleet);
    Add("RemoteRunnerFleet",
        {"codebuild:BatchGetFleets", "codebuild:CreateFleet", "codebuild:DeleteFleet", "codebuild:UpdateFleet"},
        {Arn("codebuild", "fleet/" + p_ + "-*")}, fleet);
  }

  // Attaching the roles' managed policies: only those ARNs (a condition), only when there are any.
  void ManagedPolicies() {
    CompileOptions options;
    options.roles = {RoleKind::kCodebuild, RoleKind::kLambda};
    bool ci = false;  // the CI role exists once the project configures CI
    for (const auto& s : deploy_.settings) ci = ci || (s.path.starts_with("ci.") && !s.is_default());
    if (ci) options.roles.push_back(RoleKind::kCi);
    Compiled roles;
    if (!Compile(eval_, options, &roles).ok()) return;  // the roles' own errors surface elsewhere
    std::vector<std::string> arns;
    std::vector<Reason> reasons;
    for (const auto& role : roles.roles) {
      for (const auto& m : role.managed) {
        if (std::find(arns.begin(), arns.end(), m.arn) == arns.end()) arns.push_back(m.arn);
        const ConfigSettings& object = role.kind == RoleKind::kCodebuild ? bootstrap_ : deploy_;
        bool seen = false;
        for (const auto& r : reasons) seen = seen || r.setting == m.setting;
        if (!seen) reasons.push_back(At(object, m.setting));
      }
    }
    if (arns.empty()) return;
    Json condition = Json::object();
    condition["ArnEquals"] = Json::object({{"iam:PolicyARN", arns}});
    Add("JetsRolesManagedPolicies", {"iam:AttachRolePolicy", "iam:DetachRolePolicy"},
        {"arn:aws:iam::" + account_ + ":role/" + p_ + "-*"}, reasons, condition);
  }

  void Lambda() {
    const std::string functions = Arn("lambda", "function:" + p_ + "-*");
    Add("LambdaFunctions",
        {"lambda:AddPermission", "lambda:CreateFunction", "lambda:DeleteFunction", "lambda:GetFunction",
         "lambda:GetFunctionConfiguration", "lambda:RemovePermission", "lambda:TagResource",
         "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"},
        {functions}, {ProjectName()});
    std::vector<Reason> url;
    On(deploy_, "lambda.url.enable", &url);
    Add("LambdaFunctionUrl",
        {"lambda:CreateFunctionUrlConfig", "lambda:DeleteFunctionUrlConfig", "lambda:GetFunctionUrlConfig",
         "lambda:UpdateFunctionUrlConfig"},
        {functions}, url);
    std::vector<Reason> reserved;
    On(deploy_, "lambda.function.reserved_concurrency", &reserved);
    On(deploy_, "lambda.controller.reserved_concurrency", &reserved);
    On(deploy_, "prewarm.reserved_concurrency", &reserved);
    Add("LambdaReservedConcurrency", {"lambda:DeleteFunctionConcurrency", "lambda:PutFunctionConcurrency"},
        {functions}, reserved);
    std::vector<Reason> provisioned;
    On(deploy_, "lambda.function.provisioned_concurrency", &provisioned);
    On(deploy_, "lambda.controller.provisioned_concurrency", &provisioned);
    Add("LambdaProvisionedConcurrency",
        {"lambda:CreateAlias", "lambda:DeleteAlias", "lambda:DeleteProvisionedConcurrencyConfig",
         "lambda:GetProvisionedConcurrencyConfig", "lambda:PublishVersion",
         "lambda:PutProvisionedConcurrencyConfig", "lambda:UpdateAlias"},
        {functions, functions + ":*"}, provisioned);
    // Layers the project names: reading exactly those versions.
    const Value& layers = deploy_.Get("lambda.layers");
    std::vector<std::string> layer_arns;
    for (const auto& l : layers.items())
      if (l.is_text()) layer_arns.push_back(l.text());
    if (!layer_arns.empty()) Add("LambdaLayers", {"lambda:GetLayerVersion"}, layer_arns, {At(deploy_, "lambda.layers")});
    std::vector<Reason> prewarm;
    On(deploy_, "prewarm.enable", &prewarm);
    Add("Prewarm", {"lambda:InvokeFunction"}, {functions}, prewarm);
  }

  void Events() {
    std::vector<Reason> rules;
    On(deploy_, "prewarm.enable", &rules);
    On(deploy_, "scheduler.enable", &rules);
    Add("EventRules",
        {"events:DeleteRule", "events:DescribeRule", "events:PutRule", "events:PutTargets", "events:RemoveTargets"},
        {Arn("events", "rule/" + p_ + "-*")}, rules);
  }

  void Jobs() {
    std::vector<Reason> jobs;
    if (!On(deploy_, "job.enable", &jobs)) return;
    Add("JobQueues",
        {"sqs:CreateQueue", "sqs:DeleteQueue", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
         "sqs:SetQueueAttributes", "sqs:TagQueue"},
        {Arn("sqs", p_ + "-*")}, jobs);
    // CreateEventSourceMapping has no resource to scope: its condition names the functions.
    Json condition = Json::object();
    condition["ArnLike"] = Json::object({{"lambda:FunctionArn", Arn("lambda", "function:" + p_ + "-*")}});
    Add("JobEventSourceMappings",
        {"lambda:CreateEventSourceMapping", "lambda:DeleteEventSourceMapping", "lambda:GetEventSourceMapping",
         "lambda:UpdateEventSourceMapping"},
        {"*"}, jobs, condition);
  }

  void Network() {
    std::vector<Reason> vpc;
    On(deploy_, "lambda.function.vpc_config", &vpc);
    Add("VpcLookups",
        {"ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"},
        {"*"}, vpc);
    std::vector<Reason> alb;
    if (!On(deploy_, "alb.enable", &alb)) return;
    std::vector<std::string> actions = {
        "elasticloadbalancing:AddTags", "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup",
        "elasticloadbalancing:DeleteListener", "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:Describe*",
        "elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:ModifyTargetGroupAttributes", "ec2:DescribeSubnets", "ec2:DescribeVpcs"};
    if (On(deploy_, "alb.security_group.enable", &alb)) {
      for (const char* a : {"ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
                            "ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", "ec2:DescribeSecurityGroups",
                            "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress"})
        actions.push_back(a);
    }
    Add("LoadBalancer", actions, {"*"}, alb);
  }

  // The CloudFront distributions that are on: lambda.url's (only with the URL itself), assets', uploads'.
  std::vector<std::string> Distributions() {
    std::vector<std::string> on;
    if (deploy_.Get("lambda.url.enable").truthy() && deploy_.Get("lambda.url.cloudfront.enable").truthy())
      on.push_back("lambda.url.cloudfront");
    if (deploy_.Get("assets.cloudfront.enable").truthy()) on.push_back("assets.cloudfront");
    if (deploy_.Get("uploads.cloudfront.enable").truthy()) on.push_back("uploads.cloudfront");
    return on;
  }

  void CloudFront() {
    std::vector<Reason> dists;
    for (const auto& d : Distributions()) dists.push_back(At(deploy_, d + ".enable"));
    Add("CloudFrontDistributions",
        {"cloudfront:CreateDistribution", "cloudfront:CreateInvalidation", "cloudfront:DeleteDistribution",
         "cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:TagResource",
         "cloudfront:UpdateDistribution"},
        {"arn:aws:cloudfront::" + account_ + ":distribution/*"}, dists);
    std::vector<Reason> function;
    if (deploy_.Get("lambda.url.enable").truthy() && On(deploy_, "lambda.url.cloudfront.enable", &function))
      On(deploy_, "lambda.url.cloudfront.function.enable", &function);
    if (function.size() == 2) {
      Add("CloudFrontFunction",
          {"cloudfront:CreateFunction", "cloudfront:DeleteFunction", "cloudfront:DescribeFunction",
           "cloudfront:PublishFunction", "cloudfront:UpdateFunction"},
          {"arn:aws:cloudfront::" + account_ + ":function/" + p_ + "-*"}, function);
    }
  }

  // DNS is managed for a distribution that is on with route53.enable, and for an ALB with a domain.
  void Route53() {
    std::vector<Reason> dns;
    std::vector<std::string> zones;
    auto zone = [&](const std::string& base) {
      const Value& id = deploy_.Get(base + ".hosted_zone_id");
      if (id.is_text() && !id.text().empty()) zones.push_back("arn:aws:route53:::hostedzone/" + id.text());
      else zones.push_back("arn:aws:route53:::hostedzone/*");
    };
    for (const auto& d : Distributions()) {
      if (On(deploy_, d + ".route53.enable", &dns)) zone(d + ".route53");
    }
    if (deploy_.Get("alb.enable").truthy()) {
      bool named = false;
      for (const char* key : {"alb.route53.domain", "alb.route53.hosted_zone_name", "alb.route53.hosted_zone_id"})
        named = On(deploy_, key, &dns) || named;
      if (named) zone("alb.route53");
    }
    if (dns.empty()) return;
    std::sort(zones.begin(), zones.end());
    zones.erase(std::unique(zones.begin(), zones.end()), zones.end());
    if (std::find(zones.begin(), zones.end(), "arn:aws:route53:::hostedzone/*") != zones.end())
      zones = {"arn:aws:route53:::hostedzone/*"};
    Add("Route53Records", {"route53:ChangeResourceRecordSets", "route53:GetHostedZone", "route53:ListResourceRecordSets"},
        zones, dns);
    Add("Route53Lookups", {"route53:GetChange", "route53:ListHostedZones", "route53:ListHostedZonesByName"}, {"*"},
        dns);
  }

  // WAF is on when a distribution that is on names a web ACL, or when the project configures its
  // own WAF (any waf.* setting changed: `jets waf:deploy`).
  void Waf() {
    std::vector<Reason> attach;
    for (const auto& d : Distributions()) On(deploy_, d + ".web_acl_id", &attach);
    std::vector<Reason> own;
    for (const auto& s : deploy_.settings)
      if (s.path.starts_with("waf.") && !s.is_default()) own.push_back({s.path, s.where});
    if (own.empty()) {
      Add("WafWebAcl", {"wafv2:GetWebACL"}, {"arn:aws:wafv2:us-east-1:" + account_ + ":global/webacl/*"}, attach);
      return;
    }
    std::vector<std::string> actions = {"wafv2:CreateWebACL", "wafv2:DeleteWebACL", "wafv2:GetWebACL",
                                        "wafv2:ListTagsForResource", "wafv2:TagResource", "wafv2:UpdateWebACL"};
    std::vector<Reason> reasons = attach;
    reasons.insert(reasons.end(), own.begin(), own.end());
    if (deploy_.Get("waf.block_ips.enable").truthy())
      for (const char* a : {"wafv2:CreateIPSet", "wafv2:DeleteIPSet", "wafv2:GetIPSet", "wafv2:UpdateIPSet"})
        actions.push_back(a);
    if (deploy_.Get("waf.logging.enable").truthy() || deploy_.Get("waf.logging").kind() == Value::Kind::kTrue)
      for (const char* a : {"wafv2:DeleteLoggingConfiguration", "wafv2:PutLoggingConfiguration"})
        actions.push_back(a);
    Add("Waf", actions, {"arn:aws:wafv2:us-east-1:" + account_ + ":global/*"}, reasons);
  }

  const EvalResult& eval_;
  const ConfigSettings& deploy_;
  const ConfigSettings& bootstrap_;
  std::string p_, region_, account_;
  std::vector<Statement> out_;
};

std::vector<Statement> Statements(const Json& document) {
  std::vector<Statement> out;
  for (const auto& s : document["Statement"]) {
    Statement st;
    st.json = s;
    out.push_back(std::move(st));
  }
  return out;
}

// IAM counts a group's inline policies together, whitespace not counted: 5,120 characters at most.
void CheckSize(const Role& role, std::vector<Notice>* notices) {
  constexpr size_t kGroupInlineLimit = 5120;
  size_t size = 0;
  for (const auto& p : role.policies) {
    Json doc = Json::object();
    doc["Version"] = "2012-10-17";
    doc["Statement"] = Json::array();
    for (const auto& st : p.statements) doc["Statement"].push_back(st.json);
    for (char c : CompactJson(doc)) size += c != ' ' && c != '\n' && c != '\t' && c != '\r';
  }
  if (size <= kGroupInlineLimit) return;
  Notice n;
  n.code = "deploy-user-policy-size";
  n.message = "the deploy user's policy has " + std::to_string(size) +
              " characters without whitespace; IAM allows 5120 in a group's inline policies, and "
              "put-group-policy will fail";
  n.hint = "create it as a customer managed policy (up to 6144) and attach that, or drop statements "
           "of features the deploy user does not deploy";
  notices->push_back(std::move(n));
}

}  // namespace

const char* DeployScopeName(DeployScope scope) {
  switch (scope) {
    case DeployScope::kBaseline: return "baseline";
    case DeployScope::kLeast: return "least";
    case DeployScope::kLocal: return "local";
    case DeployScope::kTailored: return "tailored";
  }
  return "unknown";
}

std::optional<DeployScope> ParseDeployScope(const std::string& name) {
  for (DeployScope s : {DeployScope::kBaseline, DeployScope::kLeast, DeployScope::kLocal, DeployScope::kTailored})
    if (name == DeployScopeName(s)) return s;
  return std::nullopt;
}

Phase DeployScopePhase(DeployScope scope) {
  return scope == DeployScope::kTailored ? Phase::kDeploy : Phase::kBootstrap;
}

Status CompileDeployUser(const EvalResult& eval, const DeployUserOptions& options, Role* out) {
  std::string prefix = options.prefix.empty() ? eval.facts.name : options.prefix;
  const bool scoped = options.scope == DeployScope::kLeast || options.scope == DeployScope::kTailored;
  if (scoped && (prefix.empty() || prefix.front() == '<')) {
    return Status::Usage(std::string("--deploy-scope ") + DeployScopeName(options.scope) +
                             " scopes names by the project name, and the project has none",
                         "set config.name in config/jets/project.rb, or give --prefix");
  }
  Role role = compile::NewRole(RoleKind::kDeployUser, "JetsGroup", "");
  Policy policy;
  policy.name = options.policy_name;
  policy.setting = std::string("deploy-scope ") + DeployScopeName(options.scope);
  if (options.scope == DeployScope::kTailored) {
    policy.statements = Tailor(eval, prefix).Build();
  } else {
    const Json doc = Json::parse(compile::DeployUserDocumentText(DeployScopeName(options.scope)));
    policy.statements = Statements(options.scope == DeployScope::kLeast ? compile::WithPrefix(doc, prefix) : doc);
  }
  role.policies.push_back(std::move(policy));
  Setting managed;
  managed.path = "--managed";
  std::vector<Value> items;
  for (const auto& m : options.managed) items.push_back(Value::String(m));
  managed.value = Value::Array(std::move(items));
  if (Status s = compile::StandardizeManaged(managed, &role.managed); !s.ok()) return s;
  *out = std::move(role);
  return Status::Ok();
}

Status CompileWithDeployUser(const EvalResult& eval, const CompileOptions& options,
                             const DeployUserOptions& deploy_user, Compiled* out) {
  Compiled result;
  CompileOptions scoped = options;
  scoped.deploy_user_phase = DeployScopePhase(deploy_user.scope);
  if (Status s = Compile(eval, scoped, &result); !s.ok()) return s;
  auto at = std::find(options.roles.begin(), options.roles.end(), RoleKind::kDeployUser);
  const bool missing = std::find(result.missing.begin(), result.missing.end(), RoleKind::kDeployUser) != result.missing.end();
  if (at != options.roles.end() && !missing) {
    Role role;
    if (Status s = CompileDeployUser(eval, deploy_user, &role); !s.ok()) return s;
    if (Status s = compile::ValidateRoles({role}); !s.ok()) return s;
    // Compile keeps the asked order and skips the deploy user: it goes where it was asked for.
    size_t before = 0;
    for (auto it = options.roles.begin(); it != at; ++it)
      if (*it != RoleKind::kDeployUser) ++before;
    CheckSize(role, &result.notices);
    result.roles.insert(result.roles.begin() + static_cast<std::ptrdiff_t>(std::min(before, result.roles.size())),
                        std::move(role));
  }
  *out = std::move(result);
  return Status::Ok();
}

}  // namespace jetsam
