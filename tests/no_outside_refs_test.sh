#!/usr/bin/env bash
# Code, Ruby and the outputs users see name nothing outside this repository: no notes of the
# developers' shared folder (its seed pages, its reference notes, the docs checkout's _docs/ paths).
# usage: no_outside_refs_test.sh SOURCE_DIR
set -euo pipefail
cd "$1"
pattern='seed [0-9]{3}|seeds?/[0-9]|reference/(policies|jets-config)\.md|\.\./shared/|_docs/'
if grep -rnEi "$pattern" host include mrblib cmake CMakeLists.txt tests/fixtures --include='*.cc' \
    --include='*.h' --include='*.rb' --include='*.cmake' --include='*.txt' --include='*.out' --include='*.err'; then
  echo "FAIL: the lines above name material outside the repository; say what the behaviour is and where Jets defines it"
  exit 1
fi
echo "no outside references"
