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

#include <vector>

#include "vm/isolate.h"

namespace jetsam::vm {
namespace {

constexpr int kAllowed[] = {
    SYS_read,          SYS_write,          SYS_writev,        SYS_close,      SYS_brk,
    SYS_munmap,        SYS_mremap,         SYS_madvise,       SYS_exit,       SYS_exit_group,
    SYS_rt_sigreturn,  SYS_rt_sigprocmask, SYS_futex,         SYS_clock_gettime,
    SYS_clock_getres,  SYS_gettimeofday,   SYS_getrandom,     SYS_fstat,      SYS_newfstatat,
    SYS_lseek,         SYS_getpid,         SYS_sched_yield,
};

}  // namespace

bool InstallSyscallFilter() {
#if defined(__x86_64__)
  std::vector<sock_filter> prog = {
      // Only native x86_64 syscalls; x32 and i386 entry points are killed.
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
  };
  for (int nr : kAllowed) {
    prog.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<__u32>(nr), 0, 1));
    prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  }
  // mmap and mprotect: allowed unless they ask for executable memory.
  for (int nr : {SYS_mmap, SYS_mprotect}) {
    prog.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<__u32>(nr), 0, 4));
    prog.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args[2])));
    prog.push_back(BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 1, 0));
    prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
    prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
  }
  prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
  sock_fprog fprog{static_cast<unsigned short>(prog.size()), prog.data()};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) == 0;
#else
  return false;  // other architectures: the rlimits and the Ruby-level sandbox still hold
#endif
}

}  // namespace jetsam::vm
