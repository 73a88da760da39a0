#!/usr/bin/env bash
# host/vm/mruby_shim.h stops the build on an mruby configured otherwise than the one it was
# written for, with a message that says what to do. usage: mruby_shim_guard_test.sh CXX SOURCE_DIR
set -euo pipefail
cxx=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#include "vm/mruby_shim.h"\nint main() { return 0; }\n' >"$work/use.cc"
compile() { "$cxx" -std=c++20 -fsyntax-only -I"$src/host" -I"$src/include" "$@" "$work/use.cc" >"$work/out" 2>&1; }

compile -DMRB_USE_RATIONAL -DMRB_USE_COMPLEX || { cat "$work/out"; echo "FAIL: the expected configuration was refused"; exit 1; }
if compile -DMRB_USE_COMPLEX; then echo "FAIL: a build without MRB_USE_RATIONAL was accepted"; exit 1; fi
grep -q "mruby-config --cflags" "$work/out" || { cat "$work/out"; echo "FAIL: unclear message"; exit 1; }
if compile -DMRB_USE_RATIONAL -DMRB_USE_COMPLEX -DMRB_NO_BOXING; then echo "FAIL: MRB_NO_BOXING was accepted"; exit 1; fi
grep -q "word boxing" "$work/out" || { cat "$work/out"; echo "FAIL: unclear message"; exit 1; }
# Another mruby release: its version.h, found first, says 3.2.
mkdir -p "$work/other/mruby"
printf '#include_next <mruby/version.h>\n#undef MRUBY_RELEASE_MINOR\n#define MRUBY_RELEASE_MINOR 2\n' >"$work/other/mruby/version.h"
if compile -I"$work/other" -DMRB_USE_RATIONAL -DMRB_USE_COMPLEX; then echo "FAIL: mruby 3.2 was accepted"; exit 1; fi
grep -q "written for mruby 3.1" "$work/out" || { cat "$work/out"; echo "FAIL: unclear message"; exit 1; }
echo "mruby shim guard: 4 cases ok"
