// Near the memory limit, every step of an evaluation fails as "out of memory", never by aborting
// the process: the host's own calls into mruby (installing the runtime before the config runs,
// capturing the settings after) raise there too, and mruby aborts when no handler is active.
#include <gtest/gtest.h>

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
  for (int64_t limit = 16 << 10; limit <= (6 << 20) && ok < 3; limit += 512) {
    EvalOptions o;
    o.env = "dev";
    o.isolate = false;
    o.environment = std::map<std::string, std::string>{};
    o.limits.memory_bytes = limit;
    EvalResult r;
    Status s = Evaluate(sources, o, &r);
    if (s.ok()) {
      ++ok;
      continue;
    }
    ASSERT_EQ(s.code(), Status::Code::kLimit) << limit << ": " << s.ToString();
    if (s.message().find("too small to start") != std::string::npos) {
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

}  // namespace
}  // namespace jetsam
