#!/usr/bin/env bash
# Runs the hook of .pre-commit-hooks.yaml the way pre-commit users run it, in a throwaway git
# repository holding a copy of samples/demo, with the jetsam under test first on PATH:
#   - pre-commit accepts the manifest (validate-manifest);
#   - a commit touching config/jets/ runs `jetsam lint`: it passes on samples/demo and fails,
#     naming the rule, once a service name is misspelt;
#   - a commit touching nothing under config/jets/ skips it.
#
#   tests/packaging/pre_commit_test.sh JETSAM
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 JETSAM" >&2
  exit 2
fi
jetsam=$(realpath "$1")
src=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/packaging/checks.sh
source "$(dirname "$0")/checks.sh"
require_tools pre-commit git

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache HOME=$work GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir "$work/bin"
ln -s "$jetsam" "$work/bin/jetsam"
export PATH=$work/bin:$PATH

check "pre-commit rejects .pre-commit-hooks.yaml" pre-commit validate-manifest "$src/.pre-commit-hooks.yaml"

# The hook repository: the manifest, committed (try-repo reads a git repository).
git init -q "$work/hooks"
cp "$src/.pre-commit-hooks.yaml" "$work/hooks/"
git -C "$work/hooks" add .pre-commit-hooks.yaml
git -C "$work/hooks" commit -q -m hooks

# A user's project.
git init -q "$work/app"
cp -R "$src/samples/demo/." "$work/app/"
echo "# app" >"$work/app/README.md"
git -C "$work/app" add .
git -C "$work/app" commit -q -m app
cd "$work/app"

# run FILE: the hook on FILE, as a commit touching it would run it; prints the output, sets $rc.
run() {
  rc=0
  out=$(pre-commit try-repo "$work/hooks" jetsam-lint --files "$1" 2>&1) || rc=$?
}

run config/jets/deploy.rb
check "the hook fails on samples/demo (exit $rc): $out" [ "$rc" -eq 0 ]
check "the hook did not run jetsam lint: $out" has_match '^jetsam lint\.+Passed' "$out"

sed -i 's/"dynamodb:GetItem"/"dyanmodb:GetItem"/' config/jets/deploy.rb
run config/jets/deploy.rb
check "the hook passes a misspelt service (exit $rc): $out" [ "$rc" -eq 1 ]
check "the hook's failure does not name the rule: $out" has_match 'error: dyanmodb:GetItem.*\[unknown-service\]' "$out"

run README.md
check "the hook runs for README.md (exit $rc): $out" [ "$rc" -eq 0 ]
check "the hook is not skipped for README.md: $out" has_match '^jetsam lint\.+\(no files to check\)Skipped' "$out"

echo "$checks passed, $failures failed"
[ "$failures" -eq 0 ]
