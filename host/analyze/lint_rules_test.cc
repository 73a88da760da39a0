// jetsam lint as a whole: its SARIF validates against the SARIF 2.1.0 schema, and every rule is
// exercised by some fixture's expected output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "golden_util.h"
#include "jetsam/analyze.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(JETSAM_SOURCE_DIR) / "tests" / "fixtures";

TEST(LintRules, IdsAreUniqueAndDescribed) {
  std::set<std::string> ids;
  for (const auto& r : jetsam::LintRules()) {
    EXPECT_TRUE(ids.insert(r.id).second) << r.id;
    EXPECT_NE(std::string(r.summary), "");
    EXPECT_NE(std::string(r.help), "");
  }
}

// Every rule appears in the expected output of some lint-* fixture case.
TEST(LintRules, EveryRuleHasAFixture) {
  std::string all;
  for (const auto& f : fs::directory_iterator(kFixtures)) {
    if (f.path().filename().string().rfind("lint-", 0) != 0 || !fs::is_directory(f.path() / "cases")) continue;
    for (const auto& c : fs::directory_iterator(f.path() / "cases"))
      if (c.path().extension() == ".out") all += jetsam_test::ReadFile(c.path());
  }
  for (const auto& r : jetsam::LintRules()) {
    if (std::string(r.id) == "config-notice") continue;  // a catch-all for notices to come
    const std::string text = std::string("[") + r.id + "]", json = std::string("\"") + r.id + "\"";
    EXPECT_TRUE(all.find(text) != std::string::npos || all.find(json) != std::string::npos)
        << "no lint-* fixture shows the rule " << r.id;
  }
}

bool HaveValidator() {
  return std::system("python3 -c 'import jsonschema' >/dev/null 2>&1") == 0;
}

// `jetsam lint --format sarif` on fixtures, validated with python3-jsonschema against the schema
// in testdata/ (no network at test time).
TEST(LintSarif, ValidatesAgainstTheSarif210Schema) {
  ASSERT_TRUE(HaveValidator()) << "python3 jsonschema is needed (Debian package python3-jsonschema; .ci/setup installs it)";
  const fs::path schema = fs::path(JETSAM_SOURCE_DIR) / "host/analyze/testdata/sarif-schema-2.1.0.json";
  const fs::path tmp = fs::temp_directory_path() / ("jetsam-sarif-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  for (const char* fixture : {"lint-typos", "lint-clean", "lint-escalation", "lint-limits", "lint-unresolved",
                              "lint-resource-type-mismatch", "lint-condition-value", "lint-data-exfiltration"}) {
    jetsam_test::Run run = jetsam_test::RunJetsam(
        "lint --format sarif --region us-west-2 --account 111122223333 --s3-bucket b", kFixtures / fixture);
    ASSERT_LE(run.code, 1) << fixture << ": " << run.err;
    const fs::path out = tmp / (std::string(fixture) + ".sarif");
    std::ofstream(out) << run.out;
    const std::string cmd =
        "python3 -c 'import json,sys,jsonschema; s=json.load(open(sys.argv[1])); d=json.load(open(sys.argv[2])); "
        "jsonschema.validators.validator_for(s)(s).validate(d); "
        "assert d[\"version\"]==\"2.1.0\"; assert all(r[\"locations\"] for r in d[\"runs\"][0][\"results\"])' " +
        schema.string() + " " + out.string();
    EXPECT_EQ(std::system(cmd.c_str()), 0) << fixture << " does not validate:\n" << run.out;
    // A fixture made to break rules must yield results: an empty run would validate too.
    const auto results = nlohmann::json::parse(run.out)["runs"][0]["results"];
    if (std::string(fixture) != "lint-clean") {
      EXPECT_FALSE(results.empty()) << fixture << " gave no SARIF results";
    }
  }
  fs::remove_all(tmp);
}

}  // namespace
