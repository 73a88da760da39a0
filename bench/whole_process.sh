#!/usr/bin/env bash
# Whole-process time of `jetsam compile samples/demo` (sandboxed child included), median of N runs.
#   bench/whole_process.sh [BUILD_DIR] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build}/jetsam
runs=${2:-200}
args=(compile "$here/samples/demo" --facts "$here/samples/facts.yml")
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 20 --runs "$runs" --export-json /tmp/jetsam-hyperfine.json "$bin ${args[*]}" >/dev/null
  python3 -c 'import json; r = json.load(open("/tmp/jetsam-hyperfine.json"))["results"][0]; print("median %.2f ms  mean %.2f ms  min %.2f ms  (%d runs)" % (r["median"] * 1000, r["mean"] * 1000, r["min"] * 1000, len(r["times"])))'
else
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" "${args[@]}" >/dev/null 2>&1
    times+=($(( ($(date +%s%N) - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.2f ms (%d runs)\n", a[int((NR+1)/2)]/1000, NR}'
fi
