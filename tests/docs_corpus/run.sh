#!/usr/bin/env bash
# Docs corpus check (a developer tool; CI has no copy of the Jets docs): evaluates every Jets
# config snippet in the Jets docs with jetsam and prints how many evaluate, which fail where, and
# which are templates rather than Ruby. The docs are read with `git show` from their repository;
# nothing of them is copied into this tree. Exit 1 when a snippet fails for a reason other than
# a syntax error in the docs or a setting Jets itself rejects.
#   usage: tests/docs_corpus/run.sh [JETS_DOCS_GIT_DIR] [JETSAM_BIN] [--keep DIR] [-v]
#   JETS_DOCS_GIT_DIR: a clone of github.com/rubyonjets/jets-docs (default $JETS_DOCS_GIT_DIR)
#   JETSAM_BIN: the jetsam binary (default build/jetsam); a binary named drive* is run as
#               `drive DIR` (the scratch evaluation driver), anything else as `jetsam settings DIR`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
docs=${1:-${JETS_DOCS_GIT_DIR:-}}
bin=${2:-$here/../../build/jetsam}
shift $(( $# < 2 ? $# : 2 ))
if [ -z "$docs" ] || ! git -C "$docs" rev-parse --verify -q HEAD >/dev/null; then
  echo "usage: $0 JETS_DOCS_GIT_DIR [JETSAM_BIN] [--keep DIR] [-v]  (a git clone of rubyonjets/jets-docs)" >&2
  exit 2
fi
if [ ! -x "$bin" ]; then
  echo "$0: no jetsam binary at $bin (build it, or pass its path)" >&2
  exit 2
fi
echo "docs: $(git -C "$docs" log -1 --format='%h %cs') ($docs)"
exec python3 "$here/corpus.py" "$docs" "$bin" "$@"
