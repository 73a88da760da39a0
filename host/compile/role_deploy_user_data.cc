// The deploy user's fixed scopes, as documents. Sources: the Jets docs' "Minimal Deploy IAM
// Policy" page (baseline and least), its later revision (least: adds
// cloudformation:DescribeStackResource, lambda:UpdateFunctionCode and
// lambda:UpdateFunctionConfiguration, lists lambda:GetFunctionConfiguration once where the first
// lists it twice), and the local deploy IAM page (local: the services a Jets 6 local `jets deploy`
// calls; the page names them only, so each is granted whole, as the baseline does).
#include "compile/role_deploy_user.h"

#include <string_view>

namespace jetsam::compile {
namespace {

constexpr const char* kBaseline = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["apigateway:*", "cloudformation:*", "dynamodb:*", "events:*", "iam:*",
                 "lambda:*", "logs:*", "route53:*", "s3:*"],
      "Resource": ["*"]
    }
  ]
})";

constexpr const char* kLeast = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["cloudformation:CreateStack", "cloudformation:DescribeStackEvents",
                 "cloudformation:DescribeStackResource", "cloudformation:DescribeStackResources",
                 "cloudformation:DeleteStack", "cloudformation:UpdateStack"],
      "Resource": ["arn:aws:cloudformation:*:*:stack/${MY_PREFIX}-*",
                   "arn:aws:cloudformation:*:*:stack/${MY_PREFIX}-*/*"]
    },
    {
      "Effect": "Allow",
      "Action": ["iam:PassRole", "iam:GetRole*", "iam:CreateRole", "iam:PutRolePolicy",
                 "iam:DeleteRolePolicy", "iam:DeleteRole"],
      "Resource": ["arn:aws:iam::*:role/${MY_PREFIX}-*"]
    },
    {
      "Effect": "Allow",
      "Action": ["lambda:PublishLayerVersion", "lambda:DeleteLayerVersion", "lambda:GetFunction",
                 "lambda:CreateFunction", "lambda:GetLayerVersion", "lambda:DeleteFunction",
                 "lambda:UpdateFunctionCode", "lambda:GetFunctionConfiguration",
                 "lambda:UpdateFunctionConfiguration", "lambda:AddPermission",
                 "lambda:RemovePermission", "lambda:InvokeFunction"],
      "Resource": ["arn:aws:lambda:*:*:function:${MY_PREFIX}-*",
                   "arn:aws:lambda:*:*:layer:prod-${MY_PREFIX}-*:*",
                   "arn:aws:lambda:*:*:layer:dev-${MY_PREFIX}-*:*",
                   "arn:aws:lambda:*:*:layer:prod-${MY_PREFIX}-*",
                   "arn:aws:lambda:*:*:layer:dev-${MY_PREFIX}-*"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:CreateBucket", "s3:List*", "s3:Describe*", "s3:Put*", "s3:Get*", "s3:Delete*"],
      "Resource": ["arn:aws:s3:::${MY_PREFIX}-*", "arn:aws:s3:::${MY_PREFIX}-*/*"]
    },
    {
      "Effect": "Allow",
      "Action": ["apigateway:*", "cloudformation:DescribeStacks", "logs:DescribeLogGroups"],
      "Resource": ["*"]
    },
    {
      "Effect": "Allow",
      "Action": ["logs:DeleteLogGroup"],
      "Resource": ["arn:aws:logs:*:*:log-group:/aws/lambda/${MY_PREFIX}-*:*:*"]
    },
    {
      "Effect": "Allow",
      "Action": ["events:PutRule", "events:DescribeRule", "events:RemoveTargets",
                 "events:DeleteRule", "events:PutTargets"],
      "Resource": ["arn:aws:events:*:*:rule/${MY_PREFIX}-*"]
    }
  ]
})";

constexpr const char* kLocal = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["cloudformation:*", "iam:*", "s3:*", "logs:*", "codebuild:*"],
      "Resource": ["*"]
    }
  ]
})";

void Substitute(Json& j, const std::string& prefix) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    constexpr std::string_view kVar = "${MY_PREFIX}";
    for (size_t at = s.find(kVar); at != std::string::npos; at = s.find(kVar, at + prefix.size()))
      s.replace(at, kVar.size(), prefix);
    j = s;
  } else if (j.is_array() || j.is_object()) {
    for (auto& child : j) Substitute(child, prefix);
  }
}

}  // namespace

const char* DeployUserDocumentText(const std::string& scope) {
  if (scope == "baseline") return kBaseline;
  if (scope == "least") return kLeast;
  if (scope == "local") return kLocal;
  return nullptr;
}

Json WithPrefix(const Json& document, const std::string& prefix) {
  Json out = document;
  Substitute(out, prefix);
  return out;
}

}  // namespace jetsam::compile
