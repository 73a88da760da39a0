#include "vm/warm_start.h"

#include <gtest/gtest.h>

#include <mruby.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "vm/vm.h"

namespace jetsam::vm {
namespace {

constexpr int64_t kWarmLimit = 64ll << 20;

mrb_value Global(Vm& vm, const char* name) { return mrb_gv_get(vm.mrb(), mrb_intern_cstr(vm.mrb(), name)); }

TEST(WarmStart, EachWarmVmStartsPristine) {
  {
    Vm vm(kWarmLimit, Vm::Start::kWarm);
    ASSERT_TRUE(vm.warm());
    ASSERT_TRUE(vm.LoadFile("a.rb",
                            "$leak = 1\n"
                            "class String; def upcase; 'forged'; end; end\n"
                            "module Jetsam; class Options; def __get(k); 'forged'; end; end; end\n"
                            "$big = 'x' * 300_000\n")  // a block outside the arena, freed with the VM
                    .ok());
    EXPECT_FALSE(mrb_nil_p(Global(vm, "$leak")));
  }
  Vm vm(kWarmLimit, Vm::Start::kWarm);
  ASSERT_TRUE(vm.warm());
  EXPECT_TRUE(mrb_nil_p(Global(vm, "$leak")));
  EXPECT_TRUE(mrb_nil_p(Global(vm, "$big")));
  ASSERT_TRUE(vm.LoadFile("b.rb", "$up = 'b'.upcase\n").ok());
  mrb_value up = Global(vm, "$up");
  EXPECT_EQ(std::string(RSTRING_PTR(up), RSTRING_LEN(up)), "B");
}

TEST(WarmStart, ASecondVmAtOnceStartsCold) {
  Vm first(kWarmLimit, Vm::Start::kWarm);
  Vm second(kWarmLimit, Vm::Start::kWarm);
  EXPECT_TRUE(first.warm());
  EXPECT_FALSE(second.warm());
  EXPECT_TRUE(second.ok());
  EXPECT_TRUE(WarmVmPrepared(nullptr));
}

TEST(WarmStart, EachEvaluationHasItsOwnMemoryLimit) {
  {
    Vm vm(8ll << 20, Vm::Start::kWarm);
    ASSERT_TRUE(vm.warm());
    Status s = vm.LoadFile("bomb.rb", "a = []\nloop { a << ('x' * 100_000) }\n");
    EXPECT_EQ(s.code(), Status::Code::kLimit) << s.ToString();
    EXPECT_TRUE(vm.memory_exhausted());
  }
  Vm vm(kWarmLimit, Vm::Start::kWarm);
  ASSERT_TRUE(vm.warm());
  EXPECT_FALSE(vm.memory_exhausted());
  EXPECT_EQ(vm.memory_limit(), kWarmLimit);
  EXPECT_LT(vm.memory_in_use(), 8ll << 20);
  EXPECT_TRUE(vm.LoadFile("ok.rb", "s = 'x' * 1_000_000\n").ok());
}

TEST(WarmStart, ALimitBelowThePreparedVmFallsBackToCold) {
  Vm vm(64 * 1024, Vm::Start::kWarm);  // less than the prepared VM already holds
  EXPECT_FALSE(vm.warm());
  EXPECT_FALSE(vm.ok());  // and a cold VM cannot start in it either
}

}  // namespace
}  // namespace jetsam::vm
