// A `can` question made precise before any statement is read: the action as the reference
// names it, and the resources the answer will stand for (can_request.cc).
#pragma once
#include <string>
#include <vector>

#include "jetsam/analyze.h"

namespace jetsam::analyze {

struct Question {
  std::string action;        // canonical case: "s3:GetObject"
  std::string service;       // "s3"
  std::string access_level;  // "Read"
  CanAnswer::Scope scope = CanAnswer::Scope::kExact;
  std::string resource;       // as asked, "*" when not given
  std::string resource_type;  // kExact: the type the ARN names ("object"); empty for "*"
  // The resources the answer stands for, as IAM patterns (policy variables and placeholders
  // resolved): kExact one ARN (or "*" for an action that takes no resource); kEvery each
  // resource type the asked pattern names, narrowed to that type's form when the pattern
  // covers it all; kSome each resource type of the action, in its general form.
  struct Target {
    std::string type;     // "object"; empty for "*"
    std::string pattern;  // "arn:aws:s3:::*/*"
  };
  std::vector<Target> targets;
  std::vector<std::string> notes;
};

// kUsage on a question that names no real action, or a resource it cannot act on.
Status MakeQuestion(const CanRequest& request, Question* q);

}  // namespace jetsam::analyze
