// A config is written by someone who wants a bad change to pass review. Whatever it does, where
// a setting came from, and whether it is Jets' default, is the host's to say: each test runs an
// attack, then a grant, and checks the grant is the config's own at its line, or that the attack
// is refused, or that jetsam says it cannot tell.
#include <gtest/gtest.h>

#include "jetsam/evaluate.h"

namespace jetsam {
namespace {

constexpr const char* kDeployFile = "config/jets/deploy.rb";

struct Outcome {
  Status status;
  EvalResult result;
};

Outcome RunConfig(const std::string& deploy_rb, const std::string& project_rb = "Jets.project.configure do\n  config.name = \"forge\"\nend\n") {
  Sources s;
  s.files["config/jets/project.rb"] = project_rb;
  s.files[kDeployFile] = deploy_rb;
  EvalOptions o;
  o.isolate = false;
  o.environment = std::map<std::string, std::string>{};
  o.facts.region = "us-west-2";
  o.facts.account = "111122223333";
  o.facts.s3_bucket = "b";
  Outcome out;
  out.status = Evaluate(s, o, &out.result);
  return out;
}

bool Shows(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// The origin of the item of `path` whose value reads `item`.
Location OriginOf(const EvalResult& r, const std::string& path, const std::string& item) {
  const Setting* s = r.settings.deploy.Find(path);
  if (!s) s = r.settings.bootstrap.Find(path);
  if (!s || !s->value.is_array()) return Location{"(no such setting)", 0};
  for (size_t i = 0; i < s->value.items().size(); ++i) {
    if (s->value.items()[i].ToS() == item) return s->ItemOrigin(i);
  }
  return Location{"(no such item)", 0};
}

// `attack` (lines 2.. of a configure block), then a grant at the block's last line: the grant
// is the config's, at that line.
void ExpectGrantIsTheConfigs(const std::string& attack, const std::string& path = "lambda.iam.policy",
                             const std::string& grant = "config.lambda.iam.policy << \"iam:PassRole\"") {
  SCOPED_TRACE(attack);
  std::string body = "Jets.deploy.configure do\n" + attack + "\n";
  int line = 2 + static_cast<int>(std::count(attack.begin(), attack.end(), '\n')) + 1;
  body += grant + "\nend\n";
  Outcome o = RunConfig(body);
  ASSERT_TRUE(o.status.ok()) << o.status.ToString() << "\n" << o.result.output;
  EXPECT_EQ(OriginOf(o.result, path, "iam:PassRole"), (Location{kDeployFile, line})) << o.result.output;
  const Setting* s = o.result.settings.deploy.Find(path);
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->is_default());
}

// The attack (a configure block's line 2) is refused there, with `needle` in the message.
void ExpectRefused(const std::string& attack, const std::string& needle) {
  SCOPED_TRACE(attack);
  Outcome o = RunConfig("Jets.deploy.configure do\n" + attack + "\nend\n");
  EXPECT_FALSE(o.status.ok());
  EXPECT_TRUE(Shows(o.status.message(), needle)) << o.status.ToString();
  EXPECT_EQ(o.status.where(), (Location{kDeployFile, 2})) << o.status.ToString();
}

// Every attack below worked on jetsam before its provenance moved to the host.

TEST(Forge, TheDefaultsSwitchIsNotRuby) {
  ExpectRefused("Jetsam.__defining(1)", "uninitialized constant Jetsam");
  ExpectGrantIsTheConfigs("begin; Jetsam.__defining(1); rescue NameError; end");
  ExpectGrantIsTheConfigs("begin; Object.const_get(:Jetsam).__defining(1); rescue NameError; end");
}

TEST(Forge, NoJetsamConstantIsVisible) {
  Outcome o = RunConfig("p Object.const_defined?(:Jetsam), Object.constants.map(&:to_s).select { |c| c.downcase.include?(\"jetsam\") }\n"
                  "p Jets.constants.sort\n");
  ASSERT_TRUE(o.status.ok()) << o.status.ToString();
  EXPECT_EQ(o.result.output, "false\n[]\n[:Aws, :Core, :Error, :VERSION]\n");
}

TEST(Forge, SettingsClassesCannotBeReopened) {
  ExpectRefused("ActiveSupport::OrderedOptions.class_eval { def []=(k, v); end }", "can't modify frozen");
  ExpectRefused("class ActiveSupport::OrderedOptions; def method_missing(*); end; end", "can't modify frozen");
  ExpectRefused("ActiveSupport::OrderedOptions.send(:alias_method, :[]=, :[])", "can't modify frozen");
  ExpectRefused("ActiveSupport::OrderedOptions.prepend(Module.new)", "can't modify frozen");
  ExpectRefused("ActiveSupport::OrderedOptions.include(Module.new)", "can't modify frozen");
  ExpectRefused("config.lambda.iam.policy.class.send(:define_method, :<<) { |x| x }", "can't modify frozen");
  ExpectRefused("config.lambda.iam.policy.singleton_class.superclass.send(:define_method, :push) { |x| x }",
                "can't modify frozen");
  ExpectRefused("Jets.deploy.class.send(:define_method, :lambda) { nil }", "can't modify frozen");
  ExpectRefused("def Jets.deploy; end", "can't modify frozen");
  ExpectRefused("Jets.singleton_class.send(:define_method, :deploy) { nil }", "can't modify frozen");
}

TEST(Forge, CoreClassesCannotBeChanged) {
  for (const char* c : {"Array", "Hash", "String", "Kernel", "Symbol", "Integer", "Enumerable", "Comparable",
                        "BasicObject", "Module", "Proc"}) {
    ExpectRefused(std::string(c) + ".prepend(Module.new)", "can't modify frozen");
    ExpectRefused(std::string(c) + ".send(:define_method, :forge) { 1 }", "can't modify frozen");
  }
  ExpectRefused("class Array; def <<(x) = push(x); end", "can't modify frozen");
  ExpectRefused("Array.send(:alias_method, :push, :first)", "can't modify frozen");
}

TEST(Forge, NodesAndConfigObjectsTakeNoMethodsOfTheirOwn) {
  ExpectRefused("def (config.lambda.iam).policy = ['*']", "can't modify frozen");
  ExpectRefused("class << config.lambda.iam; def policy = ['*']; end", "can't modify frozen");
  ExpectRefused("def (Jets.deploy).lambda = nil", "can't modify frozen");
  ExpectRefused("Jets.deploy.define_singleton_method(:lambda) { nil }", "can't modify frozen");
  ExpectRefused("Jets.deploy.extend(Module.new { def lambda = nil })", "can't modify frozen");
}

TEST(Forge, InstanceVariablesHoldNoRecord) {
  ExpectGrantIsTheConfigs(
      "[:@__where, :@__history, :@__values, :@__known].each do |v|\n"
      "  begin; config.lambda.iam.instance_variable_set(v, {}); rescue NoMethodError; end\n"
      "end");
  ExpectRefused("Jets.deploy.instance_variable_set(:@__root, ActiveSupport::OrderedOptions.new)", "can't modify frozen");
  ExpectRefused("Jets.instance_variable_set(:@deploy, Object.new)", "can't modify frozen");
  ExpectRefused("Jets.aws.instance_variable_set(:@x, 1)", "can't modify frozen");
  // (sorted: mruby lists instance variables in the order of its table, which the prelude's symbols decide)
  Outcome o = RunConfig("Jets.deploy.configure do\n  p Jets.deploy.instance_variables.sort, config.lambda.iam.instance_variables\nend\n");
  ASSERT_TRUE(o.status.ok()) << o.status.ToString();
  EXPECT_EQ(o.result.output, "[:@__name, :@__root]\nnil\n");  // a node's are not even listed: it is a setting read
}

TEST(Forge, SendReachesOnlySettings) {
  ExpectGrantIsTheConfigs("config.lambda.iam.send(:__touch, 'policy', nil, 'set') rescue nil\n"
                          "config.lambda.iam.__send__(:__set, 'policy', [], 'set') rescue nil\n"
                          "config.lambda.iam.public_send(:__adopt_path, 'ci.iam') rescue nil");
  ExpectGrantIsTheConfigs("config.lambda.iam.policy.send(:__array_push, 'x') rescue nil");
}

TEST(Forge, MethodObjectsChangeNothing) {
  ExpectGrantIsTheConfigs("m = ActiveSupport::OrderedOptions.instance_method(:[]=)\n"
                          "m.bind(config.lambda.iam).call('policy', [])");
  ExpectGrantIsTheConfigs("", "lambda.iam.policy", "config.lambda.iam.policy.method(:push).call('iam:PassRole')");
  ExpectGrantIsTheConfigs("", "lambda.iam.policy", "config.lambda.iam.policy.method(:push).to_proc.call('iam:PassRole')");
}

TEST(Forge, ArrayMethodsBoundToAListAreCaught) {
  // Array's own push, bound to a settings list, changes it behind the host's back: jetsam says
  // it cannot tell where the items came from, rather than call them Jets' defaults.
  for (const char* attack : {"Array.instance_method(:push).bind(config.lambda.iam.default_policy).call('iam:PassRole')",
                             "Array.instance_method(:replace).bind(config.ci.iam.default_policy).call(['*'])",
                             "Array.instance_method(:delete_at).bind(config.lambda.iam.default_policy).call(0)"}) {
    SCOPED_TRACE(attack);
    Outcome o = RunConfig(std::string("Jets.deploy.configure do\n  ") + attack + "\nend\n");
    EXPECT_FALSE(o.status.ok());
    EXPECT_TRUE(Shows(o.status.message(), "changed in a way jetsam cannot follow")) << o.status.ToString();
  }
  // Even when the config then changes the list the ordinary way.
  Outcome o = RunConfig("Jets.deploy.configure do\n"
                  "  list = config.lambda.iam.default_policy\n"
                  "  Array.instance_method(:push).bind(list).call('iam:PassRole')\n"
                  "  list << 's3:GetObject'\n"
                  "end\n");
  EXPECT_FALSE(o.status.ok());
}

TEST(Forge, AListWithMethodsOfItsOwnIsCaught) {
  Outcome o = RunConfig("Jets.deploy.configure do\n  l = config.lambda.iam.policy\n  def l.each; end\nend\n");
  EXPECT_FALSE(o.status.ok());
  EXPECT_TRUE(Shows(o.status.message(), "config.lambda.iam.policy has methods of its own")) << o.status.ToString();
}

TEST(Forge, IdentityIsTheHosts) {
  // An object that says it is a default item, by __id__, ==, hash, class, is_a? or respond_to?.
  ExpectGrantIsTheConfigs(
      "d = config.lambda.iam.default_vpc_policy\n"
      "x = Object.new\n"
      "x.define_singleton_method(:__id__) { d.first.__id__ }\n"
      "x.define_singleton_method(:object_id) { d.first.object_id }\n"
      "x.define_singleton_method(:==) { |o| true }\n"
      "x.define_singleton_method(:hash) { d.first.hash }\n"
      "x.define_singleton_method(:is_a?) { |c| true }\n"
      "d << x",
      "lambda.iam.default_vpc_policy", "config.lambda.iam.default_vpc_policy << \"iam:PassRole\"");
  // An Integer whose value is a default item's __id__.
  Outcome o = RunConfig("Jets.deploy.configure do\n"
                  "  d = config.lambda.iam.default_vpc_policy\n"
                  "  d << d.first.__id__\n"
                  "end\n");
  ASSERT_TRUE(o.status.ok()) << o.status.ToString();
  const Setting* s = o.result.settings.deploy.Find("lambda.iam.default_vpc_policy");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->ItemOrigin(s->value.items().size() - 1), (Location{kDeployFile, 3}));
  EXPECT_TRUE(s->ItemOrigin(0).empty());
}

TEST(Forge, JetsDefaultsCannotBeChangedInPlace) {
  ExpectRefused("config.lambda.iam.default_vpc_policy.first.replace('*')", "can't modify frozen");
  ExpectRefused("config.lambda.iam.default_policy.first[:Resource] = '*'", "can't modify frozen");
  ExpectRefused("config.lambda.iam.default_policy.first[:Action] << 'iam:*'", "can't modify frozen");
  ExpectRefused("Jets.bootstrap.config.codebuild.iam.default_policy.first << ':*'", "can't modify frozen");
  ExpectRefused("Jets.aws.region.replace('us-east-1')", "can't modify frozen");
  ExpectRefused("Jets.env.replace('prod')", "can't modify frozen");
  ExpectRefused("ENV['JETS_PROJECT'].replace('x') if ENV['JETS_PROJECT']; ENV.instance_variable_get(:@vars)['X'] = '1'",
                "can't modify frozen");
}

TEST(Forge, ValuesThatChangeAfterBeingStored) {
  ExpectGrantIsTheConfigs("s = 'iam:PassRole'.dup\n"
                          "config.lambda.iam.policy << s\n"
                          "config.lambda.iam.policy.pop");
  // A Proc, an object whose to_s changes: stored as objects, at their line.
  Outcome o = RunConfig("class Shifty; def to_s = 'first'; end\n"
                  "Jets.deploy.configure do\n"
                  "  o = Shifty.new\n"
                  "  config.lambda.function.runtime = o\n"
                  "  config.lambda.function.environment = proc { 1 }\n"
                  "  Shifty.define_method(:to_s) { 'second' }\n"
                  "end\n");
  ASSERT_TRUE(o.status.ok()) << o.status.ToString();
  EXPECT_EQ(o.result.settings.deploy.Find("lambda.function.runtime")->where, (Location{kDeployFile, 4}));
  EXPECT_EQ(o.result.settings.deploy.Find("lambda.function.environment")->where, (Location{kDeployFile, 5}));
  EXPECT_EQ(o.result.settings.deploy.Get("lambda.function.environment").ToS(), "#<Proc@config/jets/deploy.rb:5>");
  // A value with methods of its own: Jets would call them, jetsam cannot tell what it would see.
  o = RunConfig("Jets.deploy.configure do\n  o = Object.new\n  def o.to_s = 'x'\n  config.lambda.function.runtime = o\nend\n");
  EXPECT_FALSE(o.status.ok());
  EXPECT_TRUE(Shows(o.status.message(), "config.lambda.function.runtime has methods of its own")) << o.status.ToString();
}

TEST(Forge, AStringWithMethodsOfItsOwnIsNotData) {
  Outcome o = RunConfig("Jets.deploy.configure do\n"
                  "  s = 'ssm:GetParameter'\n"
                  "  def s.to_s = 'iam:PassRole'\n"
                  "  config.lambda.iam.policy << s\n"
                  "end\n");
  ASSERT_TRUE(o.status.ok()) << o.status.ToString();
  const Value& v = o.result.settings.deploy.Get("lambda.iam.policy");
  ASSERT_EQ(v.items().size(), 1u);
  EXPECT_EQ(v.items()[0].kind(), Value::Kind::kOther);
}

TEST(Forge, ExceptionsFromASetterLeaveNoTrace) {
  ExpectGrantIsTheConfigs("k = Object.new\n"
                          "def k.to_s = raise('no')\n"
                          "begin; config.lambda.iam[k] = ['*']; rescue RuntimeError; end\n"
                          "begin; config.lambda.iam.policy.push(1) { raise 'x' }; config.lambda.iam.policy.pop; rescue; end");
}

TEST(Forge, FibersAndEnumeratorsDoNotHideTheLine) {
  ExpectGrantIsTheConfigs("", "lambda.iam.policy",
                          "Fiber.new(&config.lambda.iam.policy.method(:push)).resume('iam:PassRole')");
  ExpectGrantIsTheConfigs("", "lambda.iam.policy", "config.lambda.iam.policy.to_enum(:push, 'iam:PassRole').next rescue nil");
  ExpectGrantIsTheConfigs("f = Fiber.new { Fiber.yield 1; config.lambda.iam.policy << 'x' }\nf.resume", "lambda.iam.policy");
}

// A config's own code that runs while Jets' defaults are built (here the project name's to_s,
// which the deploy defaults' namespace calls) is the config's, not a default.
TEST(Forge, ConfigCodeRunDuringJetsDefaultsIsTheConfigs) {
  Sources s;
  s.files["config/jets/project.rb"] =
      "class Name\n"
      "  def to_s\n"
      "    @done or Jets.bootstrap.config.codebuild.iam.policy << 'iam:PassRole'\n"
      "    @done = true\n"
      "    'forge'\n"
      "  end\n"
      "end\n"
      "Jets.project.configure do\n"
      "  config.name = Name.new\n"
      "end\n";
  s.files[kDeployFile] = "Jets.deploy.configure do\nend\n";
  EvalOptions o;
  o.isolate = false;
  o.environment = std::map<std::string, std::string>{};
  EvalResult r;
  Status st = Evaluate(s, o, &r);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(OriginOf(r, "codebuild.iam.policy", "iam:PassRole"), (Location{"config/jets/project.rb", 3}));
  EXPECT_EQ(r.settings.bootstrap.Find("codebuild.iam.policy")->history.size(), 1u);
  EXPECT_FALSE(r.settings.bootstrap.Find("codebuild.iam.policy")->is_default());
}

TEST(Forge, JetsObjectsAreNotReenteredWhileBuilt) {
  Outcome o = RunConfig("Jets.deploy.configure do\nend\n",
                  "class Name; def to_s = Jets.deploy.to_s; end\n"
                  "Jets.project.configure do\n"
                  "  config.name = Name.new\n"
                  "end\n");
  EXPECT_FALSE(o.status.ok());
  EXPECT_TRUE(Shows(o.status.message(), "Jets.deploy is used while Jets' defaults for it are being built"))
      << o.status.ToString();
}

TEST(Forge, EvaluatedCodeIsTheLineThatEvaluatedIt) {
  ExpectGrantIsTheConfigs("", "lambda.iam.policy",
                          "eval('config.lambda.iam.policy << \"iam:PassRole\"', nil, 'config/jets/project.rb', 2)");
  ExpectGrantIsTheConfigs("", "lambda.iam.policy",
                          "instance_eval('config.lambda.iam.policy << \"iam:PassRole\"', 'config/jets/project.rb', 2)");
  ExpectGrantIsTheConfigs("", "lambda.iam.policy",
                          "Object.class_eval('def forge_grant(c) = c.lambda.iam.policy << \"iam:PassRole\"', "
                          "'config/jets/project.rb', 2); forge_grant(config)");
  ExpectGrantIsTheConfigs("", "lambda.iam.policy",
                          "eval('proc { |c| c.lambda.iam.policy << \"iam:PassRole\" }', nil, 'config/jets/project.rb', 1)"
                          ".call(config)");
  // __FILE__, __LINE__ and caller are what they are; they move nothing.
  Outcome o = RunConfig("Jets.deploy.configure do\n"
                  "  eval('config.lambda.iam.policy << __FILE__ + \":\" + __LINE__.to_s', nil, 'config/jets/project.rb', 7)\n"
                  "  p caller.size >= 0\n"
                  "end\n");
  ASSERT_TRUE(o.status.ok()) << o.status.ToString();
  EXPECT_EQ(OriginOf(o.result, "lambda.iam.policy", "config/jets/project.rb:7"), (Location{kDeployFile, 2}));
  // binding is not there to lend.
  ExpectRefused("eval('1', binding)", "binding");
}

TEST(Forge, ErrorsNameTheLineThatRaised) {
  Outcome o = RunConfig("Jets.deploy.configure do\n"
                  "  e = RuntimeError.new('boom')\n"
                  "  e.set_backtrace(['config/jets/project.rb:2'])\n"
                  "  raise e\n"
                  "end\n");
  EXPECT_EQ(o.status.where(), (Location{kDeployFile, 4})) << o.status.ToString();
  o = RunConfig("Jets.deploy.configure do\n  eval('nil.boom', nil, 'config/jets/project.rb', 2)\nend\n");
  EXPECT_EQ(o.status.where(), (Location{kDeployFile, 2})) << o.status.ToString();
  o = RunConfig("Jets.deploy.configure do\n  eval(\"\\n\\nraise 'x'\", nil, 'config/jets/project.rb', 1)\nend\n");
  EXPECT_EQ(o.status.where(), (Location{kDeployFile, 2})) << o.status.ToString();
  o = RunConfig("Jets.deploy.configure do\n  raise RuntimeError.new('frozen').freeze\nend\n");
  EXPECT_EQ(o.status.where(), (Location{kDeployFile, 2})) << o.status.ToString();
}

TEST(Forge, UnresolvedLookupsAreTheHostsToReport) {
  Sources s;
  s.files["config/jets/project.rb"] = "Jets.project.configure do\n  config.name = \"forge\"\nend\n";
  s.files[kDeployFile] =
      "[-> { Jetsam::HOST[:account] = '1' }, -> { def (Jets.aws).account = '1' },\n"
      " -> { Jets::Aws.class_eval { def account = '1' } }, -> { Jets.instance_variable_set(:@aws, nil) }].each do |a|\n"
      "  a.call rescue nil\n"
      "end\n"
      "Jets.deploy.configure do\n"
      "  config.lambda.iam.policy << \"arn:aws:s3:::#{Jets.aws.account}-#{vpc_id('main')}\"\n"
      "end\n";
  EvalOptions o;
  o.isolate = false;
  o.environment = std::map<std::string, std::string>{};
  EvalResult r;
  Status st = Evaluate(s, o, &r);
  ASSERT_TRUE(st.ok()) << st.ToString();
  int at_line_6 = 0;
  for (const auto& n : r.notices) {
    if (n.code == "unresolved-lookup" && n.where == Location{kDeployFile, 6}) ++at_line_6;
  }
  EXPECT_EQ(at_line_6, 2);  // aws.account and vpc_id("main")
}

TEST(Forge, PlainObjectsPrintNoAddress) {
  Outcome o = RunConfig("Jets.deploy.configure do\n"
                  "  x = Object.new\n"
                  "  config.lambda.function.runtime = x\n"
                  "  p x, Class.new, Module.new, Class.new.new, x.to_s, \"#{Class.new}\"\n"
                  "  puts x\n"
                  "end\n");
  ASSERT_TRUE(o.status.ok()) << o.status.ToString();
  EXPECT_EQ(o.result.output, "#<Object>\n#<Class>\n#<Module>\n#<#<Class>>\n\"#<Object>\"\n\"#<Class>\"\n#<Object>\n");
  EXPECT_EQ(o.result.settings.deploy.Get("lambda.function.runtime").ToS(), "#<Object>");
  o = RunConfig("Jets.deploy.configure do\n  Object.new.boom\nend\n");
  EXPECT_EQ(o.status.message().find("0x"), std::string::npos) << o.status.ToString();
}

// An anonymous exception class names itself by its address ("#<Class:0x2000000b0d30>"): host
// memory layout in jetsam's error, which PlainObjectsPrintNoAddress keeps out of everything else.
// host/vm/exception.cc takes the address out of the class name as out of the message.
TEST(Forge, AnAnonymousExceptionClassPrintsNoAddress) {
  for (const char* attack : {"raise Class.new(StandardError)", "raise Class.new(Exception), 'x'",
                             "raise Class.new(RuntimeError).new"}) {
    SCOPED_TRACE(attack);
    Outcome o = RunConfig(std::string("Jets.deploy.configure do\n  ") + attack + "\nend\n");
    EXPECT_FALSE(o.status.ok());
    EXPECT_EQ(o.status.message().find("0x"), std::string::npos) << o.status.ToString();
    EXPECT_EQ(o.status.where(), (Location{kDeployFile, 2})) << o.status.ToString();
  }
}

}  // namespace
}  // namespace jetsam
