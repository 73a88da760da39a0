#!/usr/bin/env bash
# The cold path's wall time as a user sees it: a whole `jetsam compile samples/demo --facts
# samples/facts.yml` (its sandboxed child included), spawn to reap, interleaved with `mruby -e 1`,
# and the ratio of the medians. No perf: bench/cold_start.sh's `perf stat` follows the child with
# its counters, which costs the fork and the exit some time of their own; this measures nothing
# but the processes. With a second build directory, both builds and mruby, interleaved.
#   bench/cold_wall.sh BUILD_DIR [RUNS] [OTHER_BUILD_DIR]      (RUNS defaults to 300)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS] [OTHER_BUILD_DIR]" >&2
  exit 2
fi
runs=${2:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/spawn_wall" "$here/bench/spawn_wall.c"
args=(compile "$here/samples/demo" --facts "$here/samples/facts.yml")
commands=()
[[ $# -ge 3 ]] && commands+=(-- "$3/jetsam" "${args[@]}")
commands+=(-- "$1/jetsam" "${args[@]}" -- mruby -e 1)
"$work/spawn_wall" "$runs" "${commands[@]}"
