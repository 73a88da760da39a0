# The packaging tests' shared harness, sourced by tests/packaging/*_test.sh: tools they need,
# and checks counted so that each script ends with "N passed, N failed" and fails on any failure.
# shellcheck shell=bash

# require_tools TOOL...: exits 1 when one is missing (.ci/setup installs them all).
require_tools() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "FAIL: $tool is not installed (bash .ci/setup installs it)" >&2
      exit 1
    fi
  done
}

failures=0
checks=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { checks=$((checks + 1)); }
# check MESSAGE COMMAND...: passes when COMMAND succeeds, else fails with MESSAGE.
check() {
  local message=$1
  shift
  if "$@"; then pass; else fail "$message"; fi
}
has_line() { grep -qxF -- "$1" <<<"$2"; }  # has_line LINE TEXT
lacks_line() { ! has_line "$@"; }
has_match() { grep -qE -- "$1" <<<"$2"; }  # has_match REGEX TEXT
matches() { [[ $1 =~ $2 ]]; }                # matches TEXT REGEX
is_empty() { [ ! -s "$1" ]; }
