#!/usr/bin/env bash
# The build's include check (cmake/check_includes.cmake) refuses a wrong-direction include and a
# third-party header outside the stages allowed to see it, and accepts the right direction.
# With BUILD_DIR, it also runs the check exactly as the build does for stage compile (the build's
# own list of stages, headers and files), with one file added that includes eval's header.
# usage: include_check_test.sh CMAKE SOURCE_DIR [BUILD_DIR]
set -euo pipefail
cmake=$1
script=$2/cmake/check_includes.cmake
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check() {  # STAGE ALLOWED FILE -> the script's exit status; its output in $work/out
  local status=0
  "$cmake" -DSTAGE="$1" -DALLOWED="$2" -DHEADER_MAP="value.h=core;compile.h=compile;evaluate.h=eval" \
    -DSTAGE_DIRS="core;vm;eval;compile;cli" -DPRIVATE_LIBS="mruby=vm|eval;CLI=cli" \
    -DFILES="$3" -P "$script" >"$work/out" 2>&1 || status=$?
  return "$status"
}
fail() { echo "FAIL: $*"; cat "$work/out"; exit 1; }

printf '#include "jetsam/value.h"\n#include <string>\n' >"$work/right.cc"
check compile "compile;core" "$work/right.cc" || fail "an include of a dependency was refused"

printf '// core must not know compile\n#include "jetsam/value.h"\n#include "jetsam/compile.h"\n' >"$work/wrong.cc"
if check core "core" "$work/wrong.cc"; then fail "core including jetsam/compile.h was accepted"; fi
grep -q "wrong.cc:3: stage core includes jetsam/compile.h of stage compile" "$work/out" ||
  fail "the message does not name the file, line and stages"

printf '#include "eval/capture.h"\n' >"$work/private.cc"
if check compile "compile;core" "$work/private.cc"; then fail "compile including eval's private header was accepted"; fi

printf '#include <mruby.h>\n' >"$work/mruby.cc"
if check compile "compile;core" "$work/mruby.cc"; then fail "compile including mruby was accepted"; fi
grep -q "only vm, eval may use mruby" "$work/out" || fail "the mruby message is unclear"
check eval "eval;vm;core" "$work/mruby.cc" || fail "eval including mruby was refused"

printf '#include <CLI/CLI.hpp>\n' >"$work/cli11.cc"
if check compile "compile;core" "$work/cli11.cc"; then fail "compile including CLI11 was accepted"; fi

printf '#include "jetsam/nowhere.h"\n' >"$work/unknown.cc"
if check core "core" "$work/unknown.cc"; then fail "a header of no stage was accepted"; fi
cases=7

if [[ -n ${3:-} ]]; then
  real=$3/include_check/compile.cmake
  [[ -f $real ]] || fail "no $real: build the project first"
  # The build's arguments, with the stamp moved away and one wrong-direction file added.
  printf '#include "jetsam/compile.h"\n#include "jetsam/evaluate.h"\n' >"$work/compile_uses_eval.cc"
  sed -e "s|^set(STAMP .*|set(STAMP $work/stamp)|" -e "s|^set(FILES \"|set(FILES \"$work/compile_uses_eval.cc\" \"|" \
    "$real" >"$work/args.cmake"
  grep -q compile_uses_eval "$work/args.cmake" || fail "could not add a file to $real"
  if "$cmake" -DARGS_FILE="$work/args.cmake" -P "$2/cmake/check_includes.cmake" >"$work/out" 2>&1; then
    fail "the build's check of stage compile accepted jetsam/evaluate.h"
  fi
  grep -q "compile_uses_eval.cc:2: stage compile includes jetsam/evaluate.h of stage eval" "$work/out" ||
    fail "the build's check does not name the file, line and stages"
  # The same arguments without the added file pass: the tree itself is clean.
  sed -e "s|^set(STAMP .*|set(STAMP $work/stamp)|" "$real" >"$work/args.cmake"
  "$cmake" -DARGS_FILE="$work/args.cmake" -P "$2/cmake/check_includes.cmake" >"$work/out" 2>&1 ||
    fail "the build's check of stage compile refuses the tree as it is"
  cases=$((cases + 2))
fi
echo "include check: $cases cases ok"
