// The syscall filter's program, run here over every system call number by a small interpreter
// of the instructions it uses, against the rule it states: the allowed calls, mmap and mprotect
// without PROT_EXEC, EPERM for the rest, and death for another ABI.
#include "vm/syscall_filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include <algorithm>
#include <cstring>

#include <gtest/gtest.h>

namespace jetsam::vm {
namespace {

// Runs a classic BPF program over `data`; what it returns (or 0xdead on anything it cannot run).
uint32_t RunFilterProgram(const std::vector<sock_filter>& prog, const seccomp_data& data) {
  uint32_t a = 0;
  for (size_t pc = 0; pc < prog.size(); ++pc) {
    const sock_filter& i = prog[pc];
    switch (i.code) {
      case BPF_LD | BPF_W | BPF_ABS:
        if (i.k + 4 > sizeof data) return 0xdead;
        std::memcpy(&a, reinterpret_cast<const char*>(&data) + i.k, 4);
        break;
      case BPF_JMP | BPF_JEQ | BPF_K: pc += a == i.k ? i.jt : i.jf; break;
      case BPF_JMP | BPF_JGE | BPF_K: pc += a >= i.k ? i.jt : i.jf; break;
      case BPF_JMP | BPF_JSET | BPF_K: pc += (a & i.k) ? i.jt : i.jf; break;
      case BPF_RET | BPF_K: return i.k;
      default: return 0xdead;
    }
  }
  return 0xdead;  // ran off the end: the kernel refuses such a program
}

TEST(SyscallFilterProgram, AnswersEverySystemCallAsItsRuleSays) {
  const std::vector<sock_filter> prog = SyscallFilterProgram();
#if defined(__x86_64__)
  ASSERT_FALSE(prog.empty());
  ASSERT_LE(prog.size(), BPF_MAXINSNS);
  const auto allowed = AllowedSyscalls();
  int allowed_seen = 0;
  for (uint32_t nr = 0; nr < 1024; ++nr) {
    for (uint64_t prot : {uint64_t{PROT_READ | PROT_WRITE}, uint64_t{PROT_READ | PROT_EXEC}}) {
      seccomp_data d{};
      d.nr = static_cast<int>(nr);
      d.arch = AUDIT_ARCH_X86_64;
      d.args[2] = prot;
      uint32_t want = SECCOMP_RET_ERRNO | EPERM;
      if (std::find(allowed.begin(), allowed.end(), static_cast<int>(nr)) != allowed.end()) {
        want = SECCOMP_RET_ALLOW;
      } else if (nr == SYS_mmap || nr == SYS_mprotect) {
        want = (prot & PROT_EXEC) ? SECCOMP_RET_ERRNO | EPERM : SECCOMP_RET_ALLOW;
      }
      EXPECT_EQ(RunFilterProgram(prog, d), want) << "system call " << nr << " prot " << prot;
      allowed_seen += want == SECCOMP_RET_ALLOW && prot == (PROT_READ | PROT_WRITE);
    }
  }
  EXPECT_EQ(allowed_seen, static_cast<int>(allowed.size()) + 2);
  // x32 numbers and the i386 entry point: killed, whatever the number.
  for (uint32_t nr : {0x40000000u, 0x40000000u + SYS_read, 0xffffffffu}) {
    seccomp_data d{};
    d.nr = static_cast<int>(nr);
    d.arch = AUDIT_ARCH_X86_64;
    EXPECT_EQ(RunFilterProgram(prog, d), static_cast<uint32_t>(SECCOMP_RET_KILL_PROCESS)) << nr;
  }
  seccomp_data i386{};
  i386.nr = SYS_read;
  i386.arch = AUDIT_ARCH_I386;
  EXPECT_EQ(RunFilterProgram(prog, i386), static_cast<uint32_t>(SECCOMP_RET_KILL_PROCESS));
#else
  EXPECT_TRUE(prog.empty());
#endif
}

}  // namespace
}  // namespace jetsam::vm
