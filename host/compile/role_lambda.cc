// The Lambda application role. Jets 6 builds it in its closed remote runner, so these rules follow
// the docs' IAM Policies page, the docs' lambda.iam.* table and the Jets 5 code.
#include <string_view>

#include "compile/action_match.h"
#include "compile/roles.h"

namespace jetsam::compile {
namespace {

// AWS managed policies that let a function write its logs (each allows logs:CreateLogStream and
// logs:PutLogEvents); an override that keeps one of them still logs.
constexpr std::string_view kLoggingManagedPolicies[] = {
    "AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole", "AWSLambdaExecute",
    "AWSLambdaSQSQueueExecutionRole", "AWSLambdaKinesisExecutionRole",
    "AWSLambdaDynamoDBExecutionRole", "CloudWatchLogsFullAccess", "AdministratorAccess",
    "PowerUserAccess"};

bool ManagedGrantsLogs(const ManagedPolicy& m) {
  const auto slash = m.arn.rfind('/');
  const std::string_view name = slash == std::string::npos ? std::string_view(m.arn)
                                                           : std::string_view(m.arn).substr(slash + 1);
  for (auto known : kLoggingManagedPolicies)
    if (name == known && m.arn.starts_with("arn:aws:iam::aws:policy/")) return true;
  return false;
}

bool RoleGrants(const Role& role, std::string_view action) {
  for (const auto& p : role.policies)
    for (const auto& s : p.statements)
      if (StatementAllows(s.json, action)) return true;
  return false;
}

// The Jets docs' IAM Policies page: overriding default_policy can drop CloudWatch Logs and leave
// functions mute.
void CheckLogs(const Setting* default_policy, const Role& role, const ProjectFacts& facts,
               std::vector<Notice>* notices) {
  if (!default_policy || default_policy->is_default()) return;
  for (const auto& m : role.managed)
    if (ManagedGrantsLogs(m)) return;
  if (RoleGrants(role, "logs:CreateLogStream") && RoleGrants(role, "logs:PutLogEvents")) return;
  Notice n;
  n.code = "lambda-logs-dropped";
  n.setting = "lambda.iam.default_policy";
  n.severity = Notice::Severity::kWarning;
  n.message =
      "lambda.iam.default_policy replaces Jets' defaults, and no statement of IamRole allows "
      "logs:CreateLogStream and logs:PutLogEvents: the functions cannot write to CloudWatch Logs";
  n.where = default_policy->where;
  n.hint = "add {Action: [\"logs:*\"], Effect: \"Allow\", Resource: \"arn:aws:logs:" + facts.region +
           ":" + facts.account + ":log-group:/aws/lambda/" + facts.namespace_ +
           "-*\"}, or use lambda.iam.policy, which adds to the defaults instead of replacing them";
  notices->push_back(std::move(n));
}

// The policies a switch adds carry the switch and where it was turned on.
void MarkSwitched(Role* role, size_t from, const std::string& path, const Setting* sw) {
  for (size_t i = from; i < role->policies.size(); ++i) {
    role->policies[i].switched_by = path;
    role->policies[i].switch_origin = sw ? sw->where : Location{};
  }
}

Policy JobPolicy(const ProjectFacts& facts) {
  Statement st;
  st.json = Json::object();
  st.json["Action"] = Json::array({"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                                   "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
                                   "sqs:ChangeMessageVisibility"});
  st.json["Effect"] = "Allow";
  st.json["Resource"] = "arn:aws:sqs:" + facts.region + ":" + facts.account + ":" + facts.namespace_ + "-*";
  st.setting = "job.enable";
  Policy p;
  p.name = "JobPolicy";
  p.setting = "job.enable";
  p.statements.push_back(std::move(st));
  return p;
}

}  // namespace

Status BuildLambdaRole(const EvalResult& eval, RoleOut out) {
  const ConfigSettings& deploy = eval.settings.deploy;
  Role* role = out.role;
  *role = NewRole(RoleKind::kLambda, "IamRole", "lambda.amazonaws.com");
  if (Status s = AddPolicy(deploy, "lambda.iam.default_policy", "DefaultPolicy", out); !s.ok()) return s;
  if (Status s = AddPolicy(deploy, "lambda.iam.policy", "CustomPolicy", out); !s.ok()) return s;

  const std::string vpc_switch = "lambda.function.vpc_config";
  if (deploy.Get(vpc_switch).truthy()) {
    const size_t from = role->policies.size();
    if (Status s = AddPolicy(deploy, "lambda.iam.default_vpc_policy", "VpcPolicy", out); !s.ok()) return s;
    MarkSwitched(role, from, vpc_switch, deploy.Find(vpc_switch));
  }
  const std::string job_switch = "job.enable";
  if (deploy.Get(job_switch).truthy()) {
    const size_t from = role->policies.size();
    role->policies.push_back(JobPolicy(eval.facts));
    MarkSwitched(role, from, job_switch, deploy.Find(job_switch));
  }

  if (Status s = AddManaged(deploy, "lambda.iam.default_managed_policy", out); !s.ok()) return s;
  if (Status s = AddManaged(deploy, "lambda.iam.managed_policy", out); !s.ok()) return s;
  CheckLogs(deploy.Find("lambda.iam.default_policy"), *role, eval.facts, out.notices);
  return Status::Ok();
}

}  // namespace jetsam::compile
