// The elements of a policy document and of its statements, as IAM's policy grammar allows them
// (the IAM User Guide's "IAM JSON policy elements reference" and Access Analyzer's policy checks).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>

#include "compile/grammar_parts.h"
#include "jetsam/compile.h"
#include "jetsam/iamdata.h"

namespace jetsam {
namespace compile::grammar {

std::vector<std::string> ElementStrings(const Json& element) {
  std::vector<std::string> out;
  if (element.is_string()) out.push_back(element.get<std::string>());
  else if (element.is_array())
    for (const auto& e : element)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

namespace {

constexpr const char* kStatementElements[] = {"Sid",      "Effect",      "Principal", "NotPrincipal", "Action",
                                              "NotAction", "Resource", "NotResource", "Condition"};
constexpr const char* kDocumentElements[] = {"Version", "Id", "Statement"};

// The closest of `names` to `key` when it is a likely misspelling ("Actions", "Efect").
std::string Closest(std::string_view key, std::initializer_list<const char*> names) {
  std::string best;
  std::size_t best_d = 3;
  for (const char* n : names) {
    const std::size_t d = iam::EditDistance(key, n);
    if (d < best_d) best_d = d, best = n;
  }
  return best;
}

template <std::size_t N>
bool OneOf(const std::string& key, const char* const (&names)[N]) {
  return std::find_if(std::begin(names), std::end(names), [&](const char* n) { return key == n; }) != std::end(names);
}

std::string UnknownKeyHint(const std::string& key, const std::string& closest, const char* allowed) {
  if (!closest.empty()) return fmt::format("did you mean {}?", closest);
  return fmt::format("IAM knows only {}; drop \"{}\"", allowed, key);
}

void CheckPair(const Json& st, const char* yes, const char* no, const char* what, const Sink& sink) {
  const bool has_yes = st.contains(yes), has_no = st.contains(no);
  if (has_yes && has_no) {
    sink.Add("missing-element", fmt::format("the statement has both {} and {}", yes, no),
             fmt::format("a statement takes {} or {}, not both: keep one", yes, no));
  } else if (!has_yes && !has_no) {
    sink.Add("missing-element", fmt::format("the statement has no {} or {}", yes, no),
             fmt::format("add {}: the {} it applies to", yes, what));
  }
  for (const char* key : {yes, no}) {
    auto it = st.find(key);
    if (it != st.end() && it->is_array() && it->empty())
      sink.Add("missing-element", fmt::format("{} is an empty list", key),
               fmt::format("IAM refuses an empty {}: list the {} it applies to", key, what));
  }
}

void CheckEffect(const Json& st, const Sink& sink) {
  auto it = st.find("Effect");
  if (it == st.end()) {
    sink.Add("invalid-effect", "the statement has no Effect", "add Effect: \"Allow\" (or \"Deny\")");
    return;
  }
  if (!it->is_string()) return;  // ValidateRoles refuses other types
  const std::string effect = it->get<std::string>();
  if (effect == "Allow" || effect == "Deny") return;
  const std::string closest = Closest(effect, {"Allow", "Deny"});
  sink.Add("invalid-effect", fmt::format("Effect \"{}\" is neither Allow nor Deny, so IAM refuses the policy", effect),
           closest.empty() ? std::string("write Effect: \"Allow\" or \"Deny\"")
                           : fmt::format("write Effect: \"{}\" (IAM reads it case-sensitively)", closest));
}

void CheckSid(const Json& st, std::set<std::string>* sids, const Sink& sink) {
  auto it = st.find("Sid");
  if (it == st.end() || !it->is_string()) return;
  const std::string sid = it->get<std::string>();
  if (sid.empty()) {
    sink.Add("invalid-sid", "Sid is empty: it names nothing",
             "give the statement a Sid of letters and digits, or drop Sid", false);
    return;
  }
  if (!std::all_of(sid.begin(), sid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
    sink.Add("invalid-sid", fmt::format("Sid \"{}\" has characters other than letters and digits", sid),
             "IAM takes a Sid of A-Z, a-z and 0-9 only: drop the other characters");
  } else if (!sids->insert(sid).second) {
    sink.Add("invalid-sid", fmt::format("Sid \"{}\" is used by another statement of the same policy", sid),
             "IAM refuses a policy whose Sids repeat (Jets merges the items of a setting into one policy): "
             "rename one");
  }
}

void CheckStatement(const Json& st, bool versioned, std::set<std::string>* sids, const Sink& sink) {
  if (!st.is_object()) {
    sink.Add("missing-element", "the statement is not an object", "a statement is {Effect:, Action:, Resource:}");
    return;
  }
  for (auto it = st.begin(); it != st.end(); ++it) {
    const std::string& key = it.key();
    if (key == "Principal" || key == "NotPrincipal") {
      sink.Add("principal-in-identity-policy",
               fmt::format("the statement has {}, which IAM refuses in a role's own policy", key),
               "the role's policies say what the role may do; who may assume it is its trust policy, which Jets "
               "writes: drop " + key);
    } else if (!OneOf(key, kStatementElements)) {
      sink.Add("unknown-element", fmt::format("\"{}\" is no element of a policy statement", key),
               UnknownKeyHint(key,
                              Closest(key, {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                                            "Condition"}),
                              "Sid, Effect, Action, NotAction, Resource, NotResource and Condition"));
    }
  }
  CheckEffect(st, sink);
  CheckPair(st, "Action", "NotAction", "actions", sink);
  CheckPair(st, "Resource", "NotResource", "resources (ARNs, or \"*\")", sink);
  CheckSid(st, sids, sink);
  if (auto c = st.find("Condition"); c != st.end() && c->is_object()) CheckCondition(st, sink);
  if (HasVariables(st)) CheckVariables(st, versioned, sink);
}

}  // namespace
}  // namespace compile::grammar

std::vector<GrammarProblem> CheckPolicyDocument(const Json& document) {
  using compile::grammar::Sink;
  std::vector<GrammarProblem> out;
  const Sink doc_sink{&out, 0};
  if (!document.is_object()) {
    doc_sink.Add("missing-element", "the policy document is not an object", "a policy document is {Version:, Statement: [...]}");
    return out;
  }
  for (auto it = document.begin(); it != document.end(); ++it) {
    if (compile::grammar::OneOf(it.key(), compile::grammar::kDocumentElements)) continue;
    doc_sink.Add("unknown-element", fmt::format("\"{}\" is no element of a policy document", it.key()),
                 compile::grammar::UnknownKeyHint(it.key(), compile::grammar::Closest(it.key(), {"Version", "Statement"}),
                                                  "Version, Id and Statement"));
  }
  bool versioned = false;
  if (!document.contains("Version")) {
    doc_sink.Add("missing-version",
                 "the policy document has no Version: IAM reads it as Version 2008-10-17, which has no policy "
                 "variables",
                 "write Version: \"2012-10-17\"", false);
  }
  if (auto v = document.find("Version"); v != document.end()) {
    const std::string version = v->is_string() ? v->get<std::string>() : v->dump();
    versioned = version == "2012-10-17";
    if (!versioned && version != "2008-10-17")
      doc_sink.Add("unknown-element", fmt::format("Version {} is no version of the policy language", version),
                   "write Version: \"2012-10-17\"");
  }
  auto statements = document.find("Statement");
  if (statements == document.end() || (statements->is_array() && statements->empty())) {
    doc_sink.Add("missing-element", "the policy document has no statement", "add a Statement list");
    return out;
  }
  std::set<std::string> sids;
  if (!statements->is_array()) {
    compile::grammar::CheckStatement(*statements, versioned, &sids, Sink{&out, 1});
    return out;
  }
  for (std::size_t i = 0; i < statements->size(); ++i)
    compile::grammar::CheckStatement((*statements)[i], versioned, &sids, Sink{&out, i + 1});
  return out;
}

std::vector<PolicyGrammarProblem> CheckRoleGrammar(const Role& role) {
  std::vector<PolicyGrammarProblem> out;
  for (const auto& p : role.policies)
    for (auto& problem : CheckPolicyDocument(PolicyDocument(p))) out.push_back({p.name, std::move(problem)});
  return out;
}

const Statement* StatementOf(const Policy& policy, const GrammarProblem& problem) {
  if (problem.statement > 0 && problem.statement <= policy.statements.size()) return &policy.statements[problem.statement - 1];
  return policy.statements.empty() ? nullptr : &policy.statements.front();
}

bool Undeployable(const std::vector<PolicyGrammarProblem>& problems) {
  return std::any_of(problems.begin(), problems.end(), [](const PolicyGrammarProblem& p) { return p.problem.error; });
}

}  // namespace jetsam
