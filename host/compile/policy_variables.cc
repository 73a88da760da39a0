// Policy variables (${aws:username}, ${aws:PrincipalTag/team, 'none'}) in a statement: where IAM
// takes them (Resource, and String or ARN conditions, with Version 2012-10-17), their syntax, and
// whether the request of a role session can ever set them (the IAM User Guide's "IAM policy
// elements: Variables and tags" and Access Analyzer's policy checks).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "compile/grammar_parts.h"
#include "jetsam/iamdata.h"

namespace jetsam::compile::grammar {
namespace {

bool AnyVariable(const Json& j) {
  if (j.is_string()) return j.get<std::string>().find("${") != std::string::npos;
  if (j.is_array() || j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (j.is_object() && it.key().find("${") != std::string::npos) return true;
      if (AnyVariable(it.value())) return true;
    }
  }
  return false;
}

// A key whose value only a federated session carries: an OpenID Connect provider's
// ("accounts.google.com:sub", "cognito-identity.amazonaws.com:aud") or SAML's ("saml:sub").
bool FederationKey(std::string_view name) {
  const std::size_t colon = name.find(':');
  const std::string_view prefix = name.substr(0, colon);
  return prefix.find('.') != std::string_view::npos || prefix == "saml";
}

// The problem of one ${...} (its text between the braces), or "" when IAM can fill it for a role.
struct VariableProblem {
  std::string message, hint;
};
VariableProblem CheckOne(const std::string& inner) {
  std::string name = inner, fallback;
  if (const std::size_t comma = inner.find(','); comma != std::string::npos) {
    name = inner.substr(0, comma);
    fallback = inner.substr(comma + 1);
    while (!fallback.empty() && fallback.front() == ' ') fallback.erase(0, 1);
    if (fallback.size() < 2 || fallback.front() != '\'' || fallback.back() != '\'')
      return {fmt::format("the default of ${{{}}} is not in single quotes", inner),
              fmt::format("write ${{{}, '{}'}}", name, fallback)};
  }
  if (name.empty()) return {"the policy variable ${} names nothing", "name a key, such as ${aws:userid}, or drop ${}"};
  if (name == "*" || name == "?" || name == "$") return {};
  if (name.find(' ') != std::string::npos)
    return {fmt::format("the policy variable ${{{}}} has a space in its name", inner), "drop the space"};
  if (name.find(':') == std::string::npos)
    return {fmt::format("${{{}}} is no policy variable: a variable names a condition key (service:key)", inner),
            "write ${aws:userid}, ${aws:PrincipalTag/TAG} or another key of the IAM reference"};
  if (EqualCi(name, "aws:username"))
    return {fmt::format("${{{}}} is never set for a role session (only IAM users have a user name), so the "
                        "statement never matches",
                        inner),
            "use ${aws:userid} (role-id:session-name for a role), or ${aws:PrincipalTag/TAG}"};
  if (FederationKey(name))
    return {fmt::format("${{{}}} is set only for a session federated through OpenID Connect or SAML; an AWS "
                        "service assumes the Jets roles, so the statement never matches",
                        inner),
            "name the resources, or use ${aws:PrincipalTag/TAG}"};
  if (!LookUpKey(iam::Catalog::Get(), name).known)
    return {fmt::format("${{{}}} names no condition key of the IAM reference, so IAM cannot fill it", inner),
            "check the key's name: ${aws:userid}, ${aws:PrincipalTag/TAG}, ${aws:PrincipalAccount}, ..."};
  return {};
}

// Each ${...} of `text`, checked.
void CheckText(const std::string& text, const std::string& where, const Sink& sink) {
  for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
    const std::size_t close = text.find('}', at + 2);
    if (close == std::string::npos) {
      sink.Add("policy-variable", fmt::format("{} \"{}\": the policy variable has no closing brace", where, text),
               "add } after the variable's name");
      return;
    }
    const VariableProblem p = CheckOne(text.substr(at + 2, close - at - 2));
    if (!p.message.empty()) sink.Add("policy-variable", fmt::format("{} \"{}\": {}", where, text, p.message), p.hint);
    at = close - 1;
  }
}

}  // namespace

bool HasVariables(const Json& statement) { return AnyVariable(statement); }

void CheckVariables(const Json& st, bool versioned, const Sink& sink) {
  bool used = false;  // in an element that takes variables
  for (const char* key : {"Sid", "Effect", "Action", "NotAction"}) {
    auto it = st.find(key);
    if (it != st.end() && AnyVariable(*it))
      sink.Add("policy-variable", fmt::format("{} holds a policy variable; IAM takes them only in Resource and in "
                                              "String or ARN conditions", key),
               fmt::format("write {} without ${{...}}", key));
  }
  for (const char* key : {"Resource", "NotResource"}) {
    auto it = st.find(key);
    if (it == st.end()) continue;
    for (const auto& r : ElementStrings(*it)) {
      if (r.find("${") == std::string::npos) continue;
      used = true;
      CheckText(r, key, sink);
    }
  }
  if (auto c = st.find("Condition"); c != st.end() && c->is_object()) {
    for (auto block = c->begin(); block != c->end(); ++block) {
      if (!block->is_object()) continue;
      const ParsedOperator op = ParseOperator(block.key());
      for (auto kv = block->begin(); kv != block->end(); ++kv) {
        if (!AnyVariable(kv.value())) continue;
        used = true;
        const std::string where = fmt::format("{} {}", block.key(), kv.key());
        if (!op.kind.empty() && op.kind != "String" && op.kind != "Arn") {
          sink.Add("policy-variable",
                   fmt::format("{} compares {} values; IAM takes policy variables only with String and ARN operators",
                               block.key(), op.kind),
                   "compare a literal value, or use a String operator");
          continue;
        }
        for (const auto& v : ElementStrings(kv.value())) CheckText(v, where, sink);
      }
    }
  }
  if (used && !versioned)
    sink.Add("policy-variable", "the policy uses policy variables, but its Version is not 2012-10-17, so IAM reads "
                                "them as literal text",
             "set Version: \"2012-10-17\"");
}

}  // namespace jetsam::compile::grammar
