#include <gtest/gtest.h>

#include "test_eval.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

using namespace jetsam::fixtures;

Compiled CompileRoles(const EvalResult& e, std::vector<RoleKind> roles) {
  Compiled c;
  CompileOptions o;
  o.roles = std::move(roles);
  Status s = Compile(e, o, &c);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return c;
}

TEST(EmitCfn, CodebuildRoleAsJetsTemplateHoldsIt) {
  EvalResult e = DefaultEval();
  Put(e.settings.bootstrap, Assigned("codebuild.iam.default_policy", Strings({"s3", "sts:GetServiceBearerToken"}),
                                     At("config/jets/bootstrap.rb", 2)));
  Put(e.settings.bootstrap, Assigned("codebuild.iam.default_managed_policy", A(), At("config/jets/bootstrap.rb", 3)));
  EXPECT_EQ(EmitCfn(CompileRoles(e, {RoleKind::kCodebuild})),
            R"({
  "CodebuildRole": {
    "Type": "AWS::IAM::Role",
    "Properties": {
      "AssumeRolePolicyDocument": {
        "Statement": [
          {
            "Action": [
              "sts:AssumeRole"
            ],
            "Effect": "Allow",
            "Principal": {
              "Service": [
                "codebuild.amazonaws.com"
              ]
            }
          }
        ],
        "Version": "2012-10-17"
      },
      "Path": "/",
      "Policies": [
        {
          "PolicyName": "DefaultPolicy",
          "PolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Action": [
                  "s3:*",
                  "sts:GetServiceBearerToken"
                ],
                "Effect": "Allow",
                "Resource": "*"
              }
            ]
          }
        },
        {
          "PolicyName": "VpcPolicy",
          "PolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Action": [
                  "ec2:*"
                ],
                "Effect": "Allow",
                "Resource": "*"
              }
            ]
          }
        }
      ],
      "ManagedPolicyArns": []
    }
  }
}
)");
}

TEST(CfnResources, AllRolesKeyedByLogicalIdWithAsWrittenPolicy) {
  EvalResult e = DefaultEval();
  Value whole = H({P("PolicyName", S("Extra")),
                   P("PolicyDocument", H({P("Version", S("2012-10-17")),
                                          P("Statement", A({H({P("Action", S("sqs:*")), P("Effect", S("Allow")),
                                                               P("Resource", S("*"))})}))}))});
  Put(e.settings.deploy, Assigned("ci.iam.policy", A({whole}), At("config/jets/deploy.rb", 5)));
  Put(e.settings.deploy, Assigned("ci.iam.default_policy", A(), At("config/jets/deploy.rb", 6)));
  Put(e.settings.deploy, Assigned("ci.iam.default_managed_policy", A(), At("config/jets/deploy.rb", 7)));
  Json r = CfnResources(CompileRoles(e, {RoleKind::kCodebuild, RoleKind::kLambda, RoleKind::kCi}));
  std::vector<std::string> keys;
  for (const auto& [k, v] : r.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"CodebuildRole", "IamRole", "CiRole"}));
  EXPECT_EQ(r["IamRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"].dump(),
            R"({"Service":["lambda.amazonaws.com"]})");
  EXPECT_EQ(r["CiRole"]["Properties"].dump(),
            R"({"AssumeRolePolicyDocument":{"Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow",)"
            R"("Principal":{"Service":["codebuild.amazonaws.com"]}}],"Version":"2012-10-17"},"Path":"/",)"
            R"("Policies":[{"PolicyName":"Extra","PolicyDocument":{"Version":"2012-10-17","Statement":[)"
            R"({"Action":"sqs:*","Effect":"Allow","Resource":"*"}]}}],"ManagedPolicyArns":[]})");
}

TEST(EmitCfn, NoRolesIsAnEmptyObject) { EXPECT_EQ(EmitCfn(Compiled{}), "{}\n"); }

}  // namespace
}  // namespace jetsam
