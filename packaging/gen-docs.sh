#!/usr/bin/env bash
# Writes jetsam's man page or a shell completion from the program's own help, so neither drifts
# from the code: `jetsam --help` names the commands, `jetsam COMMAND --help` their options.
#
#   packaging/gen-docs.sh JETSAM man|bash|zsh OUTPUT
#
# The build runs it after linking jetsam (cmake/install.cmake). The output depends only on the
# help and `--version` texts: the same binary gives the same bytes. The man page's date is
# $SOURCE_DATE_EPOCH's, and empty when that is unset.
#
# What the help says becomes:
#   an option's `TYPE:{a,b,c}` (CLI11's IsMember check)   the values completed after it
#   a description that starts with `a, b, c or d`          the same (e.g. --role)
#   a description with the word "file"                     file names completed after it
#   a positional named DIR                                 directory names
set -euo pipefail

usage() {
  echo "usage: $0 JETSAM man|bash|zsh OUTPUT" >&2
  exit 2
}
[ $# -eq 3 ] || usage
jetsam=$1 kind=$2 out=$3
case $kind in man | bash | zsh) ;; *) usage ;; esac

export LC_ALL=C

# help_of [COMMAND]: prints the help of jetsam or of one command; fails on a tab, which would
# break the model below.
help_of() {
  local text
  text=$("$jetsam" "$@" --help)
  if [[ $text == *$'\t'* ]]; then
    echo "$0: \`jetsam $* --help\` holds a tab" >&2
    exit 1
  fi
  printf '%s\n' "$text"
}

# parse NAME: reads one CLI11 help text on stdin and prints its model, one record a line, fields
# separated by tabs (NAME is "." for the top level):
#   D NAME line                      the description, before "Usage:"
#   U NAME usage                     what follows "Usage: "
#   C . command summary              a command, from the top level's "Subcommands:"
#   P NAME name type flags desc      a positional; flags: r required, m repeatable
#   O NAME group names type values constraint flags desc
#                                    an option: names comma-separated, type empty for a flag,
#                                    values space-separated, flags r/m, f (takes a file)
#   F NAME line                      the footer, verbatim
parse() {
  awk -v cmd="$1" '
    function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
    function out(a, b, c, d, e, f, g, h, i) {
      print a "\t" b "\t" c "\t" d "\t" e "\t" f "\t" g "\t" h "\t" i
    }
    # The words "a, b, c or d" that begin a description, space-separated, or "".
    function listed(desc,   s, words) {
      if (desc !~ /^[a-z][a-z0-9-]*(, [a-z][a-z0-9-]*)* or [a-z][a-z0-9-]*([ ;(,.]|$)/) return ""
      s = desc
      sub(/ or /, ", ", s)
      words = ""
      while (match(s, /^[a-z][a-z0-9-]*/)) {
        words = words (words == "" ? "" : " ") substr(s, 1, RLENGTH)
        s = substr(s, RLENGTH + 1)
        if (substr(s, 1, 2) != ", ") break
        s = substr(s, 3)
      }
      return words
    }
    function flush(   names, type, values, constraint, flags, rest, n, i) {
      if (entry == "") return
      if (section == "Subcommands") {
        out("C", cmd, entry, desc)
      } else if (section == "Positionals") {
        rest = entry; flags = ""
        if (sub(/ REQUIRED$/, "", rest)) flags = flags "r"
        if (sub(/ \.\.\.$/, "", rest)) flags = flags "m"
        n = split(rest, w, " ")
        type = w[n]
        sub(/ [^ ]+$/, "", rest)
        out("P", cmd, rest, type, flags, desc)
      } else {
        n = index(entry, " ")
        names = n ? substr(entry, 1, n - 1) : entry
        rest = n ? substr(entry, n + 1) : ""
        flags = ""; type = ""; values = ""; constraint = ""
        if (sub(/ REQUIRED$/, "", rest)) flags = flags "r"
        if (sub(/ \.\.\.$/, "", rest)) flags = flags "m"
        if (rest != "") {
          type = rest
          if ((n = index(rest, ":")) > 0) {
            type = substr(rest, 1, n - 1)
            constraint = substr(rest, n + 1)
            if (constraint ~ /^\{.*\}$/) {
              values = substr(constraint, 2, length(constraint) - 2)
              gsub(/,/, " ", values)
              constraint = ""
            } else if (index(constraint, type " ") == 1) {
              constraint = substr(constraint, length(type) + 2)
            }
          }
          if (values == "") values = listed(desc)
          if (desc ~ /(^|[^A-Za-z])[Ff]ile([^A-Za-z]|$)/) flags = flags "f"
        }
        out("O", cmd, section, names, type, values, constraint, flags, desc)
      }
      entry = ""; desc = ""
    }
    { line[++n] = $0 }
    END {
      state = "head"
      for (i = 1; i <= n; i++) {
        l = line[i]
        if (state == "head") {
          if (l ~ /^Usage: /) { out("U", cmd, substr(l, 8)); state = "body" }
          else if (l != "") out("D", cmd, l)
          continue
        }
        if (state == "body") {
          if (l == "") { flush(); continue }
          if (l ~ /^[^ ]/) {
            # A heading: "Options:", a group ("Limits:"), unless it is the footer s own
            # ("Examples:"), which no option follows.
            if (l ~ /:$/ && (l == "Positionals:" || l == "Subcommands:" || line[i + 1] ~ /^  -/)) {
              flush()
              section = substr(l, 1, length(l) - 1)
              continue
            }
            flush()
            state = "footer"
          } else if (l ~ /^      / && entry != "") {
            desc = desc (desc == "" ? "" : " ") trim(l)   # a description on its own line
            continue
          } else {
            flush()
            s = substr(l, 3)
            if (match(s, /  +/)) { entry = substr(s, 1, RSTART - 1); desc = substr(s, RSTART + RLENGTH) }
            else { entry = s; desc = "" }
            continue
          }
        }
        footer[++nf] = l
      }
      flush()
      while (nf > 0 && footer[nf] == "") nf--
      for (i = 1; i <= nf; i++) out("F", cmd, footer[i])
    }'
}

top=$(help_of)
version=$("$jetsam" --version)
model=$(parse . <<<"$top")
mapfile -t commands < <(awk -F'\t' '$1 == "C" { print $3 }' <<<"$model")
if [ ${#commands[@]} -eq 0 ]; then
  echo "$0: \`jetsam --help\` lists no command" >&2
  exit 1
fi
for c in "${commands[@]}"; do
  model+=$'\n'$(help_of "$c" | parse "$c")
done

# Names, values and commands go into shell code unquoted: they must be plain words.
bad=$(awk -F'\t' '
  $1 == "C" && $3 !~ /^[a-z][a-z0-9-]*$/ { print "command " $3 }
  $1 == "O" {
    n = split($4, names, ",")
    for (i = 1; i <= n; i++) if (names[i] !~ /^--?[A-Za-z0-9][A-Za-z0-9-]*$/) print "option " names[i]
    n = split($6, v, " ")
    for (i = 1; i <= n; i++) if (v[i] !~ /^[A-Za-z0-9][A-Za-z0-9._-]*$/) print "value " v[i]
  }
  $1 == "O" && $2 == "." && $5 != "" { print "a top-level option that takes a value: " $4 }' <<<"$model")
if [ -n "$bad" ]; then
  printf '%s: cannot generate from this help: %s\n' "$0" "$bad" >&2
  exit 1
fi

date=""
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
fi

emit_man() {
  awk -F'\t' -v version="$version" -v date="$date" '
    function esc(s) {
      gsub(/\\/, "\\e", s)
      gsub(/-/, "\\-", s)
      gsub(/\047/, "\\(aq", s)
      gsub(/`/, "\\(ga", s)
      if (s ~ /^[.]/) s = "\\&" s
      return s
    }
    # A usage line: the program and command in bold, the placeholders in italics.
    function usage(s,   out, w, n, i, t) {
      n = split(s, w, " ")
      out = ""
      for (i = 1; i <= n; i++) {
        t = esc(w[i])
        if (i <= 2 && w[i] ~ /^[a-z][a-z0-9-]*$/) t = "\\fB" t "\\fR"
        else gsub(/[A-Z][A-Z]+/, "\\fI&\\fR", t)
        out = out (i > 1 ? " " : "") t
      }
      return out
    }
    function option(c, i,   n, names, s, j, v, k) {
      n = split(oname[c, i], names, ",")
      s = ""
      for (j = 1; j <= n; j++) s = s (j > 1 ? ", " : "") "\\fB" esc(names[j]) "\\fR"
      if (otype[c, i] != "") {
        if (ovalues[c, i] != "") {
          k = split(ovalues[c, i], v, " ")
          s = s " "
          for (j = 1; j <= k; j++) s = s (j > 1 ? "|" : "") "\\fI" esc(v[j]) "\\fR"
        } else {
          s = s " \\fI" esc(otype[c, i]) "\\fR"
        }
        if (oconstr[c, i] != "") s = s " (" esc(oconstr[c, i]) ")"
        if (oflags[c, i] ~ /m/) s = s " ..."
      }
      print ".TP"
      print s
      print esc(odesc[c, i])
    }
    function options(c,   i, g) {
      g = ""
      for (i = 1; i <= nopt[c]; i++) {
        if (ogroup[c, i] != g) {
          g = ogroup[c, i]
          if (g != "Options") { print ".PP"; print "\\fB" esc(g) "\\fR" }
        }
        option(c, i)
      }
    }
    function footer(c,   i) {
      if (nfoot[c] == 0 || c != "." && foot[c] == foot["."]) return
      print ".PP"
      print ".nf"
      for (i = 1; i <= nfoot[c]; i++) print foot[c, i] == "" ? "" : esc(foot[c, i])
      print ".fi"
    }
    $1 == "D" { desc[$2, ++ndesc[$2]] = $3 }
    $1 == "U" { use[$2] = $3 }
    $1 == "C" { cmds[++ncmd] = $3; summary[$3] = $4 }
    $1 == "P" { i = ++npos[$2]; pname[$2, i] = $3; pdesc[$2, i] = $6 }
    $1 == "O" {
      i = ++nopt[$2]
      ogroup[$2, i] = $3; oname[$2, i] = $4; otype[$2, i] = $5; ovalues[$2, i] = $6
      oconstr[$2, i] = $7; oflags[$2, i] = $8; odesc[$2, i] = $9
    }
    $1 == "F" { foot[$2, ++nfoot[$2]] = $3; foot[$2] = foot[$2] "\n" $3 }
    END {
      split(version, v, " ")
      name = desc[".", 1]
      sub(/^jetsam: */, "", name)
      print ".\\\" Generated by packaging/gen-docs.sh from jetsam'"'"'s --help. Do not edit."
      print ".TH JETSAM 1 \"" date "\" \"" esc(v[1] " " v[2]) "\" \"User Commands\""
      print ".nh"
      print ".ad l"
      print ".SH NAME"
      print "jetsam \\- " esc(name)
      print ".SH SYNOPSIS"
      print ".nf"
      print usage(use["."])
      for (k = 1; k <= ncmd; k++) print usage(use[cmds[k]])
      print ".fi"
      print ".SH DESCRIPTION"
      for (i = 2; i <= ndesc["."]; i++) print esc(desc[".", i])
      print ".PP"
      print "The commands:"
      for (k = 1; k <= ncmd; k++) { print ".TP"; print "\\fB" esc(cmds[k]) "\\fR"; print esc(summary[cmds[k]]) }
      footer(".")
      print ".SH OPTIONS"
      options(".")
      print ".SH COMMANDS"
      for (k = 1; k <= ncmd; k++) {
        c = cmds[k]
        print ".SS \"" esc("jetsam " c) "\""
        print usage(use[c])
        for (i = 1; i <= ndesc[c]; i++) { print ".PP"; print esc(desc[c, i]) }
        for (i = 1; i <= npos[c]; i++) { print ".TP"; print "\\fI" esc(pname[c, i]) "\\fR"; print esc(pdesc[c, i]) }
        options(c)
        footer(c)
      }
      print ".SH VERSION"
      print esc(version)
    }' <<<"$model"
}

emit_bash() {
  awk -F'\t' '
    function words(c,   i, n, names, j, s) {
      s = ""
      for (i = 1; i <= nopt[c]; i++) {
        n = split(oname[c, i], names, ",")
        for (j = 1; j <= n; j++) s = s (s == "" ? "" : " ") names[j]
      }
      return s
    }
    function alts(c, i,   s) { s = oname[c, i]; gsub(/,/, "|", s); return s }
    $1 == "C" { cmds[++ncmd] = $3 }
    $1 == "P" && $3 == "DIR" { dir[$2] = 1 }
    $1 == "O" {
      i = ++nopt[$2]
      oname[$2, i] = $4; otype[$2, i] = $5; ovalues[$2, i] = $6; oflags[$2, i] = $8
    }
    END {
      print "# bash completion for jetsam                                 -*- shell-script -*-"
      print "# Generated by packaging/gen-docs.sh from jetsam'"'"'s --help. Do not edit."
      print ""
      print "_jetsam() {"
      print "  local cur=${COMP_WORDS[COMP_CWORD]} prev=\"\" cmd=\"\" i"
      print "  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}"
      print "  # --option=value: bash splits the word at the = (COMP_WORDBREAKS)."
      print "  if [[ $cur == = ]]; then"
      print "    cur=\"\""
      print "  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then"
      print "    prev=${COMP_WORDS[COMP_CWORD - 2]}"
      print "  fi"
      print "  # The command is the first word that is no option (no top-level option takes a value)."
      print "  for ((i = 1; i < COMP_CWORD; i++)); do"
      print "    case ${COMP_WORDS[i]} in"
      print "      -*) ;;"
      print "      *)"
      print "        cmd=${COMP_WORDS[i]}"
      print "        break"
      print "        ;;"
      print "    esac"
      print "  done"
      print "  local options=\"\" values=\"\" takes=\"\" positional=\"\""
      print "  case $cmd in"
      print "    \"\")"
      s = ""
      for (k = 1; k <= ncmd; k++) s = s (k > 1 ? " " : "") cmds[k]
      print "      values=\"" s "\""
      print "      options=\"" words(".") "\""
      print "      ;;"
      for (k = 1; k <= ncmd; k++) {
        c = cmds[k]
        print "    " c ")"
        print "      options=\"" words(c) "\""
        if (dir[c]) print "      positional=dir"
        print "      case $prev in"
        for (i = 1; i <= nopt[c]; i++) {
          if (otype[c, i] == "") continue
          if (ovalues[c, i] != "") print "        " alts(c, i) ") takes=\"" ovalues[c, i] "\" ;;"
          else if (oflags[c, i] ~ /f/) print "        " alts(c, i) ") takes=:file ;;"
          else print "        " alts(c, i) ") takes=:text ;;"
        }
        print "      esac"
        print "      ;;"
      }
      print "    *) return 0 ;;"
      print "  esac"
      print "  COMPREPLY=()"
      print "  case $takes in"
      print "    \"\") ;;"
      print "    :text) return 0 ;;"
      print "    :file)"
      print "      compopt -o filenames 2>/dev/null"
      print "      mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")"
      print "      return 0"
      print "      ;;"
      print "    *)"
      print "      mapfile -t COMPREPLY < <(compgen -W \"$takes\" -- \"$cur\")"
      print "      return 0"
      print "      ;;"
      print "  esac"
      print "  if [[ $cur == -* ]]; then"
      print "    mapfile -t COMPREPLY < <(compgen -W \"$options\" -- \"$cur\")"
      print "  elif [[ -z $cmd ]]; then"
      print "    mapfile -t COMPREPLY < <(compgen -W \"$values\" -- \"$cur\")"
      print "  elif [[ $positional == dir ]]; then"
      print "    compopt -o filenames 2>/dev/null"
      print "    mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")"
      print "  fi"
      print "  return 0"
      print "}"
      print "complete -F _jetsam jetsam"
    }' <<<"$model"
}

emit_zsh() {
  awk -F'\t' '
    # Text inside a single-quoted _arguments spec: quotes closed and reopened, brackets and
    # colons escaped for _arguments.
    function q(s) {
      gsub(/\\/, "\\\\\\\\", s)
      gsub(/\[/, "\\[", s)
      gsub(/\]/, "\\]", s)
      gsub(/:/, "\\:", s)
      gsub(/\047/, "\047\\\047\047", s)
      return s
    }
    function spec(c, i,   n, names, s, msg, action, rep) {
      n = split(oname[c, i], names, ",")
      rep = oflags[c, i] ~ /m/ ? "*" : ""
      if (otype[c, i] == "") {
        # A flag; --help ends the line.
        if (oname[c, i] ~ /--help/ || oname[c, i] == "--version") {
          if (n > 1) return "\047(- : *)\047{" oname[c, i] "}\047[" q(odesc[c, i]) "]\047"
          return "\047(- : *)" oname[c, i] "[" q(odesc[c, i]) "]\047"
        }
        if (n > 1) return "\047" rep "\047{" oname[c, i] "}\047[" q(odesc[c, i]) "]\047"
        return "\047" rep oname[c, i] "[" q(odesc[c, i]) "]\047"
      }
      msg = names[n]
      sub(/^-+/, "", msg)
      if (ovalues[c, i] != "") action = "(" ovalues[c, i] ")"
      else if (oflags[c, i] ~ /f/) action = "_files"
      else action = " "
      if (n > 1) return "\047" rep "\047{" oname[c, i] "}\047=[" q(odesc[c, i]) "]:" msg ":" action "\047"
      return "\047" rep oname[c, i] "=[" q(odesc[c, i]) "]:" msg ":" action "\047"
    }
    function positional(c, i,   msg) {
      msg = q(tolower(pname[c, i]))
      if (pflags[c, i] ~ /m/) return "\047*:" msg ": \047"
      return "\047" (pflags[c, i] ~ /r/ ? ":" : "::") msg ":" (pname[c, i] == "DIR" ? "_files -/" : " ") "\047"
    }
    $1 == "C" { cmds[++ncmd] = $3; summary[$3] = $4 }
    $1 == "P" { i = ++npos[$2]; pname[$2, i] = $3; pflags[$2, i] = $5 }
    $1 == "O" {
      i = ++nopt[$2]
      oname[$2, i] = $4; otype[$2, i] = $5; ovalues[$2, i] = $6; oflags[$2, i] = $8; odesc[$2, i] = $9
    }
    END {
      print "#compdef jetsam"
      print "# zsh completion for jetsam. Generated by packaging/gen-docs.sh from jetsam'"'"'s --help. Do not edit."
      print ""
      print "_jetsam() {"
      print "  local curcontext=$curcontext state state_descr line ret=1"
      print "  typeset -A opt_args"
      print "  _arguments -C \\"
      for (i = 1; i <= nopt["."]; i++) print "    " spec(".", i) " \\"
      print "    \047: :->command\047 \\"
      print "    \047*:: :->argument\047 && ret=0"
      print "  case $state in"
      print "    command)"
      print "      local -a commands=("
      for (k = 1; k <= ncmd; k++) {
        s = summary[cmds[k]]
        gsub(/\\/, "\\\\\\\\", s)  # _describe reads a backslash as an escape
        gsub(/\047/, "\047\\\047\047", s)
        print "        \047" cmds[k] ":" s "\047"
      }
      print "      )"
      print "      _describe -t commands \047jetsam command\047 commands && ret=0"
      print "      ;;"
      print "    argument)"
      print "      curcontext=${curcontext%:*:*}:jetsam-$words[1]:"
      print "      case $words[1] in"
      for (k = 1; k <= ncmd; k++) {
        c = cmds[k]
        print "        " c ")"
        print "          _arguments \\"
        for (i = 1; i <= nopt[c]; i++) print "            " spec(c, i) " \\"
        for (i = 1; i <= npos[c]; i++) print "            " positional(c, i) " \\"
        print "            && ret=0"
        print "          ;;"
      }
      print "      esac"
      print "      ;;"
      print "  esac"
      print "  return ret"
      print "}"
      print ""
      print "_jetsam \"$@\""
    }' <<<"$model"
}

tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
"emit_$kind" >"$tmp"
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
