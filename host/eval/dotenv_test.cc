// The dotenv gem's own parser expectations (its spec/dotenv/parser_spec.rb, 3.1), and Jets'
// loading rules on top: which files, which wins, SSM references.
#include "eval/dotenv.h"

#include <gtest/gtest.h>

#include <chrono>

#include "eval/dotenv_ssm.h"

namespace jetsam::eval {
namespace {

using Env = std::map<std::string, std::string>;
using Vars = std::vector<std::pair<std::string, std::string>>;

Vars Parse(const std::string& text, const Env& env = {}) {
  std::vector<DotenvVar> vars;
  Status s = ParseDotenv(text, ".env", env, &vars);
  EXPECT_TRUE(s.ok()) << s.ToString();
  Vars out;
  for (const auto& v : vars) out.emplace_back(v.name, v.value);
  return out;
}

TEST(Dotenv, UnquotedValues) {
  EXPECT_EQ(Parse("FOO=bar"), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("FOO= bar"), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("FOO=bar\\ bar"), (Vars{{"FOO", "bar bar"}}));
  EXPECT_EQ(Parse("FOO =bar"), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("  FOO=bar"), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("FOO=bar  "), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("foo=bar "), (Vars{{"foo", "bar"}}));
  EXPECT_EQ(Parse("FOO="), (Vars{{"FOO", ""}}));
  EXPECT_EQ(Parse("FOO.BAR=foobar"), (Vars{{"FOO.BAR", "foobar"}}));
}

TEST(Dotenv, QuotedValues) {
  EXPECT_EQ(Parse("FOO=\"bar\""), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("FOO=\"bar\"  "), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("FOO='bar'"), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("FOO='bar'  "), (Vars{{"FOO", "bar"}}));
  EXPECT_EQ(Parse("FOO=\"escaped\\\"bar\""), (Vars{{"FOO", "escaped\"bar"}}));
  EXPECT_EQ(Parse("foo=\"ba#r\""), (Vars{{"foo", "ba#r"}}));
  EXPECT_EQ(Parse("foo='ba#r'  "), (Vars{{"foo", "ba#r"}}));
  EXPECT_EQ(Parse("foo=\"bar#baz\" # comment"), (Vars{{"foo", "bar#baz"}}));
  EXPECT_EQ(Parse("foo= \"bar#baz\" # comment"), (Vars{{"foo", "bar#baz"}}));
  // A quote that does not end the value leaves it unquoted, quotes and all.
  EXPECT_EQ(Parse("FOO=\"bar\" baz"), (Vars{{"FOO", "\"bar\" baz"}}));
}

TEST(Dotenv, EscapedNewlinesStayUnlessLegacy) {
  EXPECT_EQ(Parse("FOO=\"bar\\nbaz\""), (Vars{{"FOO", "bar\\nbaz"}}));
  EXPECT_EQ(Parse("FOO=\"bar\\rbaz\""), (Vars{{"FOO", "bar\\rbaz"}}));
  EXPECT_EQ(Parse("DOTENV_LINEBREAK_MODE=legacy\nFOO=\"bar\\nbaz\\rfizz\"", {{"DOTENV_LINEBREAK_MODE", "strict"}}),
            (Vars{{"DOTENV_LINEBREAK_MODE", "legacy"}, {"FOO", "bar\nbaz\rfizz"}}));
  EXPECT_EQ(Parse("FOO=\"bar\\nbaz\\rfizz\"", {{"DOTENV_LINEBREAK_MODE", "legacy"}}), (Vars{{"FOO", "bar\nbaz\rfizz"}}));
}

TEST(Dotenv, Variables) {
  EXPECT_EQ(Parse("FOO=test\nBAR=$FOO"), (Vars{{"FOO", "test"}, {"BAR", "test"}}));
  EXPECT_EQ(Parse("FOO=test\nBAR=${FOO}bar"), (Vars{{"FOO", "test"}, {"BAR", "testbar"}}));
  EXPECT_EQ(Parse("BAR=$FOO", {{"FOO", "test"}}), (Vars{{"BAR", "test"}}));
  EXPECT_EQ(Parse("FOO=development\nBAR=${FOO}", {{"FOO", "test"}}), (Vars{{"FOO", "test"}, {"BAR", "test"}}));
  EXPECT_EQ(Parse("BAR=$FOO"), (Vars{{"BAR", ""}}));
  EXPECT_EQ(Parse("FOO=test\nBAR=\"quote $FOO\""), (Vars{{"FOO", "test"}, {"BAR", "quote test"}}));
  EXPECT_EQ(Parse("BAR='quote $FOO'"), (Vars{{"BAR", "quote $FOO"}}));
  EXPECT_EQ(Parse("FOO=\"foo\\$BAR\""), (Vars{{"FOO", "foo$BAR"}}));
  EXPECT_EQ(Parse("FOO=\"foo\\${BAR}\""), (Vars{{"FOO", "foo${BAR}"}}));
  EXPECT_EQ(Parse("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\""), (Vars{{"FOO", "test"}, {"BAR", "foo${FOO} test"}}));
  EXPECT_EQ(Parse("FOO=\"bar\\$ \\$\\$\""), (Vars{{"FOO", "bar$ $$"}}));
  EXPECT_EQ(Parse("FOO=\"bar $ \""), (Vars{{"FOO", "bar $ "}}));
}

TEST(Dotenv, YamlStyleAndExport) {
  EXPECT_EQ(Parse("OPTION_A: 1"), (Vars{{"OPTION_A", "1"}}));
  EXPECT_EQ(Parse("export OPTION_A=2"), (Vars{{"OPTION_A", "2"}}));
  EXPECT_EQ(Parse("OPTION_A=2\nexport OPTION_A"), (Vars{{"OPTION_A", "2"}}));
  std::vector<DotenvVar> vars;
  Status s = ParseDotenv("OPTION_A=2\nexport OH_NO_NOT_SET", "config/jets/env/.env", {}, &vars);
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.where(), (Location{"config/jets/env/.env", 2}));
  EXPECT_NE(s.message().find("export OH_NO_NOT_SET"), std::string::npos) << s.message();
}

TEST(Dotenv, CommentsAndBlankLines) {
  EXPECT_EQ(Parse("lol$wut"), Vars{});
  EXPECT_EQ(Parse("\n \t  \nfoo=bar\n \nfizz=buzz"), (Vars{{"foo", "bar"}, {"fizz", "buzz"}}));
  EXPECT_EQ(Parse("foo=bar # this is foo"), (Vars{{"foo", "bar"}}));
  EXPECT_EQ(Parse("\n\n\n # HERE GOES FOO \nfoo=bar"), (Vars{{"foo", "bar"}}));
  EXPECT_EQ(Parse("# HELLO=world\n"), Vars{});
  EXPECT_EQ(Parse("# Uncomment to activate:\n"), Vars{});
  EXPECT_EQ(Parse("DATABASE_PASSWORD=\nDATABASE_USERNAME=root\nDATABASE_HOST=/tmp/mysql.sock"),
            (Vars{{"DATABASE_PASSWORD", ""}, {"DATABASE_USERNAME", "root"}, {"DATABASE_HOST", "/tmp/mysql.sock"}}));
}

TEST(Dotenv, MultiLineValues) {
  EXPECT_EQ(Parse("FOO=\"a\n\nb\n\nc\""), (Vars{{"FOO", "a\n\nb\n\nc"}}));
  EXPECT_EQ(Parse("OPTION_A=first line\nexport OPTION_B='line 1\nline 2\nline 3'\nOPTION_C=\"last line\"\n"
                  "OPTION_ESCAPED='line one\nthis is \\'quoted\\'\none more line'"),
            (Vars{{"OPTION_A", "first line"},
                  {"OPTION_B", "line 1\nline 2\nline 3"},
                  {"OPTION_C", "last line"},
                  {"OPTION_ESCAPED", "line one\nthis is \\'quoted\\'\none more line"}}));
  EXPECT_EQ(Parse("OPTION_A=first line\nexport OPTION_B=\"line 1\nline 2\nline 3\"\nOPTION_C=\"last line\"\n"
                  "OPTION_ESCAPED=\"line one\nthis is \\\"quoted\\\"\none more line\""),
            (Vars{{"OPTION_A", "first line"},
                  {"OPTION_B", "line 1\nline 2\nline 3"},
                  {"OPTION_C", "last line"},
                  {"OPTION_ESCAPED", "line one\nthis is \"quoted\"\none more line"}}));
}

TEST(Dotenv, CarriageReturns) {
  EXPECT_EQ(Parse("FOO=bar\rbaz=fbb"), (Vars{{"FOO", "bar"}, {"baz", "fbb"}}));
  EXPECT_EQ(Parse("FOO=bar\r\nbaz=fbb"), (Vars{{"FOO", "bar"}, {"baz", "fbb"}}));
}

TEST(Dotenv, CommandsBecomePlaceholders) {
  std::vector<DotenvVar> vars;
  ASSERT_TRUE(ParseDotenv("echo=$(echo hello)\nesc=escaped-\\$(echo hello)\nnest=$(echo \"$(echo hi)\")", ".env", {},
                          &vars)
                  .ok());
  ASSERT_EQ(vars.size(), 3u);
  EXPECT_EQ(vars[0].value, "<command:echo hello>");
  ASSERT_EQ(vars[0].commands.size(), 1u);
  EXPECT_EQ(vars[0].commands[0].command, "echo hello");
  EXPECT_EQ(vars[1].value, "escaped-$(echo hello)");
  EXPECT_TRUE(vars[1].commands.empty());
  EXPECT_EQ(vars[2].value, "<command:echo \"$(echo hi)\">");
  // An empty or unbalanced group is no command.
  EXPECT_EQ(Parse("A=$()x\nB=$(a())\nC=$(open"), (Vars{{"A", "$()x"}, {"B", "$(a())"}, {"C", "$(open"}}));
}

TEST(Dotenv, ExistingVariablesKeepTheirValue) {
  EXPECT_EQ(Parse("FOO=bar", {{"FOO", "existing"}}), (Vars{{"FOO", "existing"}}));
}

TEST(Dotenv, LinesOfNames) {
  std::vector<DotenvVar> vars;
  ASSERT_TRUE(ParseDotenv("# c\n\nA=1\nB=\"x\ny\"\n\n  C=3\n", ".env", {}, &vars).ok());
  ASSERT_EQ(vars.size(), 3u);
  EXPECT_EQ(vars[0].line, 3);
  EXPECT_EQ(vars[1].line, 4);
  EXPECT_EQ(vars[2].line, 7);
}

TEST(Dotenv, ByteOrderMarkIsDropped) { EXPECT_EQ(Parse("\xEF\xBB\xBF" "A=1"), (Vars{{"A", "1"}})); }

// An unterminated quote on every line is where a backtracking matcher goes quadratic.
TEST(Dotenv, HostileFilesStayLinear) {
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "A=\"\\\"\\\"\n";
  std::string blanks(200000, '\n');
  blanks += "lol$wut\n";
  const auto start = std::chrono::steady_clock::now();
  std::vector<DotenvVar> vars;
  ASSERT_TRUE(ParseDotenv(text, ".env", {}, &vars).ok());
  ASSERT_TRUE(ParseDotenv(blanks, ".env", {}, &vars).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(Dotenv, FilesMostSpecificFirst) {
  EXPECT_EQ(DotenvFiles("dev", ""), (std::vector<std::string>{"config/jets/env/.env.dev", "config/jets/env/.env"}));
  EXPECT_EQ(DotenvFiles("prod", "2"), (std::vector<std::string>{"config/jets/env/.env.prod.2", "config/jets/env/.env.prod",
                                                                "config/jets/env/.env"}));
}

TEST(Dotenv, LoadKeepsWhatIsSetFirst) {
  std::map<std::string, std::string> sources = {
      {"config/jets/env/.env", "A=base\nB=base\nC=base\nD=${B}-d\n"},
      {"config/jets/env/.env.prod", "B=prod\n"},
  };
  std::map<std::string, std::string> env = {{"A", "real"}};
  std::vector<LoadedVar> loaded;
  ASSERT_TRUE(LoadDotenv(sources, DotenvFiles("prod", ""), &env, &loaded).ok());
  EXPECT_EQ(env["A"], "real");
  EXPECT_EQ(env["B"], "prod");
  EXPECT_EQ(env["C"], "base");
  EXPECT_EQ(env["D"], "prod-d");
  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0].name, "B");
  EXPECT_EQ(loaded[0].where, (Location{"config/jets/env/.env.prod", 1}));
  EXPECT_EQ(loaded[1].name, "C");
  EXPECT_EQ(loaded[2].where, (Location{"config/jets/env/.env", 4}));
}

SsmConvention Demo() {
  SsmConvention c;
  c.project = "demo";
  c.env = "dev";
  c.unique_envs = {"dev", "prod"};
  c.fallback = "dev";
  return c;
}

TEST(DotenvSsm, Names) {
  SsmConvention c = Demo();
  EXPECT_EQ(c.ParameterName("DATABASE_URL", "SSM"), "/demo/dev/DATABASE_URL");
  EXPECT_EQ(c.ParameterName("DATABASE_URL", "SSM:DB_URL"), "/demo/dev/DB_URL");
  EXPECT_EQ(c.ParameterName("X", "SSM:/abs/path"), "/abs/path");
  c.env = "sbx";
  EXPECT_EQ(c.SsmPath(), "/demo/dev/");
  EXPECT_EQ(c.JetsEnvPath(), "/demo/sbx/");
  c.long_env_name = true;
  EXPECT_EQ(c.SsmPath(), "/demo/development/");
  c.resolver = [](const std::string& leaf) { return std::optional<std::string>("/custom/" + leaf); };
  EXPECT_EQ(c.ParameterName("K", "SSM"), "/custom/K");
}

TEST(DotenvSsm, PlaceholderAndWarningUnlessAnswered) {
  std::vector<LoadedVar> loaded = {{"DATABASE_URL", "SSM", {"config/jets/env/.env", 3}, {}},
                                   {"TOKEN", "SSM:/shared/token", {"config/jets/env/.env", 4}, {}},
                                   {"PLAIN", "x", {"config/jets/env/.env", 5}, {}}};
  std::map<std::string, std::string> env;
  std::vector<Notice> notices;
  nlohmann::json answers = {{"/shared/token", "t0k"}};
  ResolveSsm(loaded, Demo(), SsmAutoload{}, answers, &env, &notices);
  EXPECT_EQ(env["DATABASE_URL"], "<ssm:/demo/dev/DATABASE_URL>");
  EXPECT_EQ(env["TOKEN"], "t0k");
  EXPECT_EQ(env["PLAIN"], "x");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].where, (Location{"config/jets/env/.env", 3}));
  EXPECT_NE(notices[0].message.find("DATABASE_URL"), std::string::npos);
}

TEST(DotenvSsm, AutoloadTakesTheFactsUnderThePath) {
  std::vector<LoadedVar> loaded = {{"A", "SSM", {"config/jets/env/.env", 1}, {}}, {"B", "file", {".env", 2}, {}}};
  std::map<std::string, std::string> env = {{"E", "real"}};
  std::vector<Notice> notices;
  nlohmann::json answers = {{"/demo/dev/A", "a"}, {"/demo/dev/B", "b-ssm"}, {"/demo/dev/C", "c"}, {"/demo/dev/E", "e"},
                            {"/demo/dev/deep/D", "d"}, {"/demo/dev/BASIC_AUTH_PASSWORD", "pw"}};
  SsmAutoload autoload;
  autoload.enable = true;
  autoload.skip = {"BASIC_AUTH_PASSWORD"};
  ResolveSsm(loaded, Demo(), autoload, answers, &env, &notices);
  EXPECT_EQ(env["A"], "a");
  EXPECT_EQ(env["B"], "file");  // the file's value wins over the parameter
  EXPECT_EQ(env["C"], "c");
  EXPECT_EQ(env["E"], "e");  // Jets sets ENV from autoloaded parameters over the real environment
  EXPECT_EQ(env.count("D"), 0u);
  EXPECT_EQ(env.count("BASIC_AUTH_PASSWORD"), 0u);
  EXPECT_TRUE(notices.empty());
}

}  // namespace
}  // namespace jetsam::eval
