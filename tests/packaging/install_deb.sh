#!/usr/bin/env bash
# Installs jetsam's .deb for real, as a user would, and checks the installed tool: it runs, man
# finds its page, and both shell completions are where bash-completion and zsh look. For CI or a
# throwaway machine: it changes the system (run as root; `apt-get remove -y jetsam` undoes it).
#
#   tests/packaging/install_deb.sh [DEB]     (default: the one jetsam_*.deb in the current directory)
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "$0: run as root: it installs a package" >&2
  exit 2
fi
if [ $# -gt 1 ]; then
  echo "usage: $0 [DEB]" >&2
  exit 2
fi
if [ $# -eq 1 ]; then
  deb=$1
else
  shopt -s nullglob
  debs=(./jetsam_*.deb)
  if [ ${#debs[@]} -ne 1 ]; then
    echo "$0: expected one jetsam_*.deb in $PWD, found ${#debs[@]} (run cpack -G DEB in the build directory)" >&2
    exit 2
  fi
  deb=${debs[0]}
fi
deb=$(realpath "$deb")  # apt-get takes a file only by a path with a slash
for tool in apt-get man; do
  if ! command -v "$tool" >/dev/null; then
    echo "$0: $tool is not installed (bash .ci/setup installs man-db)" >&2
    exit 1
  fi
done

export DEBIAN_FRONTEND=noninteractive
apt-get install -y "$deb"

# Container images often keep dpkg from unpacking man pages: say so rather than fail obscurely.
excluded='^path-exclude[ =]/usr/share/man'
if ! [ -f /usr/share/man/man1/jetsam.1 ] && grep -qs "$excluded" /etc/dpkg/dpkg.cfg.d/*; then
  echo "FAIL: dpkg excludes /usr/share/man on this machine ($(grep -ls "$excluded" /etc/dpkg/dpkg.cfg.d/*))" >&2
  exit 1
fi

set -x
hash -r
[ "$(command -v jetsam)" = /usr/bin/jetsam ]
jetsam --version
man -w jetsam
[ "$(man -w jetsam)" = /usr/share/man/man1/jetsam.1 ]
man jetsam | grep -c '^ *jetsam lint ' >/dev/null  # -c reads it all: no SIGPIPE for man
[ -f /usr/share/bash-completion/completions/jetsam ]
[ -f /usr/share/zsh/vendor-completions/_jetsam ]
if command -v zsh >/dev/null; then
  zsh -fc '(( ${fpath[(Ie)/usr/share/zsh/vendor-completions]} ))'  # zsh looks there
fi
dpkg-query -W -f='${Status} ${Version}\n' jetsam | grep -q '^install ok installed '
set +x
echo "install_deb.sh: $(basename "$deb") installed and works"
