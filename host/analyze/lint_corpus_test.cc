// jetsam lint against tests/iam_corpus/: policies whose expected findings were written from the
// published descriptions of IAM Access Analyzer's policy checks, Parliament's and Cloudsplaining's
// rules and the IAM User Guide (see its README), each as the lambda role's own policy. The set of
// rule ids lint reports must be exactly the expected one, and every finding names its rule,
// file:line, setting and role.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "golden_util.h"
#include "jetsam/analyze.h"
#include "jetsam/grammar.h"

namespace fs = std::filesystem;

namespace jetsam {
namespace {

struct Case {
  std::string file, name, source;
  Json policy;
  std::set<std::string> expect;
  bool deploys = false;  // findings under rules that are errors elsewhere, but IAM accepts this one
};

std::vector<Case> LoadCorpus() {
  std::vector<Case> out;
  const fs::path dir = fs::path(JETSAM_SOURCE_DIR) / "tests" / "iam_corpus";
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(dir))
    if (f.path().extension() == ".json") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    for (const auto& c : Json::parse(jetsam_test::ReadFile(path))) {
      Case k{path.filename().string(), c.at("name"), c.at("source"), c.at("policy"), {}};
      for (const auto& r : c.at("expect")) k.expect.insert(r.get<std::string>());
      k.deploys = c.value("deploys", false);
      out.push_back(std::move(k));
    }
  }
  return out;
}

// The corpus policy as lambda.iam.policy's whole policy, each statement at its own line.
Compiled AsRole(const Case& c) {
  Policy p;
  p.name = "CorpusPolicy";
  p.setting = "lambda.iam.policy";
  Json whole = Json::object();
  whole["PolicyName"] = p.name;
  whole["PolicyDocument"] = c.policy;
  p.as_written = whole;
  const Location at{"corpus/" + c.name + ".json", 1};
  if (auto it = c.policy.find("Statement"); it != c.policy.end()) {
    const Json list = it->is_array() ? *it : Json::array({*it});
    int line = 0;
    for (const auto& s : list) {
      Statement st;
      st.json = s;
      st.setting = p.setting;
      st.origin = {at.file, ++line};
      p.statements.push_back(std::move(st));
    }
  }
  Role role;
  role.kind = RoleKind::kLambda;
  role.logical_id = "IamRole";
  role.service = "lambda.amazonaws.com";
  role.policies.push_back(std::move(p));
  Compiled compiled;
  compiled.roles.push_back(std::move(role));
  return compiled;
}

TEST(LintCorpus, FindsWhatTheRuleDescriptionsSay) {
  const std::vector<Case> corpus = LoadCorpus();
  ASSERT_GE(corpus.size(), 80u);
  std::size_t positives = 0;
  for (const auto& c : corpus) {
    SCOPED_TRACE(c.file + ": " + c.name + " (" + c.source + ")");
    EvalResult eval;  // the setting, where a problem of the whole document is placed
    Setting setting;
    setting.path = "lambda.iam.policy";
    setting.where = {"corpus/" + c.name + ".json", 1};
    eval.settings.deploy.settings.push_back(setting);
    const std::vector<Finding> findings = Lint(eval, AsRole(c));
    std::set<std::string> got;
    std::string detail;
    for (const auto& f : findings) {
      got.insert(f.rule);
      detail += "  [" + f.rule + "] " + f.message + "\n";
      EXPECT_FALSE(f.where.empty()) << f.rule;
      EXPECT_EQ(f.setting, "lambda.iam.policy") << f.rule;
      EXPECT_EQ(f.role, "IamRole") << f.rule;
    }
    EXPECT_EQ(c.expect, got) << detail;
    positives += c.expect.empty() ? 0 : 1;
  }
  EXPECT_GE(positives, 60u);
}

// What `can` calls before it answers: the grammar of a role's policies.
TEST(LintCorpus, RoleGrammarSaysWhetherTheRoleDeploys) {
  for (const auto& c : LoadCorpus()) {
    SCOPED_TRACE(c.name);
    const std::vector<PolicyGrammarProblem> problems = CheckRoleGrammar(AsRole(c).roles.front());
    bool grammar_error = false;
    for (const auto& p : problems) {
      EXPECT_EQ(p.policy, "CorpusPolicy");
      grammar_error = grammar_error || p.problem.error;
    }
    bool expected = false;
    for (const char* rule : {"invalid-effect", "missing-element", "principal-in-identity-policy", "invalid-sid",
                             "unknown-element", "condition-key", "condition-value", "policy-variable"})
      expected = expected || c.expect.count(rule);
    if (c.expect.count("condition-operator")) expected = true;
    // Warnings under those rules: IAM accepts the policy.
    if (c.deploys) expected = false;
    EXPECT_EQ(expected, Undeployable(problems));
    EXPECT_EQ(expected, grammar_error);
  }
}

}  // namespace
}  // namespace jetsam
