// Near the memory limit, every step of an evaluation fails as "out of memory", never by aborting
// the process: the host's own calls into mruby (installing the runtime before the config runs,
// capturing the settings after) raise there too, and mruby aborts when no handler is active.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

#include <malloc.h>

#include <string>

#include "jetsam/evaluate.h"

namespace jetsam {
namespace {

Sources Project() {
  Sources s;
  s.root = "memory-edge";
  s.files["config/jets/project.rb"] = "Jets.project.configure do\n  config.name = \"edge\"\nend\n";
  s.files["config/jets/bootstrap.rb"] =
      "Jets.bootstrap.configure do\n  config.codebuild.iam.policy = (1..200).map { |i| \"s3:Get#{i}\" }\nend\n";
  return s;
}

TEST(MemoryEdge, EveryStepNearTheLimitFailsAsOutOfMemory) {
  const Sources sources = Project();
  int too_small = 0, before_config = 0, after_config = 0, ok = 0;
  // In process, so that an abort would end this test; cold VMs below the prepared one's size.
  // Past the smallest limit the VM starts in, 16-byte steps: the evaluation's own share of the
  // runtime (ENV, its records) is small, the VM holds the rest from the start.
  int64_t fine_until = 0;
  for (int64_t limit = 16 << 10; limit <= (6 << 20) && ok < 3; limit += limit < fine_until ? 16 : 512) {
    EvalOptions o;
    o.env = "dev";
    o.isolate = false;
    o.environment = std::map<std::string, std::string>{};
    o.limits.memory_bytes = limit;
    EvalResult r;
    Status s = Evaluate(sources, o, &r);
    const bool fits = s.message().find("too small to start") == std::string::npos;
    if (fits && fine_until == 0) {  // the first limit the VM starts in: again, in small steps
      fine_until = limit + (8 << 10);
      limit -= 512;
      continue;
    }
    if (s.ok()) {
      ++ok;
      continue;
    }
    ASSERT_EQ(s.code(), Status::Code::kLimit) << limit << ": " << s.ToString();
    if (!fits) {
      ++too_small;
    } else if (r.files.empty()) {
      ++before_config;  // the VM opened; installing the runtime ran out
    } else if (r.files.size() == 2) {
      ++after_config;
    }
  }
  EXPECT_GT(too_small, 0);
  EXPECT_GT(before_config, 0) << "no limit fell inside the runtime's installation";
  EXPECT_GT(after_config, 0) << "no limit fell after the config files ran (capture)";
  EXPECT_EQ(ok, 3) << "the project never evaluated within 6 MiB";
}


// mruby raises by longjmp, which skips C++ destructors: a host function that holds a
// std::string while it calls into the VM leaks it when the VM raises. A long-lived process
// (a server's worker) evaluates thousands of configs, and a config can make the host raise as
// often as it likes (and rescue). Each config below makes the host's natives raise on a
// different path, many times; evaluated again and again in this process, they must not make
// its heap grow.
namespace leaks {

constexpr const char* kProject = "Jets.project.configure do\n  config.name = \"leaks\"\nend\n";

// The natives of settings nodes: uninitialized nodes, unknown methods with arguments.
constexpr const char* kNodeErrors = R"(Jets.deploy.configure do
  o = ActiveSupport::OrderedOptions.allocate
  100.times do
    begin; o[:a_key_long_enough_to_live_on_the_heap]; rescue TypeError; end
    begin; o[:a_key_long_enough_to_live_on_the_heap] = 1; rescue TypeError; end
    begin; o.key?(:a_key_long_enough_to_live_on_the_heap); rescue TypeError; end
    begin; config.lambda.a_method_name_long_enough_for_the_heap(1); rescue NoMethodError; end
    begin; config.lambda.function.a_method_name_long_enough_for_the_heap { }; rescue NoMethodError; end
  end
end
)";

// Every native near the memory limit: the config fills the heap, rescues, and keeps going.
constexpr const char* kOutOfMemory = R"(def fill(hog)
  [2048, 64].each do |size|
    begin
      loop { hog << ("x" * size) }
    rescue NoMemoryError
    end
  end
end
Jets.deploy.configure do
  hog = []
  begin; fill(hog); rescue NoMemoryError; end
  50.times do |i|
    begin; config.lambda.a_setting_name_long_enough_for_the_heap = [i]; rescue NoMemoryError; end
    begin; config.lambda.iam.policy << "s3:GetObjectVersionForReplication#{i}"; rescue NoMemoryError; end
    begin; config.lambda.an_unknown_setting_name_long_enough_for_the_heap; rescue NoMemoryError; end
    begin; Object.new.inspect; rescue NoMemoryError; end
    begin; vpc_id("a-key-long-enough-to-live-on-the-heap-#{i}"); rescue NoMemoryError; end
  end
  hog = nil
end
)";

// An exception whose own `message` raises, as the evaluation's error.
constexpr const char* kMessageRaises = R"(class Boom < StandardError
  def message
    raise "the message raises too"
  end
end
Jets.deploy.configure do
  raise Boom
end
)";

// A setting whose value's to_s raises, read when the settings are captured.
constexpr const char* kToSRaises = R"(Jets.deploy.configure do
  config.lambda.function.properties = Class.new { def to_s = raise("no") }.new
  config.lambda.function.environment = [Class.new { def to_s = raise("no") }.new] * 50
end
)";

// The standard library's natives: JSON and YAML errors, a require or a read the sandbox refuses.
constexpr const char* kLibraryErrors = R"(Jets.deploy.configure do
  50.times do
    begin; JSON.parse("{\"a key long enough for the heap\": [1, 2,"); rescue JSON::ParserError; end
    begin; JSON.generate(Float::NAN); rescue JSON::GeneratorError; end
    begin; YAML.load("a: [unclosed, flow, sequence long enough"); rescue StandardError; end
    begin; require_relative "a_file_name_long_enough_to_live_on_the_heap"; rescue LoadError; end
    begin; File.read("/etc/a_path_long_enough_to_live_on_the_heap"); rescue SecurityError; end
    __dir__
  end
end
)";

size_t HeapInUse() { return mallinfo2().uordblks; }

void Run(const char* deploy, int64_t memory_limit) {
  Sources s;
  s.files["config/jets/project.rb"] = kProject;
  s.files["config/jets/deploy.rb"] = deploy;
  EvalOptions o;
  o.isolate = false;
  o.environment = std::map<std::string, std::string>{};
  o.limits.memory_bytes = memory_limit;
  EvalResult r;
  Evaluate(s, o, &r);
}

}  // namespace leaks

TEST(MemoryEdge, RaisesInTheHostLeakNothing) {
  struct Case {
    const char* name;
    const char* deploy;
    int64_t limit;
  };
  for (const Case& c : {Case{"node errors", leaks::kNodeErrors, 64ll << 20},
                        Case{"out of memory, rescued", leaks::kOutOfMemory, 8ll << 20},
                        Case{"message raises", leaks::kMessageRaises, 64ll << 20},
                        Case{"to_s raises", leaks::kToSRaises, 64ll << 20},
                        Case{"library errors", leaks::kLibraryErrors, 64ll << 20}}) {
    SCOPED_TRACE(c.name);
    for (int i = 0; i < 3; ++i) leaks::Run(c.deploy, c.limit);  // caches and pools settle
    // A leak loses some 32 bytes or more per raise, on most paths hundreds of times per run, in
    // every window of runs. What settles instead stops growing: "out of memory, rescued" at 8 MiB,
    // with the prelude that added Date, grew the heap by 4 KiB over its first 100 runs and by
    // nothing over the next 100 (where the limit stops a run moves with the prelude's size). So
    // the heap must reach a window of 20 runs that grows it by less than 1 KiB, within 10 windows.
    size_t least = SIZE_MAX;
    for (int window = 0; window < 10 && least >= 1024; ++window) {
      const size_t before = leaks::HeapInUse();
      for (int i = 0; i < 20; ++i) leaks::Run(c.deploy, c.limit);
      const size_t after = leaks::HeapInUse();
      least = std::min(least, after > before ? after - before : 0);
    }
    EXPECT_LT(least, 1024u) << "the heap grew by " << least << " bytes or more in each of ten windows of 20 runs";
  }
}


// mruby 3.1 corrupts its heap when an allocation near the limit is retried after a collection
// (vm/heap.cc): a config that fills the limit and rescues, at any limit, in process (the
// prepared VM) or in the sandboxed child (a VM of its own), ends with its result or "out of
// memory", never a crash.
TEST(MemoryEdge, FillingTheLimitAndRescuingCorruptsNothing) {
  for (bool isolate : {false, true}) {
    for (int64_t mib : {8, 9, 10, 12, 16, 24, 32}) {
      SCOPED_TRACE(::testing::Message() << mib << " MiB" << (isolate ? ", isolated" : ", in process"));
      Sources s;
      s.files["config/jets/project.rb"] = leaks::kProject;
      s.files["config/jets/deploy.rb"] = leaks::kOutOfMemory;
      EvalOptions o;
      o.isolate = isolate;
      o.environment = std::map<std::string, std::string>{};
      o.limits.memory_bytes = mib << 20;
      EvalResult r;
      Status st = Evaluate(s, o, &r);
      EXPECT_TRUE(st.ok() || st.message().find("memory limit") != std::string::npos) << st.ToString();
    }
  }
}

}  // namespace
}  // namespace jetsam
