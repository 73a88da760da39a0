// The aws-cli script: valid bash, clean under shellcheck, its policy a sound document, names quoted.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "golden_util.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

namespace fs = std::filesystem;

// Runs `command FILE`, returns its exit status (output goes to the test log).
int Check(const std::string& command, const fs::path& file) {
  std::string cmd = command + " '" + file.string() + "' 1>&2";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool Have(const std::string& tool) { return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0; }

// The JSON between the quoted heredoc's delimiters.
Json HeredocJson(const std::string& script) {
  const std::string open = "<<'JETSAM_POLICY_DOCUMENT' >\"$policy_file\"\n";
  size_t begin = script.find(open);
  if (begin == std::string::npos) return nullptr;
  begin += open.size();
  size_t end = script.find("\nJETSAM_POLICY_DOCUMENT\n", begin);
  return Json::parse(script.substr(begin, end - begin));
}

TEST(AwsCli, EveryScopePassesBashAndShellcheck) {
  ASSERT_TRUE(Have("shellcheck")) << "shellcheck is needed (Debian package shellcheck; .ci/setup installs it)";
  const fs::path root(JETSAM_SOURCE_DIR);
  const fs::path tmp = fs::temp_directory_path() / ("jetsam-aws-cli-" + std::to_string(getpid()));
  fs::create_directories(tmp);
  for (const char* scope : {"baseline", "least", "local", "tailored"}) {
    for (const char* extra : {"", " --user ci-deployer --managed service-role/AWSConfigRole --group Jets.Deploy"}) {
      SCOPED_TRACE(std::string(scope) + extra);
      jetsam_test::Run run = jetsam_test::RunJetsam(
          std::string("compile --role deploy-user --format aws-cli --facts samples/facts.yml samples/demo --deploy-scope ") +
              scope + extra,
          root);
      ASSERT_EQ(0, run.code) << run.err;
      const fs::path file = tmp / (std::string(scope) + ".sh");
      std::ofstream(file) << run.out;
      EXPECT_EQ(0, Check("bash -n", file));
      EXPECT_EQ(0, Check("shellcheck --severity=style --shell=bash", file));
      EXPECT_NE(std::string::npos, run.out.find("set -euo pipefail\n"));
      Json doc = HeredocJson(run.out);
      ASSERT_TRUE(doc.is_object());
      EXPECT_EQ(std::vector<std::string>{}, PolicyFormProblems(doc));
    }
  }
  fs::remove_all(tmp);
}

TEST(AwsCli, QuotesNamesAndListsEveryStep) {
  Role role;
  role.kind = RoleKind::kDeployUser;
  Policy p;
  p.name = "JetsPolicy";
  Statement st;
  st.json = Json::parse(R"({"Effect": "Allow", "Action": ["s3:*"], "Resource": ["*"]})");
  p.statements.push_back(st);
  role.policies.push_back(p);
  role.managed.push_back({"arn:aws:iam::aws:policy/service-role/AWSConfigRole", "--managed", {}});
  AwsCliOptions options;
  options.group = "Jets";
  options.user = "tung";
  std::string script = EmitAwsCli(role, options);
  EXPECT_NE(std::string::npos, script.find("group='Jets'\nuser='tung'\n"));
  EXPECT_NE(std::string::npos, script.find("aws iam create-group --group-name \"$group\""));
  EXPECT_NE(std::string::npos, script.find("aws iam put-group-policy --group-name \"$group\" --policy-name 'JetsPolicy'"));
  EXPECT_NE(std::string::npos,
            script.find("aws iam attach-group-policy --group-name \"$group\" --policy-arn "
                        "'arn:aws:iam::aws:policy/service-role/AWSConfigRole'"));
  EXPECT_NE(std::string::npos, script.find("aws iam create-user --user-name \"$user\""));
  EXPECT_NE(std::string::npos, script.find("aws iam add-user-to-group --user-name \"$user\" --group-name \"$group\""));
  options.user.clear();
  EXPECT_EQ(std::string::npos, EmitAwsCli(role, options).find("create-user"));
}

TEST(AwsCli, IamNames) {
  EXPECT_TRUE(IsIamName("Jets"));
  EXPECT_TRUE(IsIamName("ci+deploy=x,y.z@a_b-c"));
  EXPECT_FALSE(IsIamName(""));
  EXPECT_FALSE(IsIamName("bad name"));
  EXPECT_FALSE(IsIamName("x'y"));
  EXPECT_FALSE(IsIamName("$(id)"));
  EXPECT_FALSE(IsIamName(std::string(129, 'a')));
}

}  // namespace
}  // namespace jetsam
