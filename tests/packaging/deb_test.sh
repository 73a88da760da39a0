#!/usr/bin/env bash
# Builds the Debian package with cpack into a temporary directory and checks it without
# installing it: its name, its control fields (Depends covers every shared library the binary
# needs), its files, and that what it holds works: the extracted jetsam runs, compiles the demo
# exactly as the build's binary does, and its man page renders without a warning.
#
#   tests/packaging/deb_test.sh BUILD_DIR JETSAM
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR JETSAM" >&2
  exit 2
fi
build=$(realpath "$1")
jetsam=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
samples=$here/../../samples
export LC_ALL=C.UTF-8
# shellcheck source=tests/packaging/checks.sh
source "$(dirname "$0")/checks.sh"
require_tools cpack dpkg-deb dpkg-shlibdeps file objdump man

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- the package ------------------------------------------------------------------------------
if ! (cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out") >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  echo "FAIL: cpack -G DEB" >&2
  exit 1
fi
version=$("$jetsam" --version | awk '{ print $2 }')
arch=$(dpkg --print-architecture)
deb=$work/out/jetsam_${version}_${arch}.deb
if [ ! -f "$deb" ]; then
  echo "FAIL: cpack made no $(basename "$deb"); it made: $(cd "$work/out" && echo *.deb)" >&2
  exit 1
fi

# --- control fields ---------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: $(field Package)" [ "$(field Package)" = jetsam ]
check "Version: $(field Version)" [ "$(field Version)" = "$version" ]
check "Architecture: $(field Architecture)" [ "$(field Architecture)" = "$arch" ]
check "Section: $(field Section)" [ "$(field Section)" = utils ]
maintainer=$(field Maintainer)
check "Maintainer is no 'Name <address>': $maintainer" matches "$maintainer" '^[^<]+ <[^@>]+@[^>]+>$'
description=$(field Description)
check "Description has no summary line: $description" matches "${description%%$'\n'*}" 'IAM'
check "Description has no long description: $description" matches "$description" $'\n'" +[^ ]"
depends=$(field Depends)

# --- files ------------------------------------------------------------------------------------
dpkg-deb -c "$deb" >"$work/contents"
for path in ./usr/bin/jetsam ./usr/share/man/man1/jetsam.1 ./usr/share/bash-completion/completions/jetsam \
  ./usr/share/zsh/vendor-completions/_jetsam; do
  line=$(awk -v p="$path" '$6 == p' "$work/contents")
  check "the package lacks $path" [ -n "$line" ]
  check "$path is not owned by root/root: $line" matches "$line" ' root/root '
done
check "usr/bin/jetsam is not -rwxr-xr-x" grep -qE '^-rwxr-xr-x .* \./usr/bin/jetsam$' "$work/contents"
outside=$(awk '$6 !~ /^\.\/usr\// && $6 != "./" && $6 != "./usr/" { print $6 }' "$work/contents")
check "files outside /usr: $outside" [ -z "$outside" ]

dpkg-deb -x "$deb" "$work/root"
bin=$work/root/usr/bin/jetsam
for f in jetsam.1:usr/share/man/man1/jetsam.1 jetsam.bash:usr/share/bash-completion/completions/jetsam \
  _jetsam:usr/share/zsh/vendor-completions/_jetsam; do
  check "$(basename "${f#*:}") in the package differs from build/docs/${f%%:*}" \
    cmp -s "$build/docs/${f%%:*}" "$work/root/${f#*:}"
done

# Depends covers every library the binary loads: each NEEDED soname's package is named there.
# The default build is fully static (no NEEDED, no interpreter) and then depends on nothing.
needed=$(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }')
if [ -z "$needed" ]; then
  check "a binary without shared libraries still asks for a dynamic loader" is_empty <(readelf -l "$bin" | grep -F INTERP)
  check "a static binary's package has Depends: [$depends]" [ -z "$depends" ]
else
  check "Depends does not name libc6: [$depends]" matches "$depends" '(^|, )libc6 \(>= [0-9.]+\)'
fi
for so in $needed; do
  pkg=$(dpkg-query -S "*/$so" 2>/dev/null | awk -F': ' '{ print $1 }' | tr ',' '\n' | sed 's/^ *//; s/:.*//' |
    sort -u | head -n 1)
  check "no Debian package provides $so" [ -n "$pkg" ]
  check "Depends [$depends] lacks $pkg (for $so)" matches ", $depends," ", ${pkg//./\\.}[ ,]"
done
check "the packaged binary keeps its debug info (CPACK_STRIP_FILES)" \
  is_empty <(objdump -h "$bin" | grep -F .debug_info)

# --- what it holds works ----------------------------------------------------------------------
got=$("$bin" --version)
check "the packaged jetsam --version says [$got], the build's [$("$jetsam" --version)]" \
  [ "$got" = "$("$jetsam" --version)" ]
"$jetsam" compile "$samples/demo" --facts "$samples/facts.yml" --format yaml >"$work/want.yaml"
"$bin" compile "$samples/demo" --facts "$samples/facts.yml" --format yaml >"$work/got.yaml" 2>"$work/got.err"
check "the packaged jetsam compiles samples/demo differently: $(diff "$work/want.yaml" "$work/got.yaml" | head -n 5)" \
  cmp -s "$work/want.yaml" "$work/got.yaml"
expanded=$("$bin" expand s3:GetObject 2>&1 || true)
check "the packaged jetsam cannot expand s3:GetObject (its embedded IAM data): $expanded" \
  has_line "  s3:GetObject  Read" "$expanded"

MANWIDTH=80 man --warnings -E UTF-8 -l "$work/root/usr/share/man/man1/jetsam.1" >"$work/man.txt" 2>"$work/man.err"
check "man -l warns: $(cat "$work/man.err")" is_empty "$work/man.err"
check "the rendered man page has no NAME line for jetsam" grep -q '^ *jetsam - ' "$work/man.txt"
check "the rendered man page lacks the lint command" grep -q '^ *jetsam lint ' "$work/man.txt"

echo "$(basename "$deb"): $checks passed, $failures failed"
[ "$failures" -eq 0 ]
