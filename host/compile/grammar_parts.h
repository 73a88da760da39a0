// The parts of the policy grammar check (jetsam/grammar.h), one file each: the statement's
// elements (statement_grammar.cc), its Condition (condition_grammar.cc, condition_effect.cc) and
// the policy variables of its strings (policy_variables.cc).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/grammar.h"
#include "jetsam/iamdata.h"

namespace jetsam::compile::grammar {

// Where the problems of one statement go.
struct Sink {
  std::vector<GrammarProblem>* out;
  std::size_t statement;
  void Add(std::string rule, std::string message, std::string hint, bool error = true) const {
    out->push_back({std::move(rule), error, statement, std::move(message), std::move(hint)});
  }
};

// ASCII case-insensitive equality (condition keys and operators ignore case).
bool EqualCi(std::string_view a, std::string_view b);
bool StartsWithCi(std::string_view s, std::string_view prefix);

// The strings of an element (Action, Resource, a condition's values): a String or an Array of
// Strings; other items are left out.
std::vector<std::string> ElementStrings(const Json& element);

// "StringEquals" with "IfExists" and a set operator taken apart; kind is empty for an unknown
// operator.
struct ParsedOperator {
  std::string set;   // "ForAllValues", "ForAnyValue" or ""
  std::string base;  // "StringEquals", as IAM spells it
  bool if_exists = false;
  std::string kind;  // "String", "Numeric", "Date", "Bool", "Binary", "IpAddress", "Arn", "Null", "" unknown
};
ParsedOperator ParseOperator(std::string_view op);

// A condition key as the IAM reference knows it (case-insensitively; "aws:ResourceTag/Env" is
// the template aws:ResourceTag/${TagKey}).
struct KeyInfo {
  bool known = false;
  bool global = false;
  std::string canonical;  // as the reference spells it
  std::string type;       // "String", "ArrayOfString", "ARN", "Bool", "Numeric", "Date", "IPAddress", ...
};
KeyInfo LookUpKey(const iam::Catalog& cat, const std::string& key);

// condition_grammar.cc: operators, keys and values of the statement's Condition.
void CheckCondition(const Json& statement, const Sink& sink);

// condition_effect.cc: one key of the statement's Condition that IAM accepts but that cannot do
// what it says (a wildcard compared literally, private ranges on aws:SourceIp, a Deny on
// resource tags its actions do not carry, an Allow on them): warnings, since IAM accepts them.
void CheckConditionEffect(const Json& statement, const ParsedOperator& op, const std::string& op_name,
                          const std::string& key, const Json& values, const Sink& sink);

// condition_effect.cc: keys of the whole Condition that confine little without their pair.
void CheckConditionPairs(const Json& statement, const Sink& sink);

// policy_variables.cc: ${...} in the statement's strings. `versioned`: the document's Version
// is 2012-10-17 (earlier versions read ${...} literally).
void CheckVariables(const Json& statement, bool versioned, const Sink& sink);

// Whether the statement holds "${" anywhere a variable could be.
bool HasVariables(const Json& statement);

}  // namespace jetsam::compile::grammar
