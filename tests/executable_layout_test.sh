#!/usr/bin/env bash
# The static jetsam as the build leaves it (CMakeLists.txt, host/vm/image.cc): it carries the
# prepared Ruby VM, its loadable segments are 2 MiB-aligned and its code ends on a 2 MiB boundary
# (so that the kernel can map its code and constants 2 MiB at a time), and writing the VM in again
# from the executable itself changes no byte: the copy moves nothing but the image's bytes, and
# the pages a sample evaluation writes, learned when it is written, are the same each time.
#   usage: executable_layout_test.sh JETSAM
set -euo pipefail
jetsam=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

grep -qa JSMVMIMG "$jetsam" || fail "$jetsam carries no prepared VM (the build's --write-vm-image step failed)"
readelf -lW "$jetsam" >"$work/segments"
loads=$(grep -c '^ *LOAD ' "$work/segments") || true
[[ $loads -ge 3 ]] || { cat "$work/segments"; fail "expected the code, constants and data segments"; }
# LOAD OFFSET VIRTADDR PHYSADDR FILESIZ MEMSIZ FLAGS... ALIGN (FLAGS may be "R E": two words)
while read -r offset vaddr align; do
  (( align == 0x200000 )) || fail "the LOAD segment at $vaddr is aligned to $align, not 2 MiB"
  (( (offset - vaddr) % 0x200000 == 0 )) || fail "the segment at $vaddr lies at file offset $offset: not 2 MiB-congruent"
done < <(awk '$1 == "LOAD" { print $2, $3, $NF }' "$work/segments")
read -r code code_size < <(awk '$1 == "LOAD" && / R E / { print $3, $6 }' "$work/segments")
[[ -n $code ]] && (( code % 0x200000 == 0 )) || { cat "$work/segments"; fail "the code segment does not start at a 2 MiB boundary"; }
# Its last 2 MiB too can then be mapped with one fault (cmake/text_to_2mib.ld).
(( (code + code_size) % 0x200000 == 0 )) || { cat "$work/segments"; fail "the code segment does not end at a 2 MiB boundary"; }

"$jetsam" --write-vm-image "$work/again"
cmp "$jetsam" "$work/again" || fail "writing the VM in again changed the executable"
[[ -x "$work/again" ]] || fail "the copy is not executable"
# The pages an evaluation writes (host/eval/image_writes.cc): some of the image's, not all.
written=$("$jetsam" --learn-vm-writes) || fail "--learn-vm-writes failed"
[[ $written =~ ^[0-9a-f]{128}$ ]] || fail "--learn-vm-writes printed '$written', not 64 bytes of hex"
pages=$(python3 -c "import sys; print(sum(bin(b).count('1') for b in bytes.fromhex(sys.argv[1])))" "$written")
(( pages > 0 && pages < 512 )) || fail "an evaluation writes $pages pages of the image"
echo "ok: the prepared VM is in place, the segments are 2 MiB-aligned, the code ends on 2 MiB, the copy is exact, an evaluation writes $pages of its pages"
