// The sandbox is a designed, tested boundary (design.md, "Redis scripting"): a config file can
// read, write or run nothing on the machine, and every evaluation is bounded in CPU time and
// memory. Each test evaluates a small checkout held in memory (Sources), both in this process
// (isolate = false: the VM alone) and in the sandboxed child (isolate = true: the CLI's way),
// and checks the refusal names the config file and line.
#include <gtest/gtest.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include "jetsam/evaluate.h"
#include "vm/isolate.h"

namespace jetsam {
namespace {

constexpr const char* kDeploy = "config/jets/deploy.rb";

Sources Project(const std::string& deploy_rb) {
  Sources s;
  s.root = "sandbox";
  s.files["config/jets/project.rb"] = "Jets.project.configure do\n  config.name = \"demo\"\nend\n";
  s.files[kDeploy] = deploy_rb;
  return s;
}

EvalOptions Options(bool isolate) {
  EvalOptions o;
  o.isolate = isolate;
  o.environment = std::map<std::string, std::string>{{"HOME", "/home/demo"}};
  return o;
}

// `line` goes into a configure block as its line 2: the refusal must name deploy.rb:2.
std::string InBlock(const std::string& line) {
  return "Jets.deploy.configure do\n  " + line + "\nend\n";
}

class Sandbox : public testing::TestWithParam<bool> {
 protected:
  bool isolated() const { return GetParam(); }

  Status Eval(const std::string& deploy_rb, EvalResult* result = nullptr, Limits limits = {}) {
    EvalOptions o = Options(isolated());
    o.limits = limits;
    EvalResult local;
    return Evaluate(Project(deploy_rb), o, result ? result : &local);
  }

  // The config line is refused with a kConfig error at deploy.rb:2 whose message has `needle`.
  void ExpectRefused(const std::string& line, const std::string& needle) {
    SCOPED_TRACE(line);
    Status s = Eval(InBlock(line));
    EXPECT_EQ(s.code(), Status::Code::kConfig) << s.ToString();
    EXPECT_EQ(s.where(), (Location{kDeploy, 2})) << s.ToString();
    EXPECT_NE(s.message().find(needle), std::string::npos) << s.ToString();
  }
};

INSTANTIATE_TEST_SUITE_P(Modes, Sandbox, testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Isolated" : "InProcess"; });

// --- files and programs -------------------------------------------------------------------

// File, IO and Dir read the checkout's config/ only (mrblib/stdlib/file.rb), from what the host
// read before the evaluation: anything else is the sandbox's refusal, which says so.
TEST_P(Sandbox, FileReadIsRefused) { ExpectRefused("File.read(\"/etc/passwd\")", "sandbox refuses reading \"/etc/passwd\": it is outside the checkout"); }
TEST_P(Sandbox, FileReadUpAndOutIsRefused) { ExpectRefused("File.read(\"config/../../x\")", "it is outside the checkout"); }
TEST_P(Sandbox, FileReadOutsideConfigIsRefused) { ExpectRefused("File.read(\"Gemfile\")", "jetsam reads the checkout's config/ only"); }
TEST_P(Sandbox, FileOpenIsRefused) { ExpectRefused("File.open(\"/tmp/x\", \"w\") { |f| f << 1 }", "sandbox refuses File.open(\"/tmp/x\", \"w\")"); }
TEST_P(Sandbox, FileWriteIsRefused) { ExpectRefused("File.write(\"config/x\", \"1\")", "sandbox refuses File.write"); }
TEST_P(Sandbox, IoPopenIsRefused) { ExpectRefused("IO.popen(\"id\").read", "sandbox refuses IO.popen"); }
TEST_P(Sandbox, IoReadIsRefused) { ExpectRefused("IO.read(\"/etc/passwd\")", "sandbox refuses reading"); }
TEST_P(Sandbox, DirGlobSeesNothingOutside) { ExpectRefused("raise Dir.glob(\"/etc/*\").inspect", "[]"); }
TEST_P(Sandbox, KernelOpenPipeIsRefused) { ExpectRefused("open(\"|id\").read", "undefined method 'open'"); }
TEST_P(Sandbox, BackticksAreRefused) { ExpectRefused("`id`", "undefined method '`'"); }
TEST_P(Sandbox, PercentXIsRefused) { ExpectRefused("%x{id}", "undefined method '`'"); }
TEST_P(Sandbox, KernelBacktickMethodIsRefused) { ExpectRefused("Kernel.`(\"id\")", "undefined method '`'"); }
TEST_P(Sandbox, SendBacktickIsRefused) { ExpectRefused("Kernel.send(:`, \"id\")", "undefined method '`'"); }
TEST_P(Sandbox, SystemIsRefused) { ExpectRefused("system(\"id\")", "undefined method 'system'"); }
TEST_P(Sandbox, ExecIsRefused) { ExpectRefused("exec(\"id\")", "undefined method 'exec'"); }
TEST_P(Sandbox, SpawnIsRefused) { ExpectRefused("spawn(\"id\")", "undefined method 'spawn'"); }
TEST_P(Sandbox, ForkIsRefused) { ExpectRefused("fork { 1 }", "undefined method 'fork'"); }
TEST_P(Sandbox, ProcessIsRefused) { ExpectRefused("Process.kill(:KILL, 1)", "uninitialized constant Process"); }
TEST_P(Sandbox, RequireIsRefused) { ExpectRefused("require \"socket\"", "sandbox refuses require \"socket\""); }
TEST_P(Sandbox, LoadIsRefused) { ExpectRefused("load \"/etc/passwd\"", "sandbox refuses load \"/etc/passwd\": it is outside the checkout"); }
TEST_P(Sandbox, RequireRelativeIsRefused) { ExpectRefused("require_relative \"../../../../etc/passwd\"", "it is outside the checkout"); }
TEST_P(Sandbox, ExitIsRefused) { ExpectRefused("exit 0", "undefined method 'exit'"); }
TEST_P(Sandbox, ExitBangIsRefused) { ExpectRefused("Kernel.exit!(0)", "undefined method 'exit!'"); }
TEST_P(Sandbox, AbortIsRefused) { ExpectRefused("abort \"bye\"", "undefined method 'abort'"); }

// --- network ------------------------------------------------------------------------------

TEST_P(Sandbox, TcpSocketIsRefused) { ExpectRefused("TCPSocket.new(\"169.254.169.254\", 80)", "uninitialized constant TCPSocket"); }
TEST_P(Sandbox, UdpSocketIsRefused) { ExpectRefused("UDPSocket.new", "uninitialized constant UDPSocket"); }
TEST_P(Sandbox, SocketIsRefused) { ExpectRefused("Socket.new(:INET, :STREAM)", "uninitialized constant Socket"); }
TEST_P(Sandbox, UnixSocketIsRefused) { ExpectRefused("UNIXSocket.new(\"/run/docker.sock\")", "uninitialized constant UNIXSocket"); }

// --- the terminal -------------------------------------------------------------------------

TEST_P(Sandbox, StdoutGlobalIsNotAnIo) { ExpectRefused("$stdout.write(\"x\")", "undefined method 'write'"); }
TEST_P(Sandbox, StdoutConstantIsGone) { ExpectRefused("STDOUT.write(\"x\")", "uninitialized constant STDOUT"); }
TEST_P(Sandbox, StderrConstantIsGone) { ExpectRefused("STDERR.puts(\"x\")", "uninitialized constant STDERR"); }

// --- reaching a removed thing another way -------------------------------------------------

TEST_P(Sandbox, ObjectSpaceIsGone) { ExpectRefused("ObjectSpace.each_object(Class) { }", "uninitialized constant ObjectSpace"); }
// The location is the config's line that called eval, not "(eval):1".
TEST_P(Sandbox, EvalStringNamingFileIsRefused) { ExpectRefused("eval(\"File.read('/etc/passwd')\")", "sandbox refuses"); }
TEST_P(Sandbox, ConstGetFileIsRefused) { ExpectRefused("Object.const_get(:File).read(\"/etc/passwd\")", "sandbox refuses"); }
TEST_P(Sandbox, InstanceEvalStringIsRefused) { ExpectRefused("instance_eval(\"File.read('/etc/hosts')\")", "sandbox refuses"); }
TEST_P(Sandbox, MethodObjectForSystemIsRefused) { ExpectRefused("method(:system).call(\"id\")", "undefined method 'system'"); }
TEST_P(Sandbox, InstanceMethodForBacktickIsRefused) {
  ExpectRefused("Kernel.instance_method(:`).bind(self).call(\"id\")", "undefined method '`'");
}
TEST_P(Sandbox, DefineMethodCallingBackticksIsRefused) {
  ExpectRefused("Kernel.define_method(:run) { |c| `#{c}` }; run(\"id\")", "can't modify frozen");  // Kernel is frozen
  ExpectRefused("Object.define_method(:run) { |c| `#{c}` }; run(\"id\")", "undefined method '`'");
}
TEST_P(Sandbox, DefineMethodSuperToRemovedOpenIsRefused) {
  ExpectRefused("Class.new { define_method(:open) { |*a| super(*a) } }.new.open(\"x\")", "superclass method");
}

// The address of an object must not leak into (or vary) the message.
TEST_P(Sandbox, ErrorMessagesHoldNoAddresses) {
  Status s = Eval(InBlock("method(:system)"));
  EXPECT_EQ(s.code(), Status::Code::kConfig);
  EXPECT_EQ(s.message().find("0x"), std::string::npos) << s.message();
}

// One look at the whole world: nothing of mruby-io, mruby-socket, mruby-process or
// mruby-objectspace exists, and no Kernel method that talks to the outside.
TEST_P(Sandbox, NoOutsideWorldConstantsOrMethodsExist) {
  EvalResult r;
  Status s = Eval(R"(
%i[Socket BasicSocket IPSocket TCPSocket TCPServer UDPSocket UNIXSocket UNIXServer
   Addrinfo ObjectSpace Process Signal STDIN STDOUT STDERR ARGV ARGF DATA].each do |c|
  puts "constant #{c}" if Object.const_defined?(c)
end
%i[` open system exec spawn fork exit exit! abort syscall trap sleep gets readline
   readlines select printf putc].each do |m|
  puts "method #{m}" if respond_to?(m, true) || Kernel.respond_to?(m, true)
end
# What File, IO, Dir, Pathname and FileUtils have beyond reading config/ refuses.
[[File, :write], [File, :delete], [File, :rename], [File, :symlink], [File, :chmod], [File, :stat],
 [File, :binwrite], [IO, :popen], [IO, :sysopen], [IO, :write], [Dir, :mkdir], [Dir, :chdir],
 [Dir, :unlink], [Dir, :home], [FileUtils, :rm_rf], [FileUtils, :mkdir_p]].each do |klass, m|
  begin
    klass.send(m, "/tmp/jetsam-sandbox-test", "x")
    puts "ran #{klass}.#{m}"
  rescue SecurityError
  end
end
begin
  Pathname.new("/tmp/jetsam-sandbox-test").write("x")
  puts "ran Pathname#write"
rescue SecurityError
end
puts "globals #{global_variables.inspect}"
)", &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.output, "globals []\n");
}

// --- the host's state ---------------------------------------------------------------------

TEST_P(Sandbox, EnvWriteIsRefused) { ExpectRefused("ENV[\"PATH\"] = \"/tmp\"", "ENV is read-only"); }
TEST_P(Sandbox, EnvDeleteIsRefused) { ExpectRefused("ENV.delete(\"HOME\")", "ENV is read-only"); }
TEST_P(Sandbox, EnvClearIsRefused) { ExpectRefused("ENV.clear", "ENV is read-only"); }

// ENV holds what the host passed (EvalOptions.environment plus JETS_ENV), nothing else.
TEST_P(Sandbox, EnvSeesOnlyTheGivenEnvironment) {
  EvalResult r;
  Status s = Eval("p ENV.keys.sort\np ENV[\"HOME\"]\n", &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.output, "[\"HOME\", \"JETS_ENV\"]\n\"/home/demo\"\n");
}

TEST_P(Sandbox, ProgramNameAndArgvDoNotLeak) {
  EvalResult r;
  Status s = Eval("p $0\np $PROGRAM_NAME\np Object.const_defined?(:ARGV)\n", &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.output, "nil\nnil\nfalse\n");
}

// --- jetsam's own hooks: a config cannot name them -------------------------------------

TEST_P(Sandbox, JetsamIsNotAConstant) {
  ExpectRefused("Jetsam.__adopt_list(1)", "uninitialized constant Jetsam");
  ExpectRefused("Object.const_get(:Jetsam)", "uninitialized constant Jetsam");
}

TEST_P(Sandbox, ArraysStoredInSettingsStayArrays) {
  EvalResult r;
  Status s = Eval(R"(
Jets.deploy.configure do
  a = []
  config.lambda.iam.policy = a
  b = [1, 2, 3]
  config.lambda.iam.managed_policy = b
  GC.start
  b << 4
  b.delete(1)
  b.map! { |x| x * 2 }
  1000.times { config.ci.iam.policy = [[1], [2]] }
  GC.start
  p b, a.class, a.dup.class, config.ci.iam.policy
end
)", &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.output, "[4, 6, 8]\nArray\nArray\n[[1], [2]]\n");
}

// --- bounds -------------------------------------------------------------------------------

Limits SmallMemory() {
  Limits l;
  l.memory_bytes = 64ll << 20;
  return l;
}

void ExpectMemoryLimit(const Status& s, int line) {
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_NE(s.message().find("memory limit of 64 MiB"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.where(), (Location{kDeploy, line})) << s.ToString();
  EXPECT_NE(s.hint().find("--memory-limit"), std::string::npos) << s.ToString();
}

TEST_P(Sandbox, StringDoublingBombHitsTheMemoryLimit) {
  ExpectMemoryLimit(Eval("a = \"x\" * 1024\nloop { a += a }\n", nullptr, SmallMemory()), 2);
}

TEST_P(Sandbox, ArrayGrowthBombHitsTheMemoryLimit) {
  ExpectMemoryLimit(Eval("a = []\nloop { a << [1] * 1000 }\n", nullptr, SmallMemory()), 2);
}

TEST_P(Sandbox, HugeRepeatHitsTheMemoryLimit) {
  ExpectMemoryLimit(Eval("x = 1\ny = \"x\" * (2**40)\n", nullptr, SmallMemory()), 2);
}

TEST_P(Sandbox, GcDisableDoesNotLiftTheMemoryLimit) {
  ExpectMemoryLimit(Eval("GC.disable\na = []\nloop { a << \"x\" * 100_000 }\n", nullptr, SmallMemory()), 3);
}

TEST_P(Sandbox, RescuedMemoryErrorStillEndsAsALimit) {
  Status s = Eval("begin\n  a = \"x\" * 1024\n  loop { a += a }\nrescue NoMemoryError\n  raise \"again\"\nend\n",
                  nullptr, SmallMemory());
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
}

TEST_P(Sandbox, RunawayRecursionIsAStackLimit) {
  Status s = Eval("def f\n  f\nend\nf\n");
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_NE(s.message().find("stack level too deep"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.where().file, kDeploy);
  EXPECT_GT(s.where().line, 0);
}

TEST_P(Sandbox, RecursionThroughToSIsAStackLimit) {
  Status s = Eval("class Foo\n  def to_s\n    \"#{self}\"\n  end\nend\nFoo.new.to_s\n");
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_EQ(s.where().file, kDeploy);
}

std::string Nested(int depth) {
  return "x = " + std::string(depth, '[') + std::string(depth, ']') + "\n";
}

TEST_P(Sandbox, DeeplyNestedLiteralIsRefusedByTheParser) {
  Status s = Eval(Nested(100'000));
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_NE(s.message().find("nested too deeply"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.where(), (Location{kDeploy, 1}));
}

TEST_P(Sandbox, ModeratelyNestedLiteralStillEvaluates) {
  EvalResult r;
  Status s = Eval(Nested(100) + "p x.flatten\n", &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.output, "[]\n");
}

// A few hundred deep parses but needs more registers than mruby's compiler has.
TEST_P(Sandbox, NestedLiteralTooComplexToCompileIsALimit) {
  Status s = Eval(Nested(500));
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_NE(s.message().find("too complex"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.where().file, kDeploy);
}

// Built at run time, a million deep: every C routine that walks it must stop with an error
// (mruby's own Array#join recursed in C without a bound; mrblib/kernel.rb bounds it).
TEST_P(Sandbox, DeepStructuresBuiltAtRunTimeAreBounded) {
  for (const char* op : {"x.join", "x.inspect", "x.flatten", "x == y", "x.hash", "x <=> y", "\"%s\" % [x]"}) {
    SCOPED_TRACE(op);
    Status s = Eval(std::string("x = nil\ny = nil\n1_000_000.times { x = [x]; y = [y] }\n") + op + "\n");
    EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
    EXPECT_EQ(s.where(), (Location{kDeploy, 4})) << s.ToString();
  }
}

TEST_P(Sandbox, RecursiveArrayJoinIsAnArgumentError) {
  EvalResult r;
  Status s = Eval("p [[1, [2]], 3].join(\",\")\na = [1]\na << a\na.join\n", &r);
  EXPECT_EQ(s.code(), Status::Code::kConfig) << s.ToString();
  EXPECT_NE(s.message().find("ArgumentError: recursive array join"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.where(), (Location{kDeploy, 4}));
  EXPECT_EQ(r.output, "\"1,2,3\"\n");
}

// A deep value assigned to a setting is cut when copied out, not followed to the bottom.
TEST_P(Sandbox, DeepSettingValueIsCopiedBounded) {
  EvalResult r;
  Status s = Eval("x = nil\n100_000.times { x = [x] }\nJets.deploy.configure do\n  config.lambda.iam.policy = [x]\nend\n", &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_NE(r.settings.deploy.Find("lambda.iam.policy"), nullptr);
}

TEST_P(Sandbox, OutputFloodIsCappedAtOneMiB) {
  EvalResult r;
  Status s = Eval("3_000.times { puts \"x\" * 1000 }\nJets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"]\nend\n", &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.output.size(), size_t{1} << 20);
}

// --- time: only in the child (this mruby has no interrupt hook, so an in-process endless loop
// would never end; that is why the CLI isolates) ------------------------------------------

class TimeLimit : public testing::Test {
 protected:
  Status EvalWithTimeout(const std::string& deploy_rb, int64_t cpu_ms = 300) {
    EvalOptions o = Options(true);
    o.limits.cpu_ms = cpu_ms;
    EvalResult r;
    auto start = std::chrono::steady_clock::now();
    Status s = Evaluate(Project(deploy_rb), o, &r);
    elapsed = std::chrono::steady_clock::now() - start;
    return s;
  }
  void ExpectTimeout(const Status& s) {
    EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
    EXPECT_NE(s.message().find("did not finish within the time limit of 0.3 s"), std::string::npos) << s.ToString();
    // The child reports the file it is evaluating, so the parent can name it.
    EXPECT_EQ(s.where(), (Location{kDeploy, 0})) << s.ToString();
    EXPECT_NE(s.hint().find("--timeout"), std::string::npos);
    // Not a timing assertion: only that the limit ended it, long before the default 3 s + slack.
    EXPECT_LT(elapsed, std::chrono::seconds(20));
  }
  std::chrono::steady_clock::duration elapsed{};
};

TEST_F(TimeLimit, EndlessLoopIsStopped) { ExpectTimeout(EvalWithTimeout("loop {}\n")); }
TEST_F(TimeLimit, EndlessWhileIsStopped) { ExpectTimeout(EvalWithTimeout("while true; end\n")); }
TEST_F(TimeLimit, EndlessLoopInsideConfigureIsStopped) {
  ExpectTimeout(EvalWithTimeout("Jets.deploy.configure do\n  loop { config.lambda.iam.policy = [\"s3\"] }\nend\n"));
}
TEST_F(TimeLimit, EndlessPrintingIsStopped) { ExpectTimeout(EvalWithTimeout("loop { puts \"x\" * 1000 }\n")); }
TEST_F(TimeLimit, EndlessFiberNestingIsStopped) {
  Status s = EvalWithTimeout("f = ->(n) { Fiber.new { f.(n + 1) }.resume }\nf.(0)\n");
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_EQ(s.where().file, kDeploy);
}

TEST_F(TimeLimit, TheFileNamedIsTheOneRunning) {
  Sources src = Project("Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"]\nend\n");
  src.files["config/jets/deploy/dev.rb"] = "x = 0\nloop { x += 1 }\n";
  EvalOptions o = Options(true);
  o.limits.cpu_ms = 300;
  EvalResult r;
  Status s = Evaluate(src, o, &r);
  EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
  EXPECT_EQ(s.ToString().rfind("config/jets/deploy/dev.rb: the config did not finish within the time limit of 0.3 s", 0), 0u)
      << s.ToString();
}

TEST_F(TimeLimit, AQuickConfigFinishesWellWithinTheLimit) {
  Status s = EvalWithTimeout("Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\"]\nend\n", 3000);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// --- the syscall filter: even a VM escape can open, run or connect to nothing ----------------

// Runs `probe` in a forked child after InstallSyscallFilter(); the child's exit code is a bit
// set of the checks that failed (0: all held).
int InFilteredChild(int (*probe)()) {
  fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    if (!vm::InstallSyscallFilter()) _exit(255);
    _exit(probe());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 1000 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

bool Eperm(long r) { return r == -1 && errno == EPERM; }

TEST(SyscallFilter, RefusesOpenSocketExecAndExecutableMemory) {
  int failed = InFilteredChild([]() -> int {
    int bad = 0;
    if (!Eperm(open("/etc/passwd", O_RDONLY))) bad |= 1;
    if (!Eperm(open("/tmp/jetsam-sandbox-probe", O_WRONLY | O_CREAT, 0600))) bad |= 2;
    if (!Eperm(socket(AF_INET, SOCK_STREAM, 0))) bad |= 4;
    if (!Eperm(socket(AF_UNIX, SOCK_STREAM, 0))) bad |= 8;
    char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
    if (!Eperm(execve("/bin/true", argv, environ))) bad |= 16;
    void* exec_map = mmap(nullptr, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (exec_map != MAP_FAILED || errno != EPERM) bad |= 32;
    void* rw = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rw == MAP_FAILED) bad |= 64;
    else if (mprotect(rw, 4096, PROT_READ | PROT_EXEC) == 0 || errno != EPERM) bad |= 64;
    if (!Eperm(fork())) bad |= 128;  // glibc's fork is clone
    return bad;
  });
  EXPECT_EQ(failed, 0) << "bit set of the checks that did not hold (1000+N: killed by signal N)";
}

TEST(SyscallFilter, LeavesMemoryAndOpenDescriptorsWorking) {
  int failed = InFilteredChild([]() -> int {
    int bad = 0;
    // Small and large (mmap'd) blocks.
    char* small = static_cast<char*>(malloc(100));
    char* large = static_cast<char*>(malloc(64 << 20));
    if (!small || !large) return 1;
    memset(small, 1, 100);
    memset(large, 1, 64 << 20);
    large = static_cast<char*>(realloc(large, 128 << 20));
    if (!large) bad |= 2;
    free(small);
    free(large);
    std::string s(1 << 20, 'x');  // operator new
    if (s.size() != (1u << 20)) bad |= 4;
    if (write(STDERR_FILENO, "", 0) != 0) bad |= 8;  // an open descriptor still works
    return bad;
  });
  EXPECT_EQ(failed, 0);
}

}  // namespace
}  // namespace jetsam
