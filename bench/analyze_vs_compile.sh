#!/usr/bin/env bash
# Whole-process times of the commands that read the IAM catalog (lint, can, explain, expand)
# beside `compile`, on samples/demo, run interleaved so that all see the same machine. Prints
# each command's median wall and CPU time and its ratio to compile's: the catalog's cost shows
# as what lint, can and explain take beyond compile (they evaluate and compile the same checkout).
#   bench/analyze_vs_compile.sh BUILD_DIR [RUNS]      (RUNS defaults to 100)
# With perf (linux-perf) the times come from `perf stat` (children included); without it, wall
# time from bash's clock only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
bin="$1/jetsam"
runs=${2:-100}
demo=("$here/samples/demo" --facts "$here/samples/facts.yml")
names=(compile lint can explain expand)
cmds=(
  "compile ${demo[*]}"
  "lint ${demo[*]}"
  "can lambda dynamodb:PutItem arn:aws:dynamodb:us-west-2:111122223333:table/demo-dev-orders ${demo[*]}"
  "explain ${demo[*]}"
  "expand s3:*"
)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if perf stat -e task-clock -o /dev/null -- true >/dev/null 2>&1; then
  sample() {  # prints "WALL_NS CPU_MS"
    perf stat -x, -o "$out/perf" -e duration_time,task-clock -- "$@" >/dev/null 2>&1 || true
    awk -F, '$3 == "duration_time" {ns = $1} $3 == "task-clock" {cpu = $1} END {print ns, cpu}' "$out/perf"
  }
  how="perf stat"
else
  sample() {
    local start end
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    echo "$(( (${end/./} - ${start/./}) * 1000 ))" 0
  }
  how="bash clock, no CPU time"
fi

"$bin" compile "${demo[@]}" >/dev/null  # fails loudly if the build is broken
for i in "${!names[@]}"; do : >"$out/${names[$i]}"; done
for _ in 1 2 3; do for c in "${cmds[@]}"; do read -ra argv <<<"$c"; sample "$bin" "${argv[@]}" >/dev/null; done; done
for _ in $(seq "$runs"); do
  for i in "${!names[@]}"; do
    read -ra argv <<<"${cmds[$i]}"
    sample "$bin" "${argv[@]}" >>"$out/${names[$i]}"
  done
done

median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ct=$(median "$out/compile" 1)
echo "$bin on samples/demo: $runs interleaved runs each, medians ($how)"
printf "  %-8s %10s %10s %16s\n" "" "wall" "cpu" "wall / compile"
for n in "${names[@]}"; do
  t=$(median "$out/$n" 1) c=$(median "$out/$n" 2)
  awk -v n="$n" -v t="$t" -v c="$c" -v ct="$ct" 'BEGIN { printf "  %-8s %7.2f ms %7.2f ms %15.2fx\n", n, t / 1e6, c, t / ct }'
done
