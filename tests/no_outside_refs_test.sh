#!/usr/bin/env bash
# Code, Ruby, docs and the outputs users see name nothing outside this repository: no notes of
# the developers' shared folder (its seed pages, its reference notes, the docs checkout's _docs/
# paths). Every file of the checkout is read (git's list when there is one), this one excepted.
# usage: no_outside_refs_test.sh SOURCE_DIR
set -euo pipefail
cd "$1"
pattern='seed [0-9]{3}|seeds?/[0-9]|reference/(policies|jets-config)\.md|\.\./shared/|_docs/'
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard)
else
  mapfile -t files < <(find . -path ./build -prune -o -path ./.git -prune -o -type f -print)
fi
files=("${files[@]/#.\//}")
mapfile -t files < <(printf '%s\n' "${files[@]}" | grep -vxF tests/no_outside_refs_test.sh)
hits=$(printf '%s\0' "${files[@]}" | xargs -0 grep -nEiI "$pattern" -- || true)
if [[ -n $hits ]]; then
  echo "$hits"
  echo "FAIL: the lines above name material outside the repository; say what the behaviour is and where Jets defines it"
  exit 1
fi
echo "no outside references in ${#files[@]} files"
