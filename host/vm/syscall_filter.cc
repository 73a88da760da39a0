// A seccomp-bpf allowlist: memory management, reading and writing already-open descriptors,
// clocks and exit. Everything else (open, socket, connect, execve, fork, kill, ptrace...) fails
// with EPERM; executable mappings are refused.
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include <algorithm>
#include <cassert>
#include <vector>

#include "vm/isolate.h"
#include "vm/syscall_filter.h"

namespace jetsam::vm {
namespace {

constexpr int kAllowed[] = {
    SYS_read,          SYS_write,          SYS_writev,        SYS_close,      SYS_brk,
    SYS_munmap,        SYS_mremap,         SYS_madvise,       SYS_exit,       SYS_exit_group,
    SYS_rt_sigreturn,  SYS_rt_sigprocmask, SYS_futex,         SYS_clock_gettime,
    SYS_clock_getres,  SYS_gettimeofday,   SYS_getrandom,     SYS_fstat,      SYS_newfstatat,
    SYS_lseek,         SYS_getpid,         SYS_sched_yield,
    // Waiting on the descriptors the child has (a standby child's input, vm/standby.h).
#ifdef SYS_poll
    SYS_poll,
#endif
    SYS_ppoll,
};

#if defined(__x86_64__)
struct Rule {
  __u32 nr;
  bool no_exec;  // mmap, mprotect: allowed unless they ask for executable memory
};

constexpr sock_filter Ret(__u32 action) { return BPF_STMT(BPF_RET | BPF_K, action); }

// The rules (sorted by number) as a search tree: a JGE per level, then a short JEQ chain. When
// the filter is installed, the kernel runs it for every system call number to cache the
// answers that need no argument (seccomp's action cache): a tree takes a few steps for each,
// where a chain of all the allowed calls took dozens.
void EmitTree(std::span<const Rule> rules, std::vector<sock_filter>* out) {
  if (rules.size() <= 3) {
    for (const Rule& r : rules) {
      if (r.no_exec) {
        out->push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, r.nr, 0, 4));
        out->push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args[2])));
        out->push_back(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 1, 0));
        out->push_back(Ret(SECCOMP_RET_ALLOW));
        out->push_back(Ret(SECCOMP_RET_ERRNO | EPERM));
      } else {
        out->push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, r.nr, 0, 1));
        out->push_back(Ret(SECCOMP_RET_ALLOW));
      }
    }
    out->push_back(Ret(SECCOMP_RET_ERRNO | EPERM));
    return;
  }
  const size_t mid = rules.size() / 2;
  const size_t at = out->size();
  out->push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, rules[mid].nr, 0, 0));  // true: past the lower half
  EmitTree(rules.first(mid), out);
  const size_t lower = out->size() - at - 1;
  assert(lower <= 255);  // a jump's reach; the whole program is some 70 instructions
  (*out)[at].jt = static_cast<__u8>(lower);
  EmitTree(rules.subspan(mid), out);
}
#endif

}  // namespace

std::span<const int> AllowedSyscalls() { return kAllowed; }

std::vector<sock_filter> SyscallFilterProgram() {
#if defined(__x86_64__)
  std::vector<sock_filter> prog = {
      // Only native x86_64 syscalls; x32 and i386 entry points are killed.
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      Ret(SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
      Ret(SECCOMP_RET_KILL_PROCESS),
  };
  std::vector<Rule> rules;
  for (int nr : kAllowed) rules.push_back({static_cast<__u32>(nr), false});
  for (int nr : {SYS_mmap, SYS_mprotect}) rules.push_back({static_cast<__u32>(nr), true});
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.nr < b.nr; });
  EmitTree(rules, &prog);
  return prog;
#else
  return {};
#endif
}

bool InstallSyscallFilter() {
  std::vector<sock_filter> prog = SyscallFilterProgram();
  if (prog.empty()) return false;  // other architectures: the rlimits and the Ruby-level sandbox still hold
  sock_fprog fprog{static_cast<unsigned short>(prog.size()), prog.data()};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) == 0;
}

}  // namespace jetsam::vm
