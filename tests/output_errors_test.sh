#!/usr/bin/env bash
# Output that cannot be written is an error, never a crash or a silent exit 0: a full disk
# (/dev/full), a closed stdout, a closed stderr. usage: output_errors_test.sh JETSAM SOURCE_DIR
set -uo pipefail
jetsam=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
args=(samples/demo --facts samples/facts.yml)
cd "$src" || fail "no source dir"

expect() {  # expect CODE MESSAGE_OR_EMPTY DESCRIPTION -- command... (stderr in $work/err)
  local code=$1 message=$2 what=$3
  shift 4
  "$@"
  local got=$?
  [[ $got == "$code" ]] || fail "$what: exit $got, expected $code ($(cat "$work/err" 2>/dev/null))"
  if [[ -n $message ]]; then grep -q "$message" "$work/err" || fail "$what: no '$message' in: $(cat "$work/err")"; fi
}

for cmd in "compile" "lint --format sarif" "settings"; do
  # shellcheck disable=SC2086
  expect 1 "cannot write the output: No space left on device" "$cmd to a full disk" -- \
    sh -c "exec \"\$0\" $cmd \"\$@\" >/dev/full 2>\"$work/err\"" "$jetsam" "${args[@]}"
  # shellcheck disable=SC2086
  expect 1 "cannot write the output: Bad file descriptor" "$cmd with stdout closed" -- \
    sh -c "exec \"\$0\" $cmd \"\$@\" >&- 2>\"$work/err\"" "$jetsam" "${args[@]}"
  # shellcheck disable=SC2086
  expect 1 "" "$cmd with stdout and stderr closed" -- \
    sh -c "exec \"\$0\" $cmd \"\$@\" >&- 2>&-" "$jetsam" "${args[@]}"
  # shellcheck disable=SC2086
  expect 0 "" "$cmd to a file" -- \
    sh -c "exec \"\$0\" $cmd \"\$@\" >\"$work/out\" 2>\"$work/err\"" "$jetsam" "${args[@]}"
  [[ -s $work/out ]] || fail "$cmd wrote nothing"
done
# An error message that cannot be written still exits 1, without a crash.
expect 1 "" "an error with stderr full" -- sh -c "exec \"\$0\" compile no/such/dir 2>/dev/full" "$jetsam"
echo "ok: output errors exit 1 with a message"
