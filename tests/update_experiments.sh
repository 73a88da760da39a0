#!/usr/bin/env bash
# Rewrites samples/experiments/NAME.out (and NAME.code) from the current build, running each
# experiment with the command line in NAME.args from the repository's root, as
# tests/experiments_test.cc does. Review the diff before committing.
#   usage: tests/update_experiments.sh [BUILD_DIR] [NAME...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
bin=$(cd "$build" && pwd)/jetsam
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$root"/samples/experiments/*.rb; do names+=("$(basename "$f" .rb)"); done
fi
for name in "${names[@]}"; do
  base=$root/samples/experiments/$name
  args=$(cat "$base.args")
  set +e
  (cd "$root" && env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/nonexistent NO_COLOR=1 \
    bash -c "exec \"$bin\" $args" </dev/null >"$base.out" 2>/dev/null)
  code=$?
  set -e
  if [ "$code" != 0 ]; then echo "$code" >"$base.code"; else rm -f "$base.code"; fi
  echo "$name: exit $code"
done
