#!/usr/bin/env bash
# Rewrites every tests/fixtures/*/cases/*.out and .code from the current build. Review the diff
# before committing: a golden file is a claim about Jets' behaviour.
#   usage: tests/update_golden.sh [BUILD_DIR] [FIXTURE...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
shift || true
bin=$(cd "$build" && pwd)/jetsam
fixtures=("$@")
[ ${#fixtures[@]} -gt 0 ] || fixtures=($(ls "$here/fixtures"))
for f in "${fixtures[@]}"; do
  dir="$here/fixtures/$f"
  [ -d "$dir/cases" ] || continue
  for args_file in "$dir"/cases/*.args; do
    base=${args_file%.args}
    args=$(cat "$args_file")
    extra=()
    [ -f "$base.env" ] && mapfile -t extra <"$base.env"
    input=/dev/null
    [ -f "$base.stdin" ] && input=$base.stdin
    set +e
    (cd "$dir" && env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/nonexistent NO_COLOR=1 "${extra[@]}" \
      bash -c "exec \"$bin\" $args" <"$input" >"$base.out" 2>/dev/null)
    code=$?
    set -e
    if [ "$code" != 0 ]; then echo "$code" >"$base.code"; else rm -f "$base.code"; fi
    echo "$f/$(basename "$base"): exit $code"
  done
done
