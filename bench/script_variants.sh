#!/usr/bin/env bash
# `jetsam run` of a script that evaluates 1,000 variants of samples/demo (bench/script_variants.rb):
# the whole process, sandboxed child included. Prints the median wall time of RUNS runs and, with
# perf, the CPU time of the processes (the child's too).
#   bench/script_variants.sh [BUILD_DIR] [RUNS] [VARIANTS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${1:-$here/build}" && pwd)/jetsam
runs=${2:-5}
variants=${3:-1000}
cd "$here"
args=(run --allow-read samples/demo --facts samples/facts.yml bench/script_variants.rb "$variants")
"$bin" "${args[@]}"  # once, checked
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" "${args[@]}" >/dev/null
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk -v v="$variants" '{a[NR]=$1} END {printf "wall: median %d ms for %d variants, %.2f ms each (%d runs)\n", a[int((NR+1)/2)], v, a[int((NR+1)/2)]/v, NR}'
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock true >/dev/null 2>&1; then
  perf stat -x, -e task-clock -o /tmp/jetsam-script-perf.txt "$bin" "${args[@]}" >/dev/null
  awk -F, -v v="$variants" '/task-clock/ {printf "cpu:  %d ms of CPU (all processes), %.2f ms per variant\n", $1, $1/v}' /tmp/jetsam-script-perf.txt
fi
