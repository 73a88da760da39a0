// The syscall filter's program (InstallSyscallFilter, vm/isolate.h), exposed so that a test can
// run it over every system call number.
#pragma once
#include <linux/filter.h>

#include <span>
#include <vector>

namespace jetsam::vm {

// The system calls the filter allows as they are; mmap and mprotect are allowed too, without
// PROT_EXEC. Everything else fails with EPERM, and a call through another ABI kills the process.
std::span<const int> AllowedSyscalls();

// The seccomp-bpf program (empty where there is none: other architectures than x86_64).
std::vector<sock_filter> SyscallFilterProgram();

}  // namespace jetsam::vm
