#!/usr/bin/env bash
# Checks the man page and the shell completions that the build generated (build/docs/) against
# the binary's own --help, read here by a parser of this test's own:
#   - they are current and deterministic: generating them again gives the same bytes;
#   - every command and every option of every command is in the man page (in that command's
#     section) and is completed by bash and by zsh;
#   - the values of every option whose help lists them ({a,b,c}, and --role) are completed;
#   - the man page renders without a warning; the bash script passes shellcheck.
#
#   tests/packaging/docs_test.sh JETSAM DOCS_DIR
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 JETSAM DOCS_DIR" >&2
  exit 2
fi
jetsam=$(realpath "$1")
docs=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
gen=$here/../../packaging/gen-docs.sh
export LC_ALL=C.UTF-8
# shellcheck source=tests/packaging/checks.sh
source "$(dirname "$0")/checks.sh"
require_tools zsh man groff lexgrog shellcheck

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for f in jetsam.1 jetsam.bash _jetsam; do
  [ -s "$docs/$f" ] || fail "$docs/$f is missing or empty"
done
[ "$failures" -eq 0 ] || exit 1

# --- current and deterministic -----------------------------------------------------------------
for kind in man:jetsam.1 bash:jetsam.bash zsh:_jetsam; do
  k=${kind%%:*} f=${kind#*:}
  env -u SOURCE_DATE_EPOCH bash "$gen" "$jetsam" "$k" "$work/a.$f"
  env -u SOURCE_DATE_EPOCH bash "$gen" "$jetsam" "$k" "$work/b.$f"
  check "$f: two runs of gen-docs.sh differ" cmp -s "$work/a.$f" "$work/b.$f"
  # The build may have set SOURCE_DATE_EPOCH, which only dates the man page (.TH).
  if diff <(grep -v '^\.TH ' "$docs/$f") <(grep -v '^\.TH ' "$work/a.$f") >"$work/stale.diff"; then
    pass
  else
    fail "$docs/$f is not what gen-docs.sh makes from this jetsam now:"
    cat "$work/stale.diff" >&2
  fi
done
SOURCE_DATE_EPOCH=86400 bash "$gen" "$jetsam" man "$work/dated.1"
check "SOURCE_DATE_EPOCH does not date the man page: $(grep '^\.TH' "$work/dated.1")" \
  grep -q '^\.TH JETSAM 1 "1970-01-02" "jetsam ' "$work/dated.1"

# --- the help, read independently --------------------------------------------------------------
mapfile -t commands < <("$jetsam" --help | awk '/^Subcommands:$/ { s = 1; next } s && /^  [a-z]/ { print $1 } s && /^$/ { exit }')
check "jetsam --help lists ${#commands[@]} commands: ${commands[*]}" [ ${#commands[@]} -ge 7 ]
# options CMD: every option name of the command, one per line ("-h", "--help", "--env", ...).
options() {
  "$jetsam" "$1" --help | grep -oE '^  -[-A-Za-z0-9]+(,--?[-A-Za-z0-9]+)*' | tr -d ' ' | tr ',' '\n'
}
# values CMD OPTION: the values its help lists, sorted, one per line.
values() {
  local line
  line=$("$jetsam" "$1" --help | grep -E "^  $2 ")
  if [[ $line =~ :\{([^}]*)\} ]]; then
    tr ',' '\n' <<<"${BASH_REMATCH[1]}" | sort
  elif [ "$2" = --role ]; then
    printf '%s\n' all ci codebuild deploy-user lambda
  fi
}

# --- bash -------------------------------------------------------------------------------------
bash_file=$docs/jetsam.bash
check "jetsam.bash: bash -n" bash -n "$bash_file"
check "jetsam.bash: shellcheck" shellcheck -s bash "$bash_file"
# complete_bash WORD...: what _jetsam offers for the last WORD, the words before it as typed
# (as bash splits them: --format=x is "--format" "=" "x"), sorted.
complete_bash() {
  bash --norc --noprofile -c '
    source "$1"
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _jetsam jetsam "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
    printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_file" "$@" | grep -v '^$' | sort || true
}
expect_bash() {  # expect_bash "EXPECTED (newline-separated)" WORD...
  local expected=$1 got
  shift
  got=$(complete_bash "$@")
  check "bash: '$*' completes to [$(tr '\n' ' ' <<<"$got")], expected [$(tr '\n' ' ' <<<"$expected")]" \
    [ "$got" = "$expected" ]
}
# includes_bash NAME WORD...: NAME is among what bash offers.
includes_bash() {
  local name=$1
  shift
  check "bash: '$*' does not offer $name" has_line "$name" "$(complete_bash "$@")"
}

# --- zsh --------------------------------------------------------------------------------------
check "_jetsam: zsh -n" zsh -n "$docs/_jetsam"
mkdir "$work/fpath"
cp "$docs/_jetsam" "$work/fpath/"
complete_zsh() { zsh "$here/zsh_complete.zsh" "$work/fpath" "$1"; }
expect_zsh() {  # expect_zsh "EXPECTED" LINE
  local got
  got=$(complete_zsh "$2")
  check "zsh: '$2' completes to [$(tr '\n' ' ' <<<"$got")], expected [$(tr '\n' ' ' <<<"$1")]" [ "$got" = "$1" ]
}

# --- man --------------------------------------------------------------------------------------
man_file=$docs/jetsam.1
MANWIDTH=200 man --warnings -E UTF-8 -l "$man_file" >"$work/man.txt" 2>"$work/man.err"
check "man -l: $(cat "$work/man.err")" is_empty "$work/man.err"
groff -man -ww -z "$man_file" 2>"$work/groff.err"
check "groff -ww: $(cat "$work/groff.err")" is_empty "$work/groff.err"
# mandb (whatis, apropos) reads the NAME section.
whatis=$(lexgrog "$man_file" 2>&1 || true)
check "lexgrog: $whatis" has_match 'jetsam - the IAM roles' "$whatis"
check "the man page lacks the --version text" grep -qF -- "$("$jetsam" --version)" "$work/man.txt"
# man_section CMD: the rendered text of the command's section of COMMANDS.
man_section() {
  awk -v head="   jetsam $1" '$0 == head { s = 1; next } s && /^   jetsam / { exit } s && /^[A-Z]/ { exit } s' "$work/man.txt"
}

# --- every command and option, everywhere -----------------------------------------------------
sorted_commands=$(printf '%s\n' "${commands[@]}" | sort)
expect_bash "$sorted_commands" jetsam ""
expect_zsh "$sorted_commands" "jetsam "
for c in "${commands[@]}"; do
  section=$(man_section "$c")
  check "man: no section 'jetsam $c'" [ -n "$section" ]
  check "man: 'jetsam $c' has no usage line" has_match "^ +jetsam $c " "$section"
  bash_offers=$(complete_bash jetsam "$c" -)
  zsh_offers=$(complete_zsh "jetsam $c -")
  mapfile -t opts < <(options "$c")
  check "jetsam $c --help: no options found" [ ${#opts[@]} -gt 1 ]
  for o in "${opts[@]}"; do
    check "bash does not complete 'jetsam $c $o'" has_line "$o" "$bash_offers"
    check "zsh does not complete 'jetsam $c $o'" has_line "$o" "$zsh_offers"
    check "man: 'jetsam $c' does not describe $o" has_match "(^|[ ,])$o( |,|$)" "$section"
    want=$(values "$c" "$o")
    [ -n "$want" ] || continue
    expect_bash "$want" jetsam "$c" "$o" ""
    expect_bash "$want" jetsam "$c" "$o" = ""
    expect_zsh "$want" "jetsam $c $o "
    expect_zsh "$want" "jetsam $c $o="
  done
done

# --role is what the brief of the completions promised, whatever the help's wording.
roles=$(printf '%s\n' all ci codebuild deploy-user lambda)
for c in compile explain diff; do
  expect_bash "$roles" jetsam "$c" --role ""
  expect_zsh "$roles" "jetsam $c --role "
done

# --- prefixes, files and directories ----------------------------------------------------------
expect_bash "lint" jetsam li
expect_zsh "lint" "jetsam li"
expect_bash "$(printf '%s\n' --format --help)" jetsam expand --
expect_bash "sarif" jetsam lint --format s
expect_bash "sarif" jetsam lint --format = s
expect_zsh "$(printf '%s\n' least local)" "jetsam diff --deploy-scope l"
expect_bash "" jetsam lint --env ""
expect_bash "" jetsam nonsense --
mkdir -p "$work/tree/appdir" "$work/tree/apple"
: >"$work/tree/app.yml"
cd "$work/tree"
expect_bash "$(printf '%s\n' app.yml appdir apple)" jetsam lint --facts app
expect_bash "$(printf '%s\n' appdir apple)" jetsam lint app
expect_bash "" jetsam expand app
includes_bash app.yml jetsam compile --facts = app
zsh_facts=$(complete_zsh "jetsam lint --facts app")
check "zsh: --facts does not complete file names: [$zsh_facts]" has_line app.yml "$zsh_facts"
zsh_dir=$(complete_zsh "jetsam lint ap")
check "zsh: DIR completes a file: [$zsh_dir]" lacks_line app.yml "$zsh_dir"
check "zsh: DIR does not complete directories: [$zsh_dir]" has_match '^appdir/?$' "$zsh_dir"

echo "$checks passed, $failures failed"
[ "$failures" -eq 0 ]
