#!/usr/bin/env zsh
# zsh_complete.zsh DIR LINE: prints, sorted and one per line, the words that zsh's completion
# system offers at the end of LINE (as if TAB were pressed there), with DIR first in $fpath.
# Runs a clean interactive zsh on a pseudo-terminal; each compadd call records its matches.
emulate -R zsh
setopt err_exit no_unset pipe_fail
zmodload zsh/zpty
if (( $# != 2 )); then
  print -u2 "usage: $0 DIR LINE"
  exit 2
fi
dir=${1:A}
cmdline=$2
work=$(mktemp -d)
trap 'zpty -d comp 2>/dev/null; rm -rf $work' EXIT
cat >$work/init.zsh <<'INIT'
PS1=''
fpath=($JETSAM_FPATH $fpath)
autoload -Uz compinit && compinit -u -D
bindkey '^I' complete-word
# Records what each call would add; calls that only gather matches (-O, -A, -D) are left alone.
compadd() {
  if (( ${@[(I)-[OAD]]} )); then
    builtin compadd "$@"
    return
  fi
  local -a hits
  builtin compadd -O hits "$@"
  (( $#hits )) && print -rl -- $hits >>$JETSAM_COMPLETIONS
  builtin compadd "$@"
}
_jetsam_test_done() { print -r -- '<done>' >>$JETSAM_COMPLETIONS }
comppostfuncs=(_jetsam_test_done)
INIT
out=$work/completions
: >$out
zpty -b comp env -i HOME=$work TERM=dumb PATH=$PATH JETSAM_FPATH=$dir JETSAM_COMPLETIONS=$out zsh -f -i
zpty -w comp "source ${(q)work}/init.zsh"
zpty -w -n comp "$cmdline"$'\t'
for i in {1..200}; do
  [[ $(<$out) == *'<done>' ]] && break
  sleep 0.05
done
if [[ $(<$out) != *'<done>' ]]; then
  print -u2 "$0: zsh did not complete \"$cmdline\" within 10 s"
  exit 1
fi
grep -v '^<done>$' $out | sort -u || true
