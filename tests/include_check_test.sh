#!/usr/bin/env bash
# The build's include check (cmake/check_includes.cmake) refuses a wrong-direction include and a
# third-party header outside the stages allowed to see it, and accepts the right direction.
# usage: include_check_test.sh CMAKE SOURCE_DIR
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
echo "include check: 7 cases ok"
