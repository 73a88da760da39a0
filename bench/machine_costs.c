/* What the operations a cold run is made of cost on this machine, to read bench/cold_wall.sh's
 * figures by: a page fault (anonymous, and of a file's cached pages), mapping pages ahead with
 * madvise, cpuid (glibc's start runs dozens), a system call, and a fork until the child runs
 * (with the parent asleep, and with the child moved to another CPU as vm::RunElsewhere does).
 * On bare metal a fault costs about a microsecond; in some virtual machines ten to thirty.
 *   cc -O2 -o machine_costs bench/machine_costs.c && ./machine_costs [FILE]
 * FILE (default /proc/self/exe's target) is read through a mapping; a few MiB are enough. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static double NowUs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int Compare(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

static double Median(double* v, int n) {
  qsort(v, n, sizeof *v, Compare);
  return v[n / 2];
}

enum { kPages = 512, kRounds = 7, kForks = 100 };

/* Fork to the child's first instruction, in us; `elsewhere`: the child is moved off this CPU. */
static double ForkStart(volatile double* slot, int elsewhere) {
  double d[kForks];
  for (int i = 0; i < kForks; ++i) {
    usleep(1000);
    const double start = NowUs();
    pid_t pid = fork();
    if (pid == 0) {
      slot[0] = NowUs();
      _exit(0);
    }
    if (elsewhere) {
      cpu_set_t other;
      CPU_ZERO(&other);
      int here = sched_getcpu();
      for (int c = 0; c < CPU_SETSIZE && c < 64; ++c)
        if (c != here) CPU_SET(c, &other);
      sched_setaffinity(pid, sizeof other, &other);
    }
    waitpid(pid, NULL, 0);
    d[i] = slot[0] - start;
  }
  return Median(d, kForks);
}

int main(int argc, char** argv) {
  const size_t bytes = (size_t)kPages * 4096;
  double anon[kRounds], populate[kRounds], file[kRounds], cpuid[kRounds], sys[kRounds];
  const char* path = argc > 1 ? argv[1] : "/proc/self/exe";
  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    perror(path);
    return 1;
  }
  const size_t file_bytes = (size_t)st.st_size & ~(size_t)0xfffff;
  for (int r = 0; r < kRounds; ++r) {
    char* p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    double t = NowUs();
    for (size_t i = 0; i < bytes; i += 4096) p[i] = 1;
    anon[r] = (NowUs() - t) / kPages;
    munmap(p, bytes);
    p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    t = NowUs();
    populate[r] = madvise(p, bytes, MADV_POPULATE_WRITE) == 0 ? (NowUs() - t) / kPages : -1;
    munmap(p, bytes);
    /* A file's cached pages: each fault maps up to 16 (the kernel's fault-around). */
    volatile char sum = 0;
    int faults = 0;
    if (file_bytes > 0) {
      char* f = mmap(NULL, file_bytes, PROT_READ, MAP_PRIVATE, fd, 0);
      for (size_t i = 0; i < file_bytes; i += 4096) sum += f[i]; /* cached first */
      munmap(f, file_bytes);
      f = mmap(NULL, file_bytes, PROT_READ, MAP_PRIVATE, fd, 0);
      t = NowUs();
      for (size_t i = 0; i < file_bytes; i += 65536, ++faults) sum += f[i];
      file[r] = (NowUs() - t) / (faults ? faults : 1);
      munmap(f, file_bytes);
    } else {
      file[r] = -1;
    }
    unsigned a, b, c, d;
    t = NowUs();
    for (int i = 0; i < 100; ++i) __cpuid_count(7, 0, a, b, c, d);
    cpuid[r] = (NowUs() - t) / 100;
    t = NowUs();
    for (int i = 0; i < 1000; ++i) syscall(SYS_getppid);
    sys[r] = (NowUs() - t) / 1000;
  }
  volatile double* slot = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  printf("medians of %d rounds, in microseconds\n", kRounds);
  printf("  anonymous page fault        %8.2f a page\n", Median(anon, kRounds));
  printf("  MADV_POPULATE_WRITE         %8.2f a page (-1: not supported)\n", Median(populate, kRounds));
  printf("  file fault (cached pages)   %8.2f a fault of up to 64 KiB (-1: empty file)\n", Median(file, kRounds));
  printf("  cpuid                       %8.2f\n", Median(cpuid, kRounds));
  printf("  system call (getppid)       %8.2f\n", Median(sys, kRounds));
  printf("  fork to the child's start   %8.0f (this CPU, the parent asleep; median of %d)\n", ForkStart(slot, 0), kForks);
  printf("  the same, child elsewhere   %8.0f (moved to another CPU)\n", ForkStart(slot, 1));
  return 0;
}
