#!/usr/bin/env bash
# The cold path: a whole `jetsam compile samples/demo --facts samples/facts.yml` (its sandboxed
# child included) beside `mruby -e 1`, run interleaved so that both see the same machine.
# Prints each one's median wall time, CPU time (perf only) and page faults, and their ratios.
#   bench/cold_start.sh BUILD_DIR [RUNS]      (RUNS defaults to 200)
# With perf (linux-perf), wall time and faults come from `perf stat`, whose counters follow
# forked children and count faults taken (not pages mapped in advance by madvise); without it,
# wall time from bash's clock and faults from GNU time (getrusage), which misses a child not yet
# reaped when jetsam exits and counts pages mapped in advance too.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
jetsam=("$1/jetsam" compile "$here/samples/demo" --facts "$here/samples/facts.yml")
mruby=(mruby -e 1)
runs=${2:-200}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if perf stat -e page-faults -o /dev/null -- true >/dev/null 2>&1; then
  # One line "WALL_NS FAULTS CPU_MS" per run of "$@" (CPU: task-clock, children included).
  sample() {
    perf stat -x, -o "$out/perf" -e duration_time,page-faults,task-clock -- "$@" >/dev/null 2>&1
    awk -F, '$3 == "duration_time" {ns = $1} $3 == "page-faults" {pf = $1} $3 == "task-clock" {cpu = $1}
             END {print ns, pf, cpu}' "$out/perf"
  }
  how="perf stat"
else
  sample() {
    local start end
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    end=$EPOCHREALTIME
    /usr/bin/time -f %R -o "$out/time" -- "$@" >/dev/null 2>&1
    echo "$(( (${end/./} - ${start/./}) * 1000 ))" "$(<"$out/time")" 0
  }
  how="wall: bash clock, faults: GNU time (reaped children only)"
fi

for cmd in jetsam mruby; do : >"$out/$cmd"; done
"${jetsam[@]}" >/dev/null  # fails loudly if the build is broken
for _ in 1 2 3 4 5; do sample "${jetsam[@]}" >/dev/null; sample "${mruby[@]}" >/dev/null; done  # warm the caches
for _ in $(seq "$runs"); do
  sample "${jetsam[@]}" >>"$out/jetsam"
  sample "${mruby[@]}" >>"$out/mruby"
done

# The median of column $2 of file $1.
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
jt=$(median "$out/jetsam" 1) jf=$(median "$out/jetsam" 2) jc=$(median "$out/jetsam" 3)
mt=$(median "$out/mruby" 1) mf=$(median "$out/mruby" 2) mc=$(median "$out/mruby" 3)
echo "$runs interleaved runs each, medians ($how)"
awk -v jt="$jt" -v jf="$jf" -v jc="$jc" -v mt="$mt" -v mf="$mf" -v mc="$mc" 'BEGIN {
  printf "  %-40s %10s %10s %12s\n", "", "wall", "cpu", "page faults"
  printf "  %-40s %7.3f ms %7.3f ms %12d\n", "jetsam compile samples/demo --facts ...", jt / 1e6, jc, jf
  printf "  %-40s %7.3f ms %7.3f ms %12d\n", "mruby -e 1", mt / 1e6, mc, mf
  printf "  %-40s %9.2fx %9.2fx %11.2fx\n", "ratio", jt / mt, (mc > 0 ? jc / mc : 0), jf / mf
  if (mc == 0) print "  (no CPU time without perf)"
}'
