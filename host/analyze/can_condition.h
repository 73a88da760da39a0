// A policy statement's Condition decided against what a question knows of the request, with
// the operators' documented semantics (String*, Numeric*, Date*, Bool, BinaryEquals,
// IpAddress/NotIpAddress, Arn*, Null; the ...IfExists suffix; ForAllValues:/ForAnyValue:).
// Three-valued: a key the context does not name leaves its test undecided.
#pragma once
#include <string>
#include <vector>

#include "jetsam/analyze.h"
#include "jetsam/policy.h"

namespace jetsam::analyze {

enum class Truth { kFalse, kTrue, kUnknown };

struct ConditionOutcome {
  Truth truth = Truth::kTrue;
  // kUnknown: the operator/key pairs left open, in the Condition's own shape.
  Json undecided;
  // The context keys that decided a test (as the Condition spells them).
  std::vector<std::string> decided_keys;
};

// All operators must hold, every key within an operator too (AND); the values of one key are
// alternatives (OR; NOR for the negated operators). A null or empty Condition holds.
ConditionOutcome EvaluateCondition(const Json& condition, const RequestContext& context);

}  // namespace jetsam::analyze
