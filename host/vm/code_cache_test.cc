// A file compiled again runs from its kept bytecode (vm.cc's CodeCache): the same behaviour, the
// same lines in errors and origins, and no mix-up between files.
#include <gtest/gtest.h>

#include <mruby.h>
#include <mruby/variable.h>

#include "vm/vm.h"

namespace jetsam::vm {
namespace {

constexpr int64_t kLimit = 64ll << 20;

mrb_int GlobalInt(Vm& vm, const char* name) { return mrb_integer(mrb_gv_get(vm.mrb(), mrb_intern_cstr(vm.mrb(), name))); }

TEST(CodeCache, AFileCompiledAgainRunsTheSameWithItsLines) {
  const std::string text = "$n = ($n || 0) + 1\n[1, 2].each do |i|\n  $n += i * 10\nend\nraise ArgumentError, 'third' if $n > 90\n";
  Vm vm(kLimit);
  ASSERT_TRUE(vm.ok());
  ASSERT_TRUE(vm.LoadFile("cache_a.rb", text).ok());
  EXPECT_EQ(31, GlobalInt(vm, "$n"));
  ASSERT_TRUE(vm.LoadFile("cache_a.rb", text).ok());  // compiled again: its code is kept
  EXPECT_EQ(62, GlobalInt(vm, "$n"));
  Status s = vm.LoadFile("cache_a.rb", text);  // from the kept code
  EXPECT_EQ(93, GlobalInt(vm, "$n"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ("cache_a.rb", s.where().file) << s.ToString();
  EXPECT_EQ(5, s.where().line) << s.ToString();
  EXPECT_NE(s.message().find("third"), std::string::npos) << s.ToString();
}

TEST(CodeCache, KeptCodeIsTheFilesOwnByNameAndText) {
  for (int round = 0; round < 3; ++round) {
    Vm vm(kLimit);
    ASSERT_TRUE(vm.ok());
    ASSERT_TRUE(vm.LoadFile("cache_b.rb", "$v = 1\n").ok());
    ASSERT_TRUE(vm.LoadFile("cache_c.rb", "$v = 1\n").ok());
    ASSERT_TRUE(vm.LoadFile("cache_b.rb", "$v = 2\n").ok());
    EXPECT_EQ(2, GlobalInt(vm, "$v"));
    Status s = vm.LoadFile("cache_c.rb", "\n\nraise 'x'\n");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ("cache_c.rb", s.where().file);
    EXPECT_EQ(3, s.where().line);
  }
}

}  // namespace
}  // namespace jetsam::vm
