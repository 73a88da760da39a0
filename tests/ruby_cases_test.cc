// The Ruby that configs rely on, checked against Ruby itself: tests/active_support/cases.rb
// (ActiveSupport's documented results) and tests/stdlib/cases.rb (the standard library jetsam
// provides) run as config files in jetsam's VM, and each also passes in CRuby (see their heads).
// Every method tests/active_support/core_ext.tsv calls supported must pass a check.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "golden_util.h"
#include "jetsam/evaluate.h"

namespace jetsam {
namespace {

struct Row {
  std::string method, status, reason;
};

std::vector<Row> Inventory() {
  std::vector<Row> rows;
  std::istringstream in(jetsam_test::ReadFile(std::string(JETSAM_SOURCE_DIR) + "/tests/active_support/core_ext.tsv"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string col; std::getline(fields, col, '\t');) cols.push_back(col);
    if (cols.size() < 4) continue;
    rows.push_back({cols[0], cols[3], cols.size() > 4 ? cols[4] : ""});
  }
  return rows;
}

// Runs a cases file as a config file; the output's "ok NAME" and "FAIL NAME: ..." lines.
std::string RunCases(const std::string& file) {
  Sources sources;
  sources.files["config/jets/project.rb"] =
      "Jets.project.configure do\n  config.name = \"cases\"\nend\n" +
      jetsam_test::ReadFile(std::string(JETSAM_SOURCE_DIR) + "/tests/ruby_check.rb") +
      jetsam_test::ReadFile(std::string(JETSAM_SOURCE_DIR) + "/tests/" + file);
  EvalOptions options;
  options.isolate = false;
  options.environment = std::map<std::string, std::string>{};
  EvalResult result;
  Status s = Evaluate(sources, options, &result);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return result.output;
}

TEST(ActiveSupport, EverySupportedMethodPassesItsDocumentedExamples) {
  std::vector<Row> rows = Inventory();
  ASSERT_GT(rows.size(), 500u);
  std::set<std::string> known;
  for (const auto& r : rows) known.insert(r.method);

  std::string output = RunCases("active_support/cases.rb");
  std::map<std::string, int> passed;
  std::istringstream lines(output);
  int checks = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("ok ", 0) == 0) {
      std::string name = line.substr(3);
      EXPECT_TRUE(known.count(name)) << "cases.rb checks " << name << ", which core_ext.tsv does not list";
      ++passed[name];
      ++checks;
    } else {
      ADD_FAILURE() << line;
    }
  }
  int supported = 0, counted = 0;
  for (const auto& r : rows) {
    if (r.status == "io") continue;
    ++counted;
    if (r.status == "supported") {
      ++supported;
      EXPECT_TRUE(passed.count(r.method)) << r.method << " is marked supported but no check in cases.rb passed for it";
    } else {
      EXPECT_EQ(r.status, "no") << r.method;
      EXPECT_FALSE(r.reason.empty()) << r.method << " is not supported, and core_ext.tsv says not why";
    }
  }
  std::cout << "ActiveSupport core_ext: " << supported << " of " << counted << " methods supported (" << checks
            << " checks passed)\n";
}

TEST(RubyStdlib, BehavesAsRubyDoes) {
  std::istringstream lines(RunCases("stdlib/cases.rb"));
  int checks = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("ok ", 0) == 0) {
      ++checks;
    } else {
      ADD_FAILURE() << line;
    }
  }
  EXPECT_GT(checks, 100);
}

// Every method that walks a structure ends on one that holds itself: in an error at the config's
// line (the VM's stack and memory are bounded), never a crash or a hang.
TEST(RubyBounds, CyclicAndHugeDataEndInAnError) {
  for (const char* code : {"h = {}; h[:a] = h; h.deep_merge(h)", "h = {}; h[:a] = h; h.deep_dup", "a = []; a << a; a.deep_dup",
                           "h = {}; h[:a] = h; h.to_json", "h = {}; h[:a] = h; h.deep_symbolize_keys",
                           "h = {}; h[:a] = h; h.with_indifferent_access", "h = {}; h[:a] = h; JSON.generate(h)",
                           "a = []; 100000.times { a = [a] }; JSON.generate(a, max_nesting: false)",
                           "JSON.parse('[' * 100000 + ']' * 100000, max_nesting: false)",
                           "h = {}; h[:a] = h; h.deep_transform_values { |v| v }", "s = Set.new; s << s; s.hash",
                           "YAML.load('a: &a [*a]')", "YAML.load('- ' * 100 + 'x')"}) {
    Sources sources;
    sources.files["config/jets/project.rb"] = std::string("Jets.project.configure do\n  config.name = \"x\"\nend\n") + code + "\n";
    EvalOptions options;
    options.isolate = false;
    options.environment = std::map<std::string, std::string>{};
    EvalResult result;
    Status s = Evaluate(sources, options, &result);
    EXPECT_FALSE(s.ok()) << code;
    EXPECT_EQ(s.where(), (Location{"config/jets/project.rb", 4})) << code << ": " << s.ToString();
  }
}

}  // namespace
}  // namespace jetsam
