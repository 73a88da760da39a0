#include "jetsam/compile.h"

#include <gtest/gtest.h>

#include "test_eval.h"

namespace jetsam {
namespace {

using namespace jetsam::fixtures;

const Location kDeployRb = At("config/jets/deploy.rb", 4);

Compiled MustCompile(const EvalResult& e, CompileOptions o = {}) {
  Compiled c;
  Status s = Compile(e, o, &c);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return c;
}

const Role& RoleOf(const Compiled& c, RoleKind k) {
  for (const auto& r : c.roles)
    if (r.kind == k) return r;
  ADD_FAILURE() << "no role " << RoleKindName(k);
  static Role none;
  return none;
}

// "Name[setting]{statement,...}" for each policy: the whole role in one comparable line.
std::string Policies(const Role& r) {
  std::string out;
  for (const auto& p : r.policies) {
    out += p.name + "[" + p.setting + (p.switched_by.empty() ? "" : " if " + p.switched_by) + "]";
    for (const auto& s : p.statements) out += s.json.dump();
    out += "\n";
  }
  return out;
}

std::string Arns(const Role& r) {
  std::string out;
  for (const auto& m : r.managed) out += m.arn + "\n";
  return out;
}

TEST(RoleKind, Names) {
  EXPECT_STREQ(RoleKindName(RoleKind::kDeployUser), "deploy-user");
  EXPECT_EQ(ParseRoleKind("lambda"), RoleKind::kLambda);
  EXPECT_EQ(ParseRoleKind("codebuild"), RoleKind::kCodebuild);
  EXPECT_EQ(ParseRoleKind("ci"), RoleKind::kCi);
  EXPECT_EQ(ParseRoleKind("deploy-user"), RoleKind::kDeployUser);
  EXPECT_EQ(ParseRoleKind("all"), std::nullopt);
}

TEST(Compile, RolesInAskedOrderDeployUserSkipped) {
  CompileOptions o;
  o.roles = {RoleKind::kCi, RoleKind::kDeployUser, RoleKind::kCodebuild, RoleKind::kCi};
  Compiled c = MustCompile(DefaultEval(), o);
  ASSERT_EQ(c.roles.size(), 2u);
  EXPECT_EQ(c.roles[0].logical_id, "CiRole");
  EXPECT_EQ(c.roles[1].logical_id, "CodebuildRole");
  EXPECT_EQ(c.facts.namespace_, "demo-dev");
}

TEST(Compile, LookupsOnlyJetsDefaultsMadeMatterOnlyToTheirRoles) {
  EvalResult e = DefaultEval();
  e.notices.push_back({"unresolved-lookup", Notice::Severity::kWarning, "aws.s3_bucket is not known offline", {}, "", ""});
  e.notices.push_back({"unresolved-lookup", Notice::Severity::kWarning, "aws.account is not known offline", kDeployRb, "", ""});
  Compiled codebuild = MustCompile(e, {{RoleKind::kCodebuild}});
  ASSERT_EQ(codebuild.notices.size(), 1u);
  EXPECT_EQ(codebuild.notices[0].where, kDeployRb);
  EXPECT_EQ(MustCompile(e, {{RoleKind::kLambda}}).notices.size(), 2u);
  EXPECT_EQ(MustCompile(e, {{RoleKind::kDeployUser}}).notices.size(), 2u);
}

TEST(Compile, CodebuildDefaults) {
  Compiled c = MustCompile(DefaultEval());
  const Role& r = RoleOf(c, RoleKind::kCodebuild);
  EXPECT_EQ(r.service, "codebuild.amazonaws.com");
  EXPECT_EQ(Policies(r),
            "DefaultPolicy[codebuild.iam.default_policy]"
            R"({"Action":["apigateway:*","cloudformation:*","cloudfront:*","codebuild:*","dynamodb:*","ecr:*",)"
            R"("ecr-public:*","events:*","iam:*","lambda:*","logs:*","route53:*","s3:*","sns:*","sqs:*",)"
            R"("sts:GetServiceBearerToken","waf:*","wafv2:*"],"Effect":"Allow","Resource":"*"})"
            "\n"
            R"(VpcPolicy[codebuild.iam.default_vpc_policy]{"Action":["ec2:*"],"Effect":"Allow","Resource":"*"})"
            "\n");
  EXPECT_EQ(Arns(r),
            "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess\n"
            "arn:aws:iam::aws:policy/AWSCertificateManagerReadOnly\n");
}

TEST(Compile, CodebuildCustomAndEmptiedVpcPolicy) {
  EvalResult e = DefaultEval();
  Put(e.settings.bootstrap, Assigned("codebuild.iam.policy", Strings({"ssm"}), At("config/jets/bootstrap.rb", 2)));
  Put(e.settings.bootstrap, Assigned("codebuild.iam.default_vpc_policy", A(), At("config/jets/bootstrap.rb", 3)));
  Put(e.settings.bootstrap,
      Assigned("codebuild.iam.managed_policy", Strings({"AmazonS3ReadOnlyAccess"}), At("config/jets/bootstrap.rb", 4)));
  Compiled c = MustCompile(e);
  const Role& r = RoleOf(c, RoleKind::kCodebuild);
  ASSERT_EQ(r.policies.size(), 2u);
  EXPECT_EQ(r.policies[1].name, "CustomPolicy");
  EXPECT_EQ(r.policies[1].statements[0].json.dump(), R"({"Action":["ssm:*"],"Effect":"Allow","Resource":"*"})");
  EXPECT_EQ(Arns(r),
            "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess\n"
            "arn:aws:iam::aws:policy/AWSCertificateManagerReadOnly\n"
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\n");
  EXPECT_EQ(r.managed[2].origin, At("config/jets/bootstrap.rb", 4));
  EXPECT_TRUE(r.managed[0].origin.empty());
}

TEST(Compile, LambdaDefaultsNoVpcNoJob) {
  Compiled c = MustCompile(DefaultEval());
  const Role& r = RoleOf(c, RoleKind::kLambda);
  EXPECT_EQ(r.logical_id, "IamRole");
  EXPECT_EQ(r.service, "lambda.amazonaws.com");
  ASSERT_EQ(r.policies.size(), 1u);
  EXPECT_EQ(r.policies[0].name, "DefaultPolicy");
  ASSERT_EQ(r.policies[0].statements.size(), 3u);
  EXPECT_EQ(r.policies[0].statements[0].json.dump(),
            R"({"Action":["logs:*"],"Effect":"Allow","Resource":"arn:aws:logs:us-west-2:123456789012:log-group:/aws/lambda/demo-dev-*"})");
  EXPECT_TRUE(r.managed.empty());
  EXPECT_TRUE(c.notices.empty());
}

TEST(Compile, LambdaVpcPolicyWhenVpcConfigSet) {
  EvalResult e = DefaultEval();
  Put(e.settings.deploy, Assigned("lambda.function.vpc_config",
                                  H({P("security_group_ids", Strings({"sg-1"})), P("subnet_ids", Strings({"subnet-1"}))}),
                                  At("config/jets/deploy.rb", 7)));
  Compiled c = MustCompile(e);
  const Role& r = RoleOf(c, RoleKind::kLambda);
  ASSERT_EQ(r.policies.size(), 2u);
  const Policy& vpc = r.policies[1];
  EXPECT_EQ(vpc.name, "VpcPolicy");
  EXPECT_EQ(vpc.setting, "lambda.iam.default_vpc_policy");
  EXPECT_EQ(vpc.switched_by, "lambda.function.vpc_config");
  EXPECT_EQ(vpc.switch_origin, At("config/jets/deploy.rb", 7));
  EXPECT_EQ(vpc.statements[0].json.dump(),
            R"({"Action":["ec2:CreateNetworkInterface","ec2:DeleteNetworkInterface","ec2:DescribeNetworkInterfaces",)"
            R"("ec2:DescribeVpcs","ec2:DescribeSubnets","ec2:DescribeSecurityGroups"],"Effect":"Allow","Resource":"*"})");
}

TEST(Compile, LambdaJobPolicyWhenJobEnabled) {
  EvalResult e = DefaultEval();
  Put(e.settings.deploy, Assigned("job.enable", Value::Bool(true), At("config/jets/deploy.rb", 9)));
  Put(e.settings.deploy, Assigned("lambda.iam.policy", Strings({"dynamodb"}), At("config/jets/deploy.rb", 10)));
  Compiled c = MustCompile(e);
  const Role& r = RoleOf(c, RoleKind::kLambda);
  EXPECT_EQ(Policies(r).substr(Policies(r).find("CustomPolicy")),
            R"(CustomPolicy[lambda.iam.policy]{"Action":["dynamodb:*"],"Effect":"Allow","Resource":"*"})"
            "\n"
            R"(JobPolicy[job.enable if job.enable]{"Action":["sqs:SendMessage","sqs:ReceiveMessage","sqs:DeleteMessage",)"
            R"("sqs:GetQueueAttributes","sqs:GetQueueUrl","sqs:ChangeMessageVisibility"],"Effect":"Allow",)"
            R"("Resource":"arn:aws:sqs:us-west-2:123456789012:demo-dev-*"})"
            "\n");
  EXPECT_EQ(r.policies.back().switch_origin, At("config/jets/deploy.rb", 9));
}

TEST(Compile, LambdaDefaultPolicyOverrideWithoutLogsWarns) {
  EvalResult e = DefaultEval();
  e.notices.push_back(Notice{"unresolved-lookup", Notice::Severity::kWarning, "from eval", {}, "", ""});
  Put(e.settings.deploy, Assigned("lambda.iam.default_policy", Strings({"s3", "dynamodb"}), kDeployRb));
  Compiled c = MustCompile(e);
  const Role& r = RoleOf(c, RoleKind::kLambda);
  EXPECT_EQ(Policies(r),
            R"(DefaultPolicy[lambda.iam.default_policy]{"Action":["s3:*","dynamodb:*"],"Effect":"Allow","Resource":"*"})"
            "\n");
  ASSERT_EQ(c.notices.size(), 2u);
  EXPECT_EQ(c.notices[0].code, "unresolved-lookup");  // the evaluation's notices come first
  const Notice& n = c.notices[1];
  EXPECT_EQ(n.code, "lambda-logs-dropped");
  EXPECT_EQ(n.severity, Notice::Severity::kWarning);
  EXPECT_EQ(n.where, kDeployRb);
  EXPECT_EQ(n.hint,
            "add {Action: [\"logs:*\"], Effect: \"Allow\", Resource: "
            "\"arn:aws:logs:us-west-2:123456789012:log-group:/aws/lambda/demo-dev-*\"}, or use lambda.iam.policy, "
            "which adds to the defaults instead of replacing them");
}

TEST(Compile, LambdaDefaultPolicyOverrideKeepingLogsIsQuiet) {
  for (const Value& v : {Strings({"logs", "s3"}), Strings({"logs:CreateLogStream", "logs:PutLogEvents"}),
                         Strings({"logs:Put*", "logs:Create*"}), Strings({"*"}),
                         A({H({P("NotAction", S("iam:*")), P("Effect", S("Allow")), P("Resource", S("*"))})})}) {
    EvalResult e = DefaultEval();
    Put(e.settings.deploy, Assigned("lambda.iam.default_policy", v, kDeployRb));
    // (NotAction is quiet about logs, not about Jets 6.0.5's crash on it: jets_crashes_test.cc)
    for (const Notice& n : MustCompile(e).notices) EXPECT_NE(n.code, "lambda-logs-dropped") << v.Inspect();
  }
}

TEST(Compile, LambdaLogsFromCustomPolicyOrManagedPolicy) {
  EvalResult e = DefaultEval();
  Put(e.settings.deploy, Assigned("lambda.iam.default_policy", A(), kDeployRb));
  Put(e.settings.deploy, Assigned("lambda.iam.policy", Strings({"logs:*"}), kDeployRb));
  EXPECT_TRUE(MustCompile(e).notices.empty());

  e = DefaultEval();
  Put(e.settings.deploy, Assigned("lambda.iam.default_policy", A(), kDeployRb));
  Put(e.settings.deploy,
      Assigned("lambda.iam.managed_policy", Strings({"service-role/AWSLambdaBasicExecutionRole"}), kDeployRb));
  EXPECT_TRUE(MustCompile(e).notices.empty());

  // Only one of the two actions, or a Deny: still mute.
  for (const Value& v : {Strings({"logs:PutLogEvents"}),
                         A({H({P("Action", S("logs:*")), P("Effect", S("Deny")), P("Resource", S("*"))})})}) {
    e = DefaultEval();
    Put(e.settings.deploy, Assigned("lambda.iam.default_policy", v, kDeployRb));
    EXPECT_EQ(MustCompile(e).notices.size(), 1u) << v.Inspect();
  }
}

TEST(Compile, CiDefaults) {
  Compiled c = MustCompile(DefaultEval());
  const Role& r = RoleOf(c, RoleKind::kCi);
  EXPECT_EQ(r.logical_id, "CiRole");
  EXPECT_EQ(r.service, "codebuild.amazonaws.com");
  EXPECT_EQ(Policies(r),
            "DefaultPolicy[ci.iam.default_policy]"
            R"({"Action":["cloudformation:*","codebuild:*","ecr:*","ecr-public:*","iam:*","logs:*","s3:*"],)"
            R"("Effect":"Allow","Resource":"*"})"
            "\n");
  EXPECT_EQ(Arns(r),
            "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess\n"
            "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess\n");
}

TEST(Compile, CiCustomPolicyAndManaged) {
  EvalResult e = DefaultEval();
  Put(e.settings.deploy, Assigned("ci.iam.policy", Strings({"ssm:GetParameter"}), kDeployRb));
  Put(e.settings.deploy, Assigned("ci.iam.managed_policy", Strings({"arn:aws:iam::1:policy/X"}), kDeployRb));
  Compiled c = MustCompile(e);
  const Role& r = RoleOf(c, RoleKind::kCi);
  EXPECT_EQ(r.policies.back().name, "CustomPolicy");
  EXPECT_EQ(r.managed.back().arn, "arn:aws:iam::1:policy/X");
}

TEST(Compile, ErrorStopsAndNamesTheSetting) {
  EvalResult e = DefaultEval();
  Put(e.settings.deploy, Assigned("ci.iam.policy", A({I(5)}), kDeployRb));
  Compiled c;
  Status s = Compile(e, {}, &c);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.message(), "ci.iam.policy: 5 is not a policy item");
  EXPECT_EQ(s.where(), kDeployRb);
}

TEST(Compile, MissingSettingsGiveEmptyRoles) {
  Compiled c = MustCompile(EvalResult{});
  ASSERT_EQ(c.roles.size(), 3u);
  for (const auto& r : c.roles) {
    EXPECT_TRUE(r.policies.empty());
    EXPECT_TRUE(r.managed.empty());
  }
}

}  // namespace
}  // namespace jetsam
