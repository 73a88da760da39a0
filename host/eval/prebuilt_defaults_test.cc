// While Jets' defaults are built with the VM (eval/prebuilt_defaults.h), nothing of an evaluation
// may be read: a default that did would be built once with the builder's inputs and then serve
// every evaluation. Each input a config object's defaults could read is refused then, and only
// then.
#include "eval/prebuilt_defaults.h"

#include <gtest/gtest.h>

#include "eval/runtime.h"
#include "vm/vm.h"

namespace jetsam::eval {
namespace {

TEST(PrebuildingDefaults, NoInputIsReadWhileTheyAreBuilt) {
  vm::Vm vm(64ll << 20, vm::Vm::Start::kCold, &ConfigWorld());
  ASSERT_TRUE(vm.ok());
  Recorder recorder;
  HostFacts facts;
  facts.env = "dev";
  facts.region = "us-east-1";
  ASSERT_TRUE(vm.Protect([&] {
                  InstallRuntime(vm.mrb(), facts, vm.context().code, &recorder);
                  return Status::Ok();
                }).ok());
  // (ENV does not exist yet while the VM is built: InstallRuntime defines it.)
  const char* reads[] = {"Jets.env", "Jets.extra", "Jets.aws.region", "Jets.project", "Jets.deploy"};
  recorder.prebuilding = true;
  for (const char* code : reads) {
    Status s = vm.LoadFile("probe.rb", code);
    EXPECT_FALSE(s.ok()) << code;
    EXPECT_NE(s.message().find("Jets' defaults built with the VM read"), std::string::npos) << code << ": " << s.message();
  }
  // The same reads, in an evaluation.
  recorder.prebuilding = false;
  for (const char* code : reads) EXPECT_TRUE(vm.LoadFile("probe.rb", code).ok()) << code;
}

}  // namespace
}  // namespace jetsam::eval
