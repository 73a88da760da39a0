// Short builders for tests that start from compiled roles rather than settings.
#pragma once
#include <utility>
#include <vector>

#include "jetsam/policy.h"

namespace jetsam::fixtures {

// A user statement of lambda.iam.policy, parsed from JSON.
inline Statement St(const char* json, Location origin = {}) {
  Statement s;
  s.json = Json::parse(json);
  s.setting = "lambda.iam.policy";
  s.origin = std::move(origin);
  return s;
}

// IamRole with one CustomPolicy holding `statements`.
inline Role LambdaRole(std::vector<Statement> statements) {
  Role role;
  role.kind = RoleKind::kLambda;
  role.logical_id = "IamRole";
  Policy p;
  p.name = "CustomPolicy";
  p.setting = "lambda.iam.policy";
  p.statements = std::move(statements);
  role.policies.push_back(std::move(p));
  return role;
}

}  // namespace jetsam::fixtures
