// The deploy user's group as a policy document and as a CloudFormation AWS::IAM::Group.
#include "jetsam/emit.h"

namespace jetsam {

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
