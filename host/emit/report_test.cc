#include <gtest/gtest.h>

#include "test_eval.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

using namespace jetsam::fixtures;

TEST(EmitReport, ProjectRolesOriginsNotices) {
  EvalResult e = DefaultEval();
  e.facts.extra = "2";
  Setting custom = Assigned("lambda.iam.policy",
                            A({S("s3"), H({P("Action", S("sqs:*")), P("Effect", S("Allow")), P("Resource", S("*"))})}),
                            At("config/jets/deploy.rb", 3));
  custom.item_origins[1] = At("config/jets/deploy.rb", 4);
  Put(e.settings.deploy, custom);
  Put(e.settings.deploy, Assigned("lambda.iam.default_policy", Strings({"dynamodb"}), At("config/jets/deploy.rb", 2)));
  Put(e.settings.deploy, Assigned("job.enable", Value::Bool(true), At("config/jets/deploy.rb", 5)));
  Put(e.settings.deploy, Assigned("lambda.iam.managed_policy", Strings({"AmazonS3ReadOnlyAccess"}),
                                  At("config/jets/deploy.rb", 6)));
  Compiled c;
  CompileOptions o;
  o.roles = {RoleKind::kLambda};
  ASSERT_TRUE(Compile(e, o, &c).ok());
  EXPECT_EQ(EmitReport(c), R"({
  "project": {
    "name": "demo",
    "env": "dev",
    "extra": "2",
    "namespace": "demo-dev",
    "region": "us-west-2",
    "account": "123456789012",
    "s3_bucket": "demo-dev-s3bucket-abc"
  },
  "roles": [
    {
      "role": "lambda",
      "logical_id": "IamRole",
      "policies": [
        {
          "name": "DefaultPolicy",
          "setting": "lambda.iam.default_policy",
          "statements": [
            {
              "statement": {
                "Action": [
                  "dynamodb:*"
                ],
                "Effect": "Allow",
                "Resource": "*"
              },
              "setting": "lambda.iam.default_policy",
              "origin": "config/jets/deploy.rb:2",
              "action_origins": [
                "config/jets/deploy.rb:2"
              ]
            }
          ]
        },
        {
          "name": "CustomPolicy",
          "setting": "lambda.iam.policy",
          "statements": [
            {
              "statement": {
                "Action": [
                  "s3:*"
                ],
                "Effect": "Allow",
                "Resource": "*"
              },
              "setting": "lambda.iam.policy",
              "origin": "config/jets/deploy.rb:3",
              "action_origins": [
                "config/jets/deploy.rb:3"
              ]
            },
            {
              "statement": {
                "Action": "sqs:*",
                "Effect": "Allow",
                "Resource": "*"
              },
              "setting": "lambda.iam.policy",
              "origin": "config/jets/deploy.rb:4"
            }
          ]
        },
        {
          "name": "JobPolicy",
          "setting": "job.enable",
          "switched_by": "job.enable",
          "switch_origin": "config/jets/deploy.rb:5",
          "statements": [
            {
              "statement": {
                "Action": [
                  "sqs:SendMessage",
                  "sqs:ReceiveMessage",
                  "sqs:DeleteMessage",
                  "sqs:GetQueueAttributes",
                  "sqs:GetQueueUrl",
                  "sqs:ChangeMessageVisibility"
                ],
                "Effect": "Allow",
                "Resource": "arn:aws:sqs:us-west-2:123456789012:demo-dev-*"
              },
              "setting": "job.enable",
              "origin": null
            }
          ]
        }
      ],
      "managed_policies": [
        {
          "arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
          "setting": "lambda.iam.managed_policy",
          "origin": "config/jets/deploy.rb:6"
        }
      ]
    }
  ],
  "notices": [
    {
      "code": "lambda-logs-dropped",
      "severity": "warning",
      "message": "lambda.iam.default_policy replaces Jets' defaults, and no statement of IamRole allows logs:CreateLogStream and logs:PutLogEvents: the functions cannot write to CloudWatch Logs",
      "where": "config/jets/deploy.rb:2",
      "hint": "add {Action: [\"logs:*\"], Effect: \"Allow\", Resource: \"arn:aws:logs:us-west-2:123456789012:log-group:/aws/lambda/demo-dev-*\"}, or use lambda.iam.policy, which adds to the defaults instead of replacing them"
    }
  ]
}
)");
}

TEST(EmitReport, EmptyExtraAndDefaultsAreNull) {
  Compiled c;
  c.facts.name = "demo";
  c.notices.push_back(Notice{"unknown-setting", Notice::Severity::kInfo, "x", {}, "", ""});
  EXPECT_EQ(EmitReport(c),
            "{\n  \"project\": {\n    \"name\": \"demo\",\n    \"env\": \"\",\n    \"extra\": null,\n"
            "    \"namespace\": \"\",\n    \"region\": \"\",\n    \"account\": \"\",\n    \"s3_bucket\": \"\"\n  },\n"
            "  \"roles\": [],\n  \"notices\": [\n    {\n      \"code\": \"unknown-setting\",\n"
            "      \"severity\": \"info\",\n      \"message\": \"x\",\n      \"where\": null,\n      \"hint\": null\n"
            "    }\n  ]\n}\n");
}

}  // namespace
}  // namespace jetsam
