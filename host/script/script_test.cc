// The script stage's pieces: paths, output, literals, and Proc literals moved into a
// project's VM (run in this process, through a Session; the sandboxed run is tested by the
// golden fixtures tests/fixtures/script-*).
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <mruby.h>
#include <mruby/variable.h>

#include "script/output.h"
#include "script/session.h"
#include "script/variant.h"
#include "script/world.h"
#include "vm/vm.h"

namespace jetsam::script {
namespace {

TEST(LexicalAbsolute, ResolvesDotsByName) {
  EXPECT_EQ("/a/b", LexicalAbsolute("/a", "b"));
  EXPECT_EQ("/a/c/d", LexicalAbsolute("/a/b", "../c/./d"));
  EXPECT_EQ("/x", LexicalAbsolute("/a/b", "/x/y/.."));
  EXPECT_EQ("/", LexicalAbsolute("/a", "../../.."));
  EXPECT_EQ("/a", LexicalAbsolute("/a", "."));
  EXPECT_EQ("/a/b", LexicalAbsolute("/a", "b//"));
}

TEST(FindReadable, OnlyTheDirectoriesRead) {
  World w;
  w.cwd = "/work/app";
  Readable here, other;
  here.given = ".";
  here.paths = {"/work/app", "/real/app"};
  other.given = "../lib";
  other.paths = {"/work/lib"};
  w.readable = {here, other};
  EXPECT_EQ(".", FindReadable(w, ".")->given);
  EXPECT_EQ(".", FindReadable(w, "/real/app")->given);
  EXPECT_EQ(".", FindReadable(w, "sub/..")->given);
  EXPECT_EQ("../lib", FindReadable(w, "../lib/")->given);
  EXPECT_EQ(nullptr, FindReadable(w, ".."));
  EXPECT_EQ(nullptr, FindReadable(w, "sub"));
  EXPECT_EQ(nullptr, FindReadable(w, "/work/lib/.."));
}

TEST(OutputSafe, KeepsNewlinesAndTabsEscapesTheRest) {
  EXPECT_EQ("a\tb\nc\n", OutputSafe("a\tb\nc\n"));
  EXPECT_EQ("red \\e[31m!\\r\\x7F", OutputSafe("red \x1b[31m!\r\x7f"));
  EXPECT_EQ("\\u2028 \\xFF caf\xc3\xa9", OutputSafe("\xe2\x80\xa8 \xff caf\xc3\xa9"));
}

TEST(StringStartLine, AHeredocsBodyOrTheCall) {
  const std::string script = "x = 1\np.with(deploy: <<~RUBY)\n  config.a = 1\nRUBY\np.with(deploy: \"config.b = 2\")\n";
  EXPECT_EQ(3, StringStartLine(script, 2, "config.a = 1\n"));
  EXPECT_EQ(5, StringStartLine(script, 5, "config.b = 2"));
  EXPECT_EQ(5, StringStartLine(script, 5, ""));
}

// Plain data written as a literal reads back, in another VM, as the same value.
TEST(RubyLiteral, ReadsBackAsTheSameValue) {
  vm::Vm a(64 << 20), b(64 << 20);
  ASSERT_TRUE(a.ok() && b.ok());
  const std::string value = R"([nil, true, false, -12, 0.1, 1.0e20, 'q"uote \\ #{no} #@x', "\e\x00\xff\u00e9",
                               :sym, :"two words", {"k" => [1, {x: 2}]}, []])";
  ASSERT_TRUE(a.LoadFile("a.rb", "$v = " + value).ok());
  mrb_value v = mrb_gv_get(a.mrb(), mrb_intern_lit(a.mrb(), "$v"));
  std::string literal, error;
  ASSERT_TRUE(RubyLiteral(a.mrb(), v, &literal, &error)) << error;
  ASSERT_TRUE(b.LoadFile("b.rb", "$same = (" + value + ") == (" + literal + ")").ok()) << literal;
  EXPECT_TRUE(mrb_test(mrb_gv_get(b.mrb(), mrb_intern_lit(b.mrb(), "$same")))) << literal;
  ASSERT_TRUE(a.LoadFile("c.rb", "$o = Object.new").ok());
  EXPECT_FALSE(RubyLiteral(a.mrb(), mrb_gv_get(a.mrb(), mrb_intern_lit(a.mrb(), "$o")), &literal, &error));
  EXPECT_EQ("it is a Object", error);
}

// Runs `text` as a script in this process (the checkout: tests/fixtures/script-api) and returns
// what it printed, or the error.
std::string RunText(const std::string& text) {
  World world;
  world.cwd = "/checkout";
  Readable here;
  here.given = ".";
  here.paths = {"/checkout"};
  here.status = Sources::FromDirectory(JETSAM_SOURCE_DIR "/tests/fixtures/script-api", &here.sources);
  world.readable.push_back(std::move(here));
  world.script_name = "t.rb";
  world.script_text = text;
  world.eval.isolate = false;
  world.eval.environment = std::map<std::string, std::string>{};
  int out = open("/tmp", O_TMPFILE | O_RDWR, 0600);
  world.out_fd = world.err_fd = out;
  Session session(world);
  int code = 0;
  Status s = session.Open();
  if (s.ok()) s = session.RunScript(&code);
  std::string printed(1 << 16, '\0');
  printed.resize(static_cast<size_t>(std::max<ssize_t>(0, pread(out, printed.data(), printed.size(), 0))));
  close(out);
  return s.ok() ? printed : printed + "ERROR " + s.ToString();
}

TEST(ProcSource, TwoProcsOnOneLineEachRunsItsOwnCode) {
  EXPECT_EQ("sqs:A\nsns:B\n", RunText(R"(t = Jetsam.load
v = t.with(deploy: proc { config.lambda.iam.policy << "sqs:A" }, project: proc { }, bootstrap: proc { config.codebuild.iam.policy << "sns:B" })
puts v.role("lambda").actions.select { |a| a.end_with?(":A") }
puts v.role("codebuild").actions.select { |a| a.end_with?(":B") }
)"));
}

TEST(ProcSource, CapturedVariablesAtEveryLevelAndNestedBlocks) {
  EXPECT_EQ("sqs:x,sqs:x1\nsqs:y,sqs:y1\n", RunText(R"(t = Jetsam.load
%w[x y].each do |s|
  [1].each do |n|
    v = t.with(deploy: proc {
      config.lambda.iam.policy += [s, "#{s}#{n}"].map { |part| "sqs:#{part}" }
    })
    puts v.role("lambda").actions.select { |a| a.start_with?("sqs:") }.join(",")
  end
end
)"));
}

TEST(ProcSource, DoEndWithAParameterLambdasAndBracesInStrings) {
  EXPECT_EQ("[\"a}b\", \"c\", \"d\"]\n", RunText(R"(t = Jetsam.load
v = t.with(deploy: [proc do |c|
  c.lambda.iam.policy = ["a}b"]
end, lambda { config.lambda.iam.policy << "c" }, -> { config.lambda.iam.policy << "d" }])
p v.value("lambda.iam.policy")
)"));
}

TEST(ProcSource, TheLinesOfTheProcAreTheScriptsInOrigins) {
  EXPECT_EQ("\"t.rb:4\"\n", RunText(R"(t = Jetsam.load
v = t.with(deploy: proc {
  # a comment
  config.lambda.iam.policy << "sqs:SendMessage"
})
p v.setting("lambda.iam.policy")["history"].last["origin"]
)"));
}

TEST(ProcSource, AProcNotWrittenInTheScriptIsRefused) {
  std::string out = RunText("Jetsam.load.with(deploy: method(:puts).to_proc)\n");
  EXPECT_NE(out.find("t.rb:1: ArgumentError: with(deploy:): cannot find the text of this Proc"), std::string::npos) << out;
}


// A script has the Ruby libraries a config has beside JSON and Regexp: Set, YAML (safe by
// default, as Psych), Digest and Date, and Ruby 3.1's core additions (String#+@ for one).
TEST(ScriptRuby, HasSetYamlDigestAndDate) {
  EXPECT_EQ("3\n{\"a\"=>1, \"b\"=>[\"x\", \"y\"]}\nPsych::AliasesNotEnabled\n"
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n2027-03-01 Monday\nab\n",
            RunText(R"(puts Set.new([1, 2, 2, 3]).size
p YAML.load("a: 1\nb: [x, y]\n")
begin
  YAML.load("x: &a 1\ny: *a\n")
rescue => e
  puts e.class
end
puts Digest::SHA256.hexdigest("abc")
d = Date.parse("2026-12-01") + 90
puts "#{d} #{d.strftime('%A')}"
s = +"a"
s << "b"
puts s
)"));
}

// The libraries are defined when a script first names one (or calls #to_set): other missing
// constants raise NameError as before, with the same message.
TEST(ScriptRuby, LoadsTheLibrariesOnFirstUseOnly) {
  EXPECT_EQ("2\nuninitialized constant Foo\nuninitialized constant M::Bar\nfalse\n", RunText(R"(p [1, 2, 2].to_set.size
begin
  Foo
rescue NameError => e
  puts e.message
end
module M
  begin
    Bar
  rescue NameError => e
    puts e.message
  end
end
p Jetsam::Native.load_stdlib
)"));
  EXPECT_EQ("true\n", RunText("p Jetsam::Native.load_stdlib\n")) << "nothing loads them before";
}

// __dir__ is a config's (its file's directory in the checkout): a script is told so.
TEST(ScriptRuby, DirIsRefusedWithAReason) {
  const std::string out = RunText("puts __dir__\n");
  EXPECT_NE(out.find("NotImplementedError"), std::string::npos) << out;
  EXPECT_NE(out.find("t.rb:1"), std::string::npos) << out;
}

}  // namespace
}  // namespace jetsam::script
