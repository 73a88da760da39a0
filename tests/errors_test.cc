// Errors a person can act on: a syntax error names file:line, an exception names file:line and
// its message, a misspelt setting names the setting, its line and the likely intended one.
// Each case evaluates an in-memory checkout in this process and in the sandboxed child.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "jetsam/evaluate.h"
#include "jetsam/facts.h"

namespace jetsam {
namespace {

constexpr const char* kProject = "Jets.project.configure do\n  config.name = \"demo\"\nend\n";

bool Has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

class Errors : public testing::TestWithParam<bool> {
 protected:
  Status Eval(std::map<std::string, std::string> files, EvalResult* result = nullptr, const std::string& env = "") {
    Sources s;
    s.root = "errors";
    if (!files.count("config/jets/project.rb")) files["config/jets/project.rb"] = kProject;
    for (auto it = files.begin(); it != files.end();) it = it->second.empty() ? files.erase(it) : std::next(it);
    s.files = std::move(files);
    EvalOptions o;
    o.isolate = GetParam();
    o.env = env;
    o.environment = std::map<std::string, std::string>{};
    EvalResult local;
    return Evaluate(s, o, result ? result : &local);
  }
  Status EvalDeploy(const std::string& deploy_rb, EvalResult* result = nullptr) {
    return Eval({{"config/jets/deploy.rb", deploy_rb}}, result);
  }
};

INSTANTIATE_TEST_SUITE_P(Modes, Errors, testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Isolated" : "InProcess"; });

// --- syntax ---------------------------------------------------------------------------------

// mruby reports an unclosed `do` where the file ends; the hint names the block that lacks its end.
TEST_P(Errors, UnclosedDoIsReportedAtTheEndWithTheOpenerInTheHint) {
  Status s = EvalDeploy(
      "Jets.deploy.configure do\n"
      "  config.lambda.iam.policy = [\"s3\"]\n"
      "  %w[a b].each do |x|\n"
      "    config.lambda.iam.policy << x\n"
      "end\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 5})) << s.ToString();  // the last line, not past it
  EXPECT_EQ(s.message(), "syntax error: unexpected end of file, expecting `end`");
  EXPECT_TRUE(Has(s.hint(), "line 3 (%w[a b].each do |x|)")) << s.hint();
  EXPECT_TRUE(s.IsRuby(RubyError::Kind::kSyntaxError)) << "the parser's error is a fact, not words";
}

TEST_P(Errors, UnclosedBracketIsReportedAtItsLine) {
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 3})) << s.ToString();
  EXPECT_TRUE(Has(s.message(), "syntax error: unexpected `end`, expecting ']'")) << s.message();
}

TEST_P(Errors, UnterminatedStringIsReported) {
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lambda.iam.policy = \"s3\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where().file, "config/jets/deploy.rb");
  EXPECT_TRUE(Has(s.message(), "unterminated string")) << s.message();
}

TEST_P(Errors, SyntaxErrorInAnEnvOverlayNamesTheOverlay) {
  Status s = Eval({{"config/jets/deploy.rb", "Jets.deploy.configure do\nend\n"},
                   {"config/jets/deploy/prod.rb", "Jets.deploy.configure do\n  config.x = = 1\nend\n"}},
                  nullptr, "prod");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy/prod.rb", 2})) << s.ToString();
}

// --- exceptions inside a configure block ----------------------------------------------------

TEST_P(Errors, NameErrorNamesFileLineAndConstant) {
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"]\n  config.lambda.iam.managed_policy = [Nope]\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 3}));
  EXPECT_EQ(s.message(), "NameError: uninitialized constant Nope");
}

TEST_P(Errors, NoMethodErrorNamesFileLineAndMethod) {
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\".frobnicate]\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_TRUE(Has(s.message(), "NoMethodError: undefined method 'frobnicate'")) << s.message();
}

TEST_P(Errors, ArgumentErrorNamesFileLineAndArity) {
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"].first(1, 2, 3)\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_TRUE(Has(s.message(), "ArgumentError: wrong number of arguments")) << s.message();
}

TEST_P(Errors, ErrorInAMethodDefinedInTheConfigNamesTheInnerLine) {
  Status s = EvalDeploy("def policies\n  raise ArgumentError, \"no policies\"\nend\nJets.deploy.configure do\n  config.lambda.iam.policy = policies\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_EQ(s.message(), "ArgumentError: no policies");
}

TEST_P(Errors, RaiseInTheProdOverlayNamesTheOverlay) {
  std::map<std::string, std::string> files = {
      {"config/jets/deploy.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"]\nend\n"},
      {"config/jets/deploy/prod.rb", "# prod only\nJets.deploy.configure do\n  raise \"boom\"\nend\n"}};
  Status s = Eval(files, nullptr, "prod");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy/prod.rb", 3}));
  EXPECT_EQ(s.message(), "RuntimeError: boom");
  EXPECT_EQ(s.ToString(), "config/jets/deploy/prod.rb:3: RuntimeError: boom");
  EXPECT_TRUE(Eval(files, nullptr, "dev").ok());  // the overlay of another env is not read
}

// --- misspelt settings ----------------------------------------------------------------------

TEST_P(Errors, MisspeltSettingReadNamesItAndSuggests) {
  Status s = Eval({{"config/jets/bootstrap.rb", "Jets.bootstrap.configure do\n  config.codebuild.iam.policy = [\"sqs\"]\n  config.codebuild.iam.polcy << \"s3\"\nend\n"}});
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/bootstrap.rb", 3}));
  EXPECT_TRUE(Has(s.message(), "config.codebuild.iam.polcy is not a Jets setting")) << s.message();
  EXPECT_EQ(s.hint(), "did you mean config.codebuild.iam.policy?");
}

TEST_P(Errors, MisspeltNamespaceNamesItAndSuggests) {
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lamda.iam.policy = [\"s3\"]\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_EQ(s.message(), "config.lamda is not a Jets.deploy setting");
  EXPECT_EQ(s.hint(), "did you mean config.lambda?");
}

TEST_P(Errors, UnknownTopLevelWriteNamesTheSettingWithoutEquals) {
  Status s = EvalDeploy("Jets.deploy.configure do\n  config.lamda = 1\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.message(), "config.lamda is not a Jets.deploy setting") << s.message();
  EXPECT_EQ(s.hint(), "did you mean config.lambda?");
}

// Jets keeps a misspelt nested write (OrderedOptions takes any key): the evaluation succeeds
// and a warning names the line and the setting probably meant.
TEST_P(Errors, MisspeltSettingWriteIsAWarningWithSuggestion) {
  EvalResult r;
  Status s = Eval({{"config/jets/bootstrap.rb", "Jets.bootstrap.configure do\n  config.codebuild.iam.polcy = [\"s3\"]\nend\n"}}, &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const Notice* found = nullptr;
  for (const auto& n : r.notices) if (n.code == "unknown-setting") found = &n;
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->severity, Notice::Severity::kWarning);
  EXPECT_EQ(found->where, (Location{"config/jets/bootstrap.rb", 2}));
  EXPECT_TRUE(Has(found->message, "config.codebuild.iam.polcy")) << found->message;
  EXPECT_TRUE(Has(found->message, "did you mean config.codebuild.iam.policy?")) << found->message;
}

TEST_P(Errors, DeploySettingInBootstrapSaysWhereItBelongs) {
  Status s = Eval({{"config/jets/bootstrap.rb", "Jets.bootstrap.configure do\n  config.ci.enable = true\nend\n"}});
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/bootstrap.rb", 2}));
  EXPECT_TRUE(Has(s.message(), "belongs to Jets.deploy")) << s.message();
  EXPECT_TRUE(Has(s.hint(), "Jets.deploy.configure")) << s.hint();
}

// A method call with arguments in a configure block is not a setting: no "did you mean".
TEST_P(Errors, CallWithArgumentsInABlockIsAPlainNoMethodError) {
  Status s = EvalDeploy("Jets.deploy.configure do\n  system(\"id\")\nend\n");
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_TRUE(Has(s.message(), "NoMethodError: undefined method 'system'")) << s.message();
}

// --- what explains an error: the exception's class and missing name, never its words ----------

// A NameError that names TCPSocket is about a constant the sandbox leaves out, whatever its
// message says; one raised with only the words of mruby's message names nothing, so it is the
// config's own error. A subclass counts as its class.
TEST_P(Errors, TheSandboxHintFollowsTheMissingNameNotTheMessage) {
  const std::string refused = "the sandbox refuses TCPSocket: config files cannot open network connections here ";
  Status real = EvalDeploy("Jets.deploy.configure do\n  TCPSocket.new(\"example.com\", 80)\nend\n");
  EXPECT_EQ(real.message(), refused + "(NameError: uninitialized constant TCPSocket)");
  Status named = EvalDeploy("Jets.deploy.configure do\n  raise NameError.new(\"something else\", :TCPSocket)\nend\n");
  EXPECT_EQ(named.message(), refused + "(NameError: something else)");
  EXPECT_EQ(named.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_FALSE(named.hint().empty());
  Status worded = EvalDeploy("Jets.deploy.configure do\n  raise NameError, \"uninitialized constant TCPSocket\"\nend\n");
  EXPECT_EQ(worded.message(), "NameError: uninitialized constant TCPSocket");
  EXPECT_TRUE(worded.hint().empty()) << worded.hint();
  ASSERT_TRUE(worded.ruby_error());  // crossed from the sandboxed child too
  EXPECT_EQ(*worded.ruby_error(), (RubyError{RubyError::Kind::kNameError, ""}));
  Status other = EvalDeploy("Jets.deploy.configure do\n  raise NameError.new(\"uninitialized constant TCPSocket\", :Nope)\nend\n");
  EXPECT_EQ(other.message(), "NameError: uninitialized constant TCPSocket");
  ASSERT_TRUE(other.ruby_error());
  EXPECT_EQ(*other.ruby_error(), (RubyError{RubyError::Kind::kNameError, "Nope"}));
}

TEST_P(Errors, TheSandboxHintForAMethodFollowsItsName) {
  Status worded = EvalDeploy("Jets.deploy.configure do\n  raise NoMethodError, \"undefined method 'system'\"\nend\n");
  EXPECT_EQ(worded.message(), "NoMethodError: undefined method 'system'");
  EXPECT_TRUE(worded.hint().empty()) << worded.hint();
  Status sub = EvalDeploy("class Gone < NoMethodError; end\nJets.deploy.configure do\n  raise Gone.new(\"gone\", :spawn)\nend\n");
  EXPECT_EQ(sub.message(), "the sandbox refuses `spawn`: config files cannot start processes here (Gone: gone)");
  EXPECT_EQ(sub.where(), (Location{"config/jets/deploy.rb", 3}));
}

// The ENV hint is for a fetch that missed a key (ENV's, or a settings object's), which says
// which key; a KeyError with the same words but no key gets none.
TEST_P(Errors, TheEnvHintFollowsTheKeyAFetchMissed) {
  Status env = EvalDeploy("Jets.deploy.configure do\n  config.lambda.iam.policy = [ENV.fetch(\"JETSAM_UNSET\")]\nend\n");
  EXPECT_EQ(env.message(), "KeyError: key not found: \"JETSAM_UNSET\"");
  EXPECT_EQ(env.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_TRUE(Has(env.hint(), "if it is ENV's")) << env.hint();
  ASSERT_TRUE(env.ruby_error());
  EXPECT_EQ(*env.ruby_error(), (RubyError{RubyError::Kind::kKeyError, "JETSAM_UNSET"}));
  Status settings = EvalDeploy("Jets.deploy.configure do\n  config.lambda.fetch(:nope)\nend\n");
  EXPECT_TRUE(Has(settings.message(), "KeyError: key not found: :nope in settings")) << settings.message();
  EXPECT_TRUE(Has(settings.hint(), "if it is ENV's")) << settings.hint();
  Status worded = EvalDeploy("Jets.deploy.configure do\n  raise KeyError, \"key not found: \\\"JETSAM_UNSET\\\"\"\nend\n");
  EXPECT_EQ(worded.message(), env.message());
  EXPECT_TRUE(worded.hint().empty()) << worded.hint();
}

// --- the project, info.yml and facts --------------------------------------------------------

TEST_P(Errors, MissingProjectNameIsClear) {
  Status s = Eval({{"config/jets/project.rb", "Jets.project.configure do\n  config.base64_encode = true\nend\n"}});
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_TRUE(Has(s.message(), "Jets project name not set")) << s.message();
  EXPECT_FALSE(Has(s.message(), "ConfigError")) << "jetsam's own error needs no class name";
  EXPECT_TRUE(Has(s.message(), "config.name")) << s.message();
}

TEST_P(Errors, BadInfoYamlNamesItsLine) {
  Status s = Eval({{"config/jets/info.yml", "aws_account: 1\nproject_name: [demo\n"}});
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where().file, "config/jets/info.yml");
  EXPECT_GT(s.where().line, 0);
}

TEST(FactsErrors, BadYamlNamesFileAndLine) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("jetsam_facts_" + std::to_string(getpid()) + ".yml");
  std::ofstream(path) << "region: us-east-1\naccount: [1234\n";
  Facts facts;
  Status s = Facts::Load(path.string(), &facts);
  std::filesystem::remove(path);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where().file, path.string());
  EXPECT_GE(s.where().line, 2);
  EXPECT_TRUE(Has(s.message(), "facts file")) << s.message();
}

TEST(FactsErrors, MissingFileIsAUsageError) {
  Facts facts;
  EXPECT_EQ(Facts::Load("/nonexistent/facts.yml", &facts).code(), Status::Code::kUsage);
}

}  // namespace
}  // namespace jetsam
