#!/usr/bin/env bash
# The ABI of a freshly built libgrp.so against the stored baseline
# (tests/abi/libgrp.so.0.abi, written by scripts/abi-baseline): passes when
# nothing changed or when the only changes are added functions; fails on a
# removed function, a changed signature, a changed public struct layout or
# enum value, a changed symbol version, or when abidiff cannot compare.
# Usage: check_abi.sh BASELINE_XML LIBGRP_SO INCLUDE_DIR
set -uo pipefail
baseline=$1
lib=$2
inc=$3
if ! command -v abidiff >/dev/null 2>&1; then
  echo "FAIL: abidiff not found (Debian: apt install abigail-tools; scripts/setup installs it)"
  exit 1
fi
[ -f "$baseline" ] || { echo "FAIL: no baseline $baseline (scripts/abi-baseline writes it)"; exit 1; }
# Without DWARF abidiff silently compares symbol names only (its
# --fail-no-debug-info does not catch that for an XML baseline), so demand it.
readelf -S "$lib" | grep '\.debug_info' >/dev/null ||
  { echo "FAIL: $lib has no debug information (build with -g: RelWithDebInfo or Debug)"; exit 1; }
# Only the public headers' types count.
args=(--headers-dir2 "$inc" --drop-private-types)

# Types the public headers leave opaque (typedef struct grp_x grp_x; with no
# body in include/) must stay opaque to the check: their layout is private.
# libabigail tells public from private by a header's file name, so a private
# header named like a public one (libgrp/store/store.h beside
# include/libgrp/store.h) would put a private struct into the ABI and every
# internal change would read as a break. Fail clearly if that happens.
opaque=$(grep -ho 'typedef struct grp_[a-z0-9_]* grp_[a-z0-9_]*;' "$inc"/libgrp.h "$inc"/libgrp/*.h |
         awk '{print $3}' | sort -u)
leaks() { # FILE: the opaque types FILE (ABIXML) holds with a layout
  for t in $opaque; do
    if grep -q "<class-decl name='$t' size-in-bits=" "$1" && ! grep -q "struct $t {" "$inc"/libgrp/*.h; then
      echo "$t"
    fi
  done
}
current=$(mktemp)
trap 'rm -f "$current"' EXIT
abidw --no-corpus-path --no-comp-dir-path --short-locs --type-id-style hash --headers-dir "$inc" \
      --drop-private-types --exported-interfaces-only --out-file "$current" "$lib" ||
  { echo "FAIL: abidw could not read $lib"; exit 1; }
for f in "$baseline" "$current"; do
  bad=$(leaks "$f")
  if [ -n "$bad" ]; then
    echo "FAIL: $f describes the layout of opaque public types: $(echo $bad)."
    echo "Their private definitions sit in a header whose file name is also a public header's;"
    echo "rename the private header (e.g. foo_impl.h), then rerun scripts/abi-baseline."
    exit 1
  fi
done

# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI
# change, 8 incompatible change. Added functions alone set bit 4, so the
# verdict comes from a second run that leaves added symbols out: any
# change it still sees is not an addition.
full=$(abidiff "${args[@]}" "$baseline" "$lib" 2>&1); rc=$?
if (( rc & 3 )); then
  echo "FAIL: abidiff could not compare (status $rc):"; echo "$full"; exit 1
fi
strict=$(abidiff "${args[@]}" --no-added-syms "$baseline" "$lib" 2>&1); src=$?
if (( src & 3 )); then
  echo "FAIL: abidiff could not compare (status $src):"; echo "$strict"; exit 1
fi
if (( src & 12 )); then
  echo "$strict"
  echo "FAIL: the ABI changed in a way that is not an addition (abidiff status $src)."
  echo "A breaking change needs a new SONAME (README, \"Versions and ABI\"); a deliberate"
  echo "compatible change is reviewed and recorded with scripts/abi-baseline."
  exit 1
fi
if (( rc & 4 )); then
  echo "$full" | grep -E '^(Functions|Variables|Function symbols|Variable symbols) changes summary' || true
  echo "$full" | grep -E "^  \[A\] 'function" || true
  echo "PASS: only additions to the baseline ABI (record them with scripts/abi-baseline)"
else
  echo "PASS: the ABI is the baseline's"
fi
exit 0
