// Roles -> the CloudFormation resources Jets' templates hold, byte for byte in key order, and the
// deploy user's group as a policy document and an AWS::IAM::Group. The shape, not its text:
// host/emit/ writes it as JSON, YAML or an aws-cli script.
#include "jetsam/compile.h"

namespace jetsam {
namespace {

// Jets' iam_role.rb loads these from YAML text: Statement before Version, as written there.
Json AssumeRolePolicy(const std::string& service) {
  Json statement = Json::object();
  statement["Action"] = Json::array({"sts:AssumeRole"});
  statement["Effect"] = "Allow";
  statement["Principal"] = Json::object({{"Service", Json::array({service})}});
  Json doc = Json::object();
  doc["Statement"] = Json::array({statement});
  doc["Version"] = "2012-10-17";
  return doc;
}

Json PolicyJson(const Policy& policy) {
  if (policy.as_written) return *policy.as_written;
  Json statements = Json::array();
  for (const auto& s : policy.statements) statements.push_back(s.json);
  Json doc = Json::object();
  doc["Version"] = "2012-10-17";
  doc["Statement"] = std::move(statements);
  Json out = Json::object();
  out["PolicyName"] = policy.name;
  out["PolicyDocument"] = std::move(doc);
  return out;
}

}  // namespace

Json RoleResource(const Role& role) {
  Json props = Json::object();
  props["AssumeRolePolicyDocument"] = AssumeRolePolicy(role.service);
  props["Path"] = "/";
  Json policies = Json::array();
  for (const auto& p : role.policies) policies.push_back(PolicyJson(p));
  props["Policies"] = std::move(policies);
  Json arns = Json::array();  // the key stays when empty, as in Jets
  for (const auto& m : role.managed) arns.push_back(m.arn);
  props["ManagedPolicyArns"] = std::move(arns);
  Json resource = Json::object();
  resource["Type"] = "AWS::IAM::Role";
  resource["Properties"] = std::move(props);
  return resource;
}

Json CfnResources(const Compiled& compiled) {
  Json out = Json::object();
  for (const auto& role : compiled.roles) out[role.logical_id] = RoleResource(role);
  return out;
}

Json PolicyDocument(const Policy& policy) {
  if (policy.as_written && policy.as_written->contains("PolicyDocument")) return (*policy.as_written)["PolicyDocument"];
  Json statements = Json::array();
  for (const auto& s : policy.statements) statements.push_back(s.json);
  Json doc = Json::object();
  doc["Version"] = "2012-10-17";
  doc["Statement"] = std::move(statements);
  return doc;
}

Json DeployGroupResource(const Role& deploy_user, const std::string& group_name) {
  Json props = Json::object();
  props["GroupName"] = group_name;
  Json policies = Json::array();
  for (const auto& p : deploy_user.policies)
    policies.push_back(Json{{"PolicyName", p.name}, {"PolicyDocument", PolicyDocument(p)}});
  props["Policies"] = std::move(policies);
  Json arns = Json::array();
  for (const auto& m : deploy_user.managed) arns.push_back(m.arn);
  if (!arns.empty()) props["ManagedPolicyArns"] = std::move(arns);
  Json resource = Json::object();
  resource["Type"] = "AWS::IAM::Group";
  resource["Properties"] = std::move(props);
  return resource;
}


}  // namespace jetsam
