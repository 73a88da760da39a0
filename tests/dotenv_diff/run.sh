#!/usr/bin/env bash
# Differential check (a developer tool: CI has no Ruby): jetsam's dotenv parser against the dotenv
# gem's own, on random .env files made of the format's marks. The gem is read with `git show` from
# its repository; nothing of it is copied into this tree.
#   usage: tests/dotenv_diff/run.sh DOTENV_GIT_DIR [TAG] [CASES] [SEED]
#   DOTENV_GIT_DIR: a clone of github.com/bkeepers/dotenv; TAG defaults to v3.1.8
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
gem=${1:?usage: $0 DOTENV_GIT_DIR [TAG] [CASES] [SEED]}
tag=${2:-v3.1.8}
cases=${3:-3000}
seed=${4:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lib/dotenv/substitutions" "$work/cases"
for f in lib/dotenv/parser.rb lib/dotenv/substitutions/variable.rb lib/dotenv/substitutions/command.rb; do
  git --git-dir="$gem" show "$tag:$f" >"$work/$f"
done
g++ -std=c++20 -O1 -DFMT_HEADER_ONLY -I"$src/include" -I"$src/host" "$src/host/eval/dotenv.cc" \
  "$here/jetsam_parse.cc" -o "$work/jetsam_parse"
python3 - "$work/cases" "$cases" "$seed" <<'PY'
import os, random, sys
out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(seed)
marks = ["A", "B", "FOO", "EXISTING", "KEY_1", "a.b", "export ", "export", "=", " = ", ": ", ":", " ", "  ", "\t",
         "\n", "\n", "\n", "\r\n", "\r", "'", '"', "\\", "\\n", "\\r", "\\'", '\\"', "$", "$A", "${A}", "${FOO}",
         "$EXISTING", "\\$A", "${", "}", "$(", "(", ")", "$(echo hi)", "\\$(echo x)", "#", " # c", "x", "y z", "SSM",
         "SSM:/p", "DOTENV_LINEBREAK_MODE=legacy\n", "A=1\n", "B=\"q\"\n", "C='s'\n", "lol$wut\n", "-", "/"]
for i in range(n):
    with open(os.path.join(out, f"{i:05d}.env"), "w", newline="") as f:
        f.write("".join(random.choice(marks) for _ in range(random.randint(1, 30))))
PY
# The same ENV for both: what jetsam_parse.cc gives its parser.
env -i HOME=/root PATH=/usr/bin:/bin EXISTING=from-env ruby "$here/gem_parse.rb" "$work/lib" "$work"/cases/*.env >"$work/gem.out"
"$work/jetsam_parse" "$work"/cases/*.env >"$work/jetsam.out"
python3 - "$work" <<'PY'
import glob, sys
work = sys.argv[1]
files = sorted(glob.glob(work + "/cases/*.env"))
gem = open(work + "/gem.out").read().splitlines()
ours = open(work + "/jetsam.out").read().splitlines()
bad = [(f, a, b) for f, a, b in zip(files, gem, ours) if a != b]
print(f"{len(files)} files: {len(files) - len(bad)} parse as the gem parses them, {len(bad)} differ")
for f, a, b in bad[:10]:
    print(repr(open(f, newline="").read()), "\n  gem:    ", a, "\n  jetsam: ", b)
sys.exit(1 if bad else 0)
PY
