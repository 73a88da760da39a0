// ActiveSupport's core extensions in jetsam's VM: tests/active_support/cases.rb (ActiveSupport's
// documented results, checked against ActiveSupport itself by running the same file in Ruby)
// runs as a config file, and every method core_ext.tsv calls supported must pass a check there.
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

// Runs cases.rb as a config file; the output's "ok NAME" and "FAIL NAME: ..." lines.
std::string RunCases() {
  Sources sources;
  sources.files["config/jets/project.rb"] =
      "Jets.project.configure do\n  config.name = \"cases\"\nend\n" +
      jetsam_test::ReadFile(std::string(JETSAM_SOURCE_DIR) + "/tests/active_support/cases.rb");
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

  std::string output = RunCases();
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

}  // namespace
}  // namespace jetsam
