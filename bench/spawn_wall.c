/* The wall time of whole processes, spawn to reap, with nothing in between (no perf, no shell):
 * each command run RUNS times, interleaved, stdout and stderr to /dev/null; prints each one's
 * median and quartiles, its ratio to the last command's median, and the median of its per-round
 * ratios to the last command (steadier when the machine's speed drifts during the run).
 *   spawn_wall RUNS -- CMD ARGS... -- CMD ARGS... [...]
 * Built and run by bench/cold_wall.sh. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char** environ;

static double NowMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* One run of argv, in ms; exits on a command that cannot start or fails. */
static double Run(char** argv) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  const double start = NowMs();
  pid_t pid;
  if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
    fprintf(stderr, "spawn_wall: cannot run %s\n", argv[0]);
    exit(2);
  }
  int status;
  waitpid(pid, &status, 0);
  const double ms = NowMs() - start;
  posix_spawn_file_actions_destroy(&fa);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "spawn_wall: %s failed (status %d)\n", argv[0], status);
    exit(1);
  }
  return ms;
}

static int Ascending(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char** argv) {
  if (argc < 4 || strcmp(argv[2], "--") != 0) {
    fprintf(stderr, "usage: spawn_wall RUNS -- CMD ARGS... [-- CMD ARGS...]\n");
    return 2;
  }
  const int runs = atoi(argv[1]);
  char** commands[16];
  int n = 0;
  for (int i = 2; i < argc && n < 16; ++i) {
    if (strcmp(argv[i], "--") == 0) {
      argv[i] = NULL; /* ends the previous command's argv */
      if (i + 1 < argc) commands[n++] = &argv[i + 1];
    }
  }
  double* times[16];
  for (int c = 0; c < n; ++c) times[c] = malloc(sizeof(double) * (size_t)runs);
  for (int w = 0; w < 5; ++w)
    for (int c = 0; c < n; ++c) Run(commands[c]); /* warm the caches */
  /* Each round's ratio to the last command's run of the same round: the machine's speed drifts
   * over minutes (other load, the host), and a pair run back to back shares the same moment. */
  double* paired[16];
  for (int c = 0; c < n; ++c) paired[c] = malloc(sizeof(double) * (size_t)runs);
  for (int r = 0; r < runs; ++r) {
    for (int c = 0; c < n; ++c) times[c][r] = Run(commands[c]);
    for (int c = 0; c < n; ++c) paired[c][r] = times[c][r] / times[n - 1][r];
  }
  for (int c = 0; c < n; ++c) {
    qsort(times[c], (size_t)runs, sizeof(double), Ascending);
    qsort(paired[c], (size_t)runs, sizeof(double), Ascending);
  }
  const double last = times[n - 1][runs / 2];
  printf("%d interleaved runs each, spawn to reap, medians (p25, p75); ratio of the medians, and\n"
         "median of each round's own ratio (p25, p75)\n", runs);
  for (int c = 0; c < n; ++c) {
    char name[256] = "";
    for (char** a = commands[c]; *a && strlen(name) < 200; ++a) {
      strncat(name, *a, 200 - strlen(name));
      strcat(name, " ");
    }
    printf("  %-60.60s %7.3f ms (%.3f, %.3f)  %.2fx  paired %.2fx (%.2f, %.2f)\n", name, times[c][runs / 2],
           times[c][runs / 4], times[c][3 * runs / 4], times[c][runs / 2] / last, paired[c][runs / 2],
           paired[c][runs / 4], paired[c][3 * runs / 4]);
  }
  return 0;
}
