// An evaluation as the VM would leave it for a project that changed nothing: Jets' defaults.
#pragma once
#include <algorithm>

#include "test_values.h"
#include "jetsam/settings.h"

namespace jetsam::fixtures {

// Adds or replaces a setting, keeping the list sorted by path as ConfigSettings::Find expects.
inline void Put(ConfigSettings& object, Setting s) {
  auto& v = object.settings;
  auto it = std::lower_bound(v.begin(), v.end(), s.path,
                             [](const Setting& a, const std::string& p) { return a.path < p; });
  if (it != v.end() && it->path == s.path) {
    *it = std::move(s);
  } else {
    v.insert(it, std::move(s));
  }
}

inline Value LambdaDefaultPolicy() {
  return A({H({P("Action", Strings({"logs:*"})), P("Effect", S("Allow")),
               P("Resource", S("arn:aws:logs:us-west-2:123456789012:log-group:/aws/lambda/demo-dev-*"))}),
            H({P("Action", Strings({"s3:Get*", "s3:List*", "s3:HeadBucket"})), P("Effect", S("Allow")),
               P("Resource", S("arn:aws:s3:::demo-dev-s3bucket-abc*"))}),
            H({P("Action", Strings({"cloudformation:DescribeStacks", "cloudformation:DescribeStackResources"})),
               P("Effect", S("Allow")),
               P("Resource", S("arn:aws:cloudformation:us-west-2:123456789012:stack/demo-dev*"))})});
}

inline EvalResult DefaultEval() {
  EvalResult e;
  e.facts = ProjectFacts{"demo", "dev", "", "demo-dev", "us-west-2", "123456789012", "demo-dev-s3bucket-abc"};
  auto& b = e.settings.bootstrap;
  Put(b, Default("codebuild.iam.policy", A()));
  Put(b, Default("codebuild.iam.managed_policy", A()));
  Put(b, Default("codebuild.iam.default_policy",
                 Strings({"apigateway", "cloudformation", "cloudfront", "codebuild", "dynamodb", "ecr", "ecr-public",
                          "events", "iam", "lambda", "logs", "route53", "s3", "sns", "sqs",
                          "sts:GetServiceBearerToken", "waf", "wafv2"})));
  Put(b, Default("codebuild.iam.default_managed_policy",
                 Strings({"AmazonSSMReadOnlyAccess", "AWSCertificateManagerReadOnly"})));
  Put(b, Default("codebuild.iam.default_vpc_policy", Strings({"ec2"})));
  auto& d = e.settings.deploy;
  Put(d, Default("lambda.function.vpc_config", Value::Nil()));
  Put(d, Default("lambda.iam.policy", A()));
  Put(d, Default("lambda.iam.managed_policy", A()));
  Put(d, Default("lambda.iam.default_policy", LambdaDefaultPolicy()));
  Put(d, Default("lambda.iam.default_managed_policy", A()));
  Put(d, Default("lambda.iam.default_vpc_policy",
                 Strings({"ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
                          "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"})));
  Put(d, Default("job.enable", Value::Bool(false)));
  Put(d, Default("ci.iam.policy", A()));
  Put(d, Default("ci.iam.managed_policy", A()));
  Put(d, Default("ci.iam.default_policy", Strings({"cloudformation", "codebuild", "ecr", "ecr-public", "iam", "logs", "s3"})));
  Put(d, Default("ci.iam.default_managed_policy", Strings({"AmazonSSMReadOnlyAccess", "AWSLambda_ReadOnlyAccess"})));
  return e;
}

}  // namespace jetsam::fixtures
