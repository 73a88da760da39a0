// Jets reads its config in phases (project; dotenv and bootstrap; deploy), and a role needs only
// the phases up to its own: what an evaluation keeps when a later phase fails, what the dotenv
// files put in ENV and when, and the checkouts that are not Jets 6 config at all.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "jetsam/compile.h"
#include "jetsam/evaluate.h"

namespace fs = std::filesystem;

namespace jetsam {
namespace {

constexpr const char* kShopProject = "Jets.project.configure do\n  config.name = \"shop\"\nend\n";
constexpr const char* kBootstrap = "Jets.bootstrap.configure do\n  config.codebuild.iam.policy = [\"ssm\"]\nend\n";

Sources Checkout(const std::string& deploy_rb, const std::string& bootstrap_rb = kBootstrap) {
  Sources s;
  s.root = "phases";
  s.files["config/jets/project.rb"] = kShopProject;
  s.files["config/jets/bootstrap.rb"] = bootstrap_rb;
  if (!deploy_rb.empty()) s.files["config/jets/deploy.rb"] = deploy_rb;
  return s;
}

EvalOptions PhaseOptions(bool isolate, std::map<std::string, std::string> environment = {}) {
  EvalOptions o;
  o.isolate = isolate;
  o.environment = std::move(environment);
  o.facts.region = "us-west-2";
  o.facts.account = "111122223333";
  o.facts.s3_bucket = "shop-bucket";
  return o;
}

std::vector<std::string> Items(const ConfigSettings& object, const std::string& path) {
  std::vector<std::string> out;
  for (const auto& v : object.Get(path).items()) out.push_back(v.ToS());
  return out;
}

class Phases : public testing::TestWithParam<bool> {};
INSTANTIATE_TEST_SUITE_P(Modes, Phases, testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Isolated" : "InProcess"; });

TEST_P(Phases, ADeployErrorKeepsTheEarlierPhases) {
  EvalResult r;
  Status s = Evaluate(Checkout("Jets.deploy.configure do\n  config.nope.x = 1\nend\n"), PhaseOptions(GetParam()), &r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_FALSE(r.Complete());
  EXPECT_EQ(r.stopped_at, Phase::kDeploy);
  EXPECT_TRUE(r.Has(Phase::kBootstrap));
  EXPECT_EQ(Items(r.settings.bootstrap, "codebuild.iam.policy"), std::vector<std::string>{"ssm"});
  EXPECT_TRUE(r.settings.deploy.settings.empty());
  EXPECT_EQ(r.facts.namespace_, "shop-dev");
  EXPECT_EQ(r.files, (std::vector<std::string>{"config/jets/project.rb", "config/jets/bootstrap.rb"}));

  // Compile builds the CodeBuild role from them when asked to, and names what it could not build.
  CompileOptions partial;
  partial.partial = true;
  Compiled c;
  ASSERT_TRUE(Compile(r, partial, &c).ok());
  ASSERT_EQ(c.roles.size(), 1u);
  EXPECT_EQ(c.roles[0].kind, RoleKind::kCodebuild);
  EXPECT_EQ(c.missing, (std::vector<RoleKind>{RoleKind::kLambda, RoleKind::kCi}));
  EXPECT_EQ(MissingRolesNote(r, c),
            "the lambda and ci roles are not built: they need the deploy settings, which the error above stopped");
  // Without `partial`, a role that cannot be built is the evaluation's error.
  Status strict = Compile(r, CompileOptions{}, &c);
  EXPECT_EQ(strict.where(), s.where());
  Compiled codebuild_only;
  ASSERT_TRUE(Compile(r, CompileOptions{{RoleKind::kCodebuild}}, &codebuild_only).ok());
  EXPECT_TRUE(std::any_of(codebuild_only.notices.begin(), codebuild_only.notices.end(),
                          [](const Notice& n) { return n.code == "phase-not-evaluated"; }));
}

// The CodeBuild role is deployed before deploy.rb is read: what deploy.rb does to
// Jets.bootstrap does not reach it.
TEST_P(Phases, TheBootstrapSettingsAreThoseTheBootstrapPhaseLeft) {
  EvalResult r;
  ASSERT_TRUE(Evaluate(Checkout("Jets.bootstrap.config.codebuild.iam.policy << \"iam:*\"\n"), PhaseOptions(GetParam()), &r).ok());
  EXPECT_EQ(Items(r.settings.bootstrap, "codebuild.iam.policy"), std::vector<std::string>{"ssm"});
}

TEST_P(Phases, AFailingBootstrapLeavesNoRole) {
  EvalResult r;
  Status s = Evaluate(Checkout("", "Jets.bootstrap.configure do\n  config.nope.x = 1\nend\n"), PhaseOptions(GetParam()), &r);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(r.stopped_at, Phase::kBootstrap);
  EXPECT_FALSE(r.Has(Phase::kBootstrap));
  CompileOptions partial;
  partial.partial = true;
  Compiled c;
  EXPECT_EQ(Compile(r, partial, &c).where(), s.where());
}

// The child that times out in deploy.rb leaves no result; the phases before it are evaluated again.
TEST(PhasesIsolated, ATimeoutInDeployStillGivesTheBootstrap) {
  EvalOptions o = PhaseOptions(true);
  o.limits.cpu_ms = 300;
  EvalResult r;
  Status s = Evaluate(Checkout("Jets.deploy.configure do\n  loop {}\nend\n"), o, &r);
  ASSERT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_EQ(s.where().file, "config/jets/deploy.rb");
  EXPECT_EQ(r.stopped_at, Phase::kDeploy);
  EXPECT_EQ(Items(r.settings.bootstrap, "codebuild.iam.policy"), std::vector<std::string>{"ssm"});
}

// --- dotenv ---------------------------------------------------------------------------------

Sources WithDotenv() {
  Sources s;
  s.files["config/jets/project.rb"] =
      "Jets.project.configure do\n  config.name = ENV.fetch(\"NAME_FROM_ENV\", \"shop\")\nend\n";
  s.files["config/jets/bootstrap.rb"] =
      "Jets.bootstrap.configure do\n  config.codebuild.iam.policy = [ENV[\"A\"], ENV[\"B\"], ENV[\"SECRET\"].to_s]\nend\n";
  s.files["config/jets/env/.env"] = "NAME_FROM_ENV=other\nA=from-env\nB=${A}-b\nSECRET=SSM\n";
  s.files["config/jets/env/.env.prod"] = "A=from-prod\n";
  return s;
}

TEST_P(Phases, DotenvIsLoadedAfterProjectBeforeBootstrap) {
  EvalResult r;
  ASSERT_TRUE(Evaluate(WithDotenv(), PhaseOptions(GetParam()), &r).ok());
  EXPECT_EQ(r.facts.name, "shop");  // project.rb ran before the dotenv files
  EXPECT_EQ(Items(r.settings.bootstrap, "codebuild.iam.policy"),
            (std::vector<std::string>{"from-env", "from-env-b", "<ssm:/shop/dev/SECRET>"}));
  ASSERT_EQ(std::count_if(r.notices.begin(), r.notices.end(), [](const Notice& n) { return n.code == "unresolved-lookup"; }),
            1);
}

TEST_P(Phases, TheMostSpecificFileAndTheRealEnvironmentWin) {
  EvalOptions o = PhaseOptions(GetParam(), {{"B", "real"}});
  o.env = "prod";
  o.facts.lookups["ssm"] = {{"/shop/prod/SECRET", "s3cret"}};
  EvalResult r;
  ASSERT_TRUE(Evaluate(WithDotenv(), o, &r).ok());
  EXPECT_EQ(Items(r.settings.bootstrap, "codebuild.iam.policy"), (std::vector<std::string>{"from-prod", "real", "s3cret"}));
  EXPECT_TRUE(std::none_of(r.notices.begin(), r.notices.end(), [](const Notice& n) { return n.code == "unresolved-lookup"; }));
}

// The project's own naming rule for SSM parameters (dotenv.ssm.convention_resolver) runs as Jets runs it.
TEST_P(Phases, TheProjectsConventionResolverNamesTheParameters) {
  Sources s = WithDotenv();
  s.files["config/jets/project.rb"] =
      "Jets.project.configure do\n  config.name = \"shop\"\n"
      "  config.dotenv.ssm.convention_resolver = ->(leaf) { \"/custom/#{Jets.env}/#{leaf.downcase}\" }\nend\n";
  EvalOptions o = PhaseOptions(GetParam());
  o.facts.lookups["ssm"] = {{"/custom/dev/secret", "from-resolver"}};
  EvalResult r;
  ASSERT_TRUE(Evaluate(s, o, &r).ok());
  EXPECT_EQ(Items(r.settings.bootstrap, "codebuild.iam.policy")[2], "from-resolver");
  // A resolver that raises stops the bootstrap phase at its line.
  s.files["config/jets/project.rb"] =
      "Jets.project.configure do\n  config.name = \"shop\"\n"
      "  config.dotenv.ssm.convention_resolver = ->(leaf) { raise \"no #{leaf}\" }\nend\n";
  Status st = Evaluate(s, o, &r);
  EXPECT_EQ(st.where(), (Location{"config/jets/project.rb", 3}));
  EXPECT_EQ(r.stopped_at, Phase::kBootstrap);
}

TEST_P(Phases, JetsDotenvZeroLeavesTheFilesOut) {
  EvalResult r;
  ASSERT_TRUE(Evaluate(WithDotenv(), PhaseOptions(GetParam(), {{"JETS_DOTENV", "0"}}), &r).ok());
  EXPECT_EQ(Items(r.settings.bootstrap, "codebuild.iam.policy"), (std::vector<std::string>{"", "", ""}));
}

TEST_P(Phases, ABadDotenvLineStopsTheBootstrapPhase) {
  Sources s = WithDotenv();
  s.files["config/jets/env/.env"] = "A=1\nexport NOT_SET\n";
  EvalResult r;
  Status st = Evaluate(s, PhaseOptions(GetParam()), &r);
  EXPECT_EQ(st.where(), (Location{"config/jets/env/.env", 2}));
  EXPECT_EQ(r.stopped_at, Phase::kBootstrap);
}

// --- what is no Jets 6 config ------------------------------------------------------------------

TEST_P(Phases, ATemplateIsNamedAsOne) {
  Sources s = Checkout("");
  s.files.erase("config/jets/bootstrap.rb");
  s.files["config/jets/bootstrap.rb.tt"] = "Jets.bootstrap.configure do\n  <%= x %>\nend\n";
  s.files["config/jets/deploy.rb"] = "Jets.deploy.configure do\n<% if a -%>\nend\n";
  EvalResult r;
  Status st = Evaluate(s, PhaseOptions(GetParam()), &r);
  EXPECT_EQ(st.where(), (Location{"config/jets/bootstrap.rb.tt", 2}));
  EXPECT_NE(st.message().find("an ERB template"), std::string::npos) << st.ToString();
  s.files["config/jets/bootstrap.rb"] = kBootstrap;
  st = Evaluate(s, PhaseOptions(GetParam()), &r);
  EXPECT_EQ(st.where(), (Location{"config/jets/deploy.rb", 2}));
  EXPECT_NE(st.message().find("ERB tags"), std::string::npos) << st.ToString();
  EXPECT_TRUE(r.Has(Phase::kBootstrap));
}

TEST_P(Phases, AJets5NameGetsItsJets6Name) {
  EvalResult r;
  Status st = Evaluate(Checkout("Jets.deploy.configure do\n  config.managed_iam_policy = [\"x\"]\nend\n"),
                       PhaseOptions(GetParam()), &r);
  EXPECT_EQ(st.message(), "config.managed_iam_policy is a Jets 5 setting: Jets 6 has it as config.lambda.iam.managed_policy "
                          "in Jets.deploy");
  EXPECT_NE(st.hint().find("did you mean config.lambda.iam.managed_policy?"), std::string::npos);
}

// A Jets 5 name under a top-level one (config.function.X) gets its Jets 6 place, whatever the
// block's parameter is called; a Lambda property Jets 6 has no shorthand for goes to properties.
TEST_P(Phases, AJets5FunctionSettingGetsItsJets6Name) {
  struct Case {
    const char* line;
    const char* message;
    const char* hint;
  };
  const Case cases[] = {
      {"config.function.memory_size = 3008",
       "config.function.memory_size is a Jets 5 setting: Jets 6 has it as config.lambda.function.memory_size in "
       "Jets.deploy",
       "did you mean config.lambda.function.memory_size?"},
      {"c.function.reserved_concurrent_executions = 5",
       "config.function.reserved_concurrent_executions is a Jets 5 setting: Jets 6 has it as "
       "config.lambda.function.reserved_concurrency in Jets.deploy",
       "did you mean config.lambda.function.reserved_concurrency?"},
      {"config.function.tracing_config = {mode: \"Active\"}",
       "config.function.tracing_config is a Jets 5 setting: Jets 6 has it as config.lambda.function.properties in "
       "Jets.deploy",
       "Jets 6 has no shorthand for the Lambda property tracing_config"},
      {"config.iam_policy.push(\"sns\")",
       "config.iam_policy is a Jets 5 setting: Jets 6 has it as config.lambda.iam.policy in Jets.deploy",
       "did you mean config.lambda.iam.policy?"},
  };
  for (const auto& c : cases) {
    EvalResult r;
    Status st = Evaluate(Checkout(std::string("Jets.deploy.configure do |c|\n  ") + c.line + "\nend\n"),
                         PhaseOptions(GetParam()), &r);
    EXPECT_EQ(st.message(), c.message) << c.line;
    EXPECT_NE(st.hint().find(c.hint), std::string::npos) << c.line << ": " << st.hint();
    EXPECT_EQ(st.where(), (Location{"config/jets/deploy.rb", 2})) << c.line;
  }
}

// The public Jets surface configs call: Jets.root, a Pathname of the checkout (or the facts'
// root:) with join, + and to_s and no file access; Jets.env's predicates; the namespace.
TEST_P(Phases, TheJetsSurfaceConfigsCall) {
  EvalOptions o = PhaseOptions(GetParam());
  o.facts.lookups["root"] = "/app";
  o.env = "prod";
  o.extra = "2";
  EvalResult r;
  Status s = Evaluate(Checkout("Jets.deploy.configure do\n  config.lambda.iam.policy = [\n"
                               "    Jets.root.join(\"config\", \"iam.yml\").to_s, (Jets.root + \"config\").to_s,\n"
                               "    \"#{Jets.root}/x\", Jets.root.class.name, Jets.env.prod?.to_s, Jets.env.dev?.to_s,\n"
                               "    Jets.env.to_s, Jets.extra.to_s, Jets.project.namespace]\nend\n"),
                      o, &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Items(r.settings.deploy, "lambda.iam.policy"),
            (std::vector<std::string>{"/app/config/iam.yml", "/app/config", "/app/x", "Pathname", "true", "false", "prod",
                                      "2", "shop-prod-2"}));
}

// Jets 6.0.5's local `jets deploy` never reads deploy.rb: a deploy user scope that does not need
// the deploy settings is built when deploy.rb fails; tailored, which does, is not.
TEST_P(Phases, ADeployErrorLeavesTheFixedDeployUserScopes) {
  EvalResult r;
  Status s = Evaluate(Checkout("Jets.deploy.configure do\n  config.nope.x = 1\nend\n"), PhaseOptions(GetParam()), &r);
  ASSERT_FALSE(s.ok());
  CompileOptions options;
  options.roles = {RoleKind::kDeployUser};
  options.partial = true;
  for (DeployScope scope : {DeployScope::kBaseline, DeployScope::kLeast, DeployScope::kLocal, DeployScope::kTailored}) {
    DeployUserOptions user;
    user.scope = scope;
    Compiled c;
    ASSERT_TRUE(CompileWithDeployUser(r, options, user, &c).ok()) << DeployScopeName(scope);
    const bool built = scope != DeployScope::kTailored;
    EXPECT_EQ(c.roles.size(), built ? 1u : 0u) << DeployScopeName(scope);
    EXPECT_EQ(c.missing.size(), built ? 0u : 1u) << DeployScopeName(scope);
  }
}

// What the sandbox leaves out is named as the sandbox's doing, not as an undefined method. (File,
// IO and Dir exist, read-only over the checkout's config/: their refusals are the runtime's own.)
TEST_P(Phases, TheSandboxSaysItIsTheSandbox) {
  for (const char* line : {"TCPSocket.new(\"example.com\", 80)", "system(\"id\")", "Process.pid", "`id`",
                           "Socket.gethostname", "spawn(\"id\")"}) {
    EvalResult r;
    Status st = Evaluate(Checkout(std::string("Jets.deploy.configure do\n  ") + line + "\nend\n"), PhaseOptions(GetParam()), &r);
    EXPECT_EQ(st.message().rfind("the sandbox refuses ", 0), 0u) << line << ": " << st.ToString();
    EXPECT_EQ(st.where(), (Location{"config/jets/deploy.rb", 2})) << line;
  }
}

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("jetsam-phases-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  void Write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel) << text;
  }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

TEST(PhasesSources, DotenvFilesAndTemplatesAreRead) {
  TempDir dir;
  dir.Write("config/jets/project.rb", kShopProject);
  dir.Write("config/jets/deploy.rb.tt", "<%= x %>\n");
  dir.Write("config/jets/env/.env", "A=1\n");
  dir.Write("config/jets/env/.env.prod.beta", "A=2\n");
  dir.Write("config/jets/env/notes.txt", "not read\n");
  dir.Write("config/jets/env/.envrc", "not read\n");
  Sources s;
  ASSERT_TRUE(Sources::FromDirectory(dir.str(), &s).ok());
  EXPECT_EQ(s.files.count("config/jets/env/.env"), 1u);
  EXPECT_EQ(s.files.count("config/jets/env/.env.prod.beta"), 1u);
  EXPECT_EQ(s.files.count("config/jets/deploy.rb.tt"), 1u);
  EXPECT_EQ(s.files.count("config/jets/env/notes.txt"), 0u);
  EXPECT_EQ(s.files.count("config/jets/env/.envrc"), 0u);
}

TEST(PhasesSources, AJets5CheckoutIsExplained) {
  TempDir dir;
  dir.Write("config/application.rb",
            "Jets.application.configure do\n  config.project_name = \"x\"\n  config.iam_policy = [\"s3\"]\nend\n");
  Sources s;
  Status st = Sources::FromDirectory(dir.str(), &s);
  EXPECT_EQ(st.code(), Status::Code::kConfig);
  EXPECT_EQ(st.where(), (Location{"config/application.rb", 1}));
  EXPECT_NE(st.message().find("line 3: config.iam_policy is config.lambda.iam.policy in config/jets/deploy.rb"),
            std::string::npos)
      << st.message();
  EXPECT_NE(st.hint().find("https://docs.rubyonjets.com/docs/more/extras/upgrading/"), std::string::npos);
  // A Rails app without config/jets/ is no Jets 5 project.
  dir.Write("config/application.rb", "module Shop\n  class Application < Rails::Application\n  end\nend\n");
  st = Sources::FromDirectory(dir.str(), &s);
  EXPECT_NE(st.message().find("no config/jets/ directory"), std::string::npos);
}

// require_relative and load read the checkout's own files only: a symlink out of it is refused
// like a path out of it, at the line that asked.
TEST(PhasesSources, RequireRelativeOfASymlinkOutIsRefused) {
  TempDir dir;
  dir.Write("config/jets/project.rb", kShopProject);
  dir.Write("outside.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"iam\"]\nend\n");
  fs::create_directories(fs::path(dir.str()) / "config/iam");
  fs::create_symlink("/etc/passwd", fs::path(dir.str()) / "config/iam/away.rb");
  fs::create_symlink("../../outside.rb", fs::path(dir.str()) / "config/iam/up.rb");
  for (const char* line : {"require_relative \"../iam/away\"", "load \"config/iam/away.rb\"",
                           "require_relative \"../iam/up\""}) {
    dir.Write("config/jets/deploy.rb", std::string("\n") + line + "\n");
    Sources s;
    ASSERT_TRUE(Sources::FromDirectory(dir.str(), &s).ok());
    EvalResult r;
    Status st = Evaluate(s, PhaseOptions(true), &r);
    EXPECT_EQ(st.where(), (Location{"config/jets/deploy.rb", 2})) << line << ": " << st.ToString();
    EXPECT_NE(st.message().find("sandbox refuses"), std::string::npos) << line << ": " << st.ToString();
    EXPECT_TRUE(r.settings.deploy.Get("lambda.iam.policy").items().empty()) << line;
  }
}

// A config file is named by its real path in the checkout: a symlink out of config/jets/ (or a
// config/ that is one) is no config file, and a symlink within is read under its target's name.
TEST(PhasesSources, SymlinksAreNamedByWhereTheyLead) {
  TempDir dir;
  const fs::path top(dir.str());
  dir.Write("shop/config/jets/project.rb", kShopProject);
  dir.Write("shop/outside.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"iam\"]\nend\n");
  fs::create_symlink("/etc/passwd", top / "shop/config/jets/away.rb");
  fs::create_symlink("../../outside.rb", top / "shop/config/jets/up.rb");
  fs::create_symlink("project.rb", top / "shop/config/jets/alias.rb");
  Sources s;
  ASSERT_TRUE(Sources::FromDirectory((top / "shop").string(), &s).ok());
  std::vector<std::string> names;
  for (const auto& [name, text] : s.files) names.push_back(name);
  EXPECT_EQ(names, std::vector<std::string>{"config/jets/project.rb"});
  EXPECT_EQ(s.files.at("config/jets/project.rb"), kShopProject);

  dir.Write("elsewhere/jets/project.rb", kShopProject);
  fs::create_directories(top / "linked");
  fs::create_directory_symlink(top / "elsewhere", top / "linked/config");
  Sources t;
  (void)Sources::FromDirectory((top / "linked").string(), &t);
  EXPECT_TRUE(t.files.empty()) << t.files.begin()->first;
}

// --facts answers SSM parameters by name: a mapping of names to single values, nothing else.
TEST(PhasesFacts, SsmAnswersAreAMappingOfValues) {
  TempDir dir;
  auto load = [&](const std::string& text) {
    dir.Write("facts.yml", text);
    Facts f;
    return Facts::Load(dir.str() + "/facts.yml", &f);
  };
  EXPECT_TRUE(load("ssm:\n  /demo/dev/A: x\n  /demo/dev/PORT: 5432\n").ok());
  Status list = load("ssm: [/demo/dev/A]\n");
  EXPECT_EQ(list.code(), Status::Code::kConfig);
  EXPECT_NE(list.message().find("ssm must map SSM parameter names to their values"), std::string::npos);
  Status nested = load("ssm:\n  /demo/dev/A: {x: 1}\n");
  EXPECT_NE(nested.message().find("ssm: /demo/dev/A must be a single value"), std::string::npos) << nested.message();
}

}  // namespace
}  // namespace jetsam
