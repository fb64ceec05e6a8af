#!/usr/bin/env bash
# An application built against the previous ABI runs against the new
# library: compile tests/abi/old_app.c against the public headers of the
# commit named in tests/abi/BASELINE (read from git history), link it to the
# freshly built libgrp.so, check that every libgrp symbol it binds carries
# the version node the baseline gives it, and run it.
# Usage: old_app.sh SOURCE_DIR WORK_DIR LIBGRP_SO BASELINE_XML C_COMPILER
set -euo pipefail
src=$1
work=$2
lib=$3
baseline=$4
cc=$5
fail() { echo "FAIL: $*"; exit 1; }

commit=$(grep -v '^#' "$src/tests/abi/BASELINE" | awk 'NF {print $1; exit}')
[[ "$commit" =~ ^[0-9a-f]{40}$ ]] || fail "tests/abi/BASELINE names no commit"
command -v git >/dev/null 2>&1 || fail "git is needed to read the baseline's headers (commit $commit)"
git -C "$src" rev-parse --git-dir >/dev/null 2>&1 ||
  fail "$src is not a git checkout: the headers of baseline commit $commit cannot be read"
if ! git -C "$src" cat-file -e "$commit^{commit}" 2>/dev/null &&
   [ "$(git -C "$src" rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
  # A shallow clone lacks history: fetch it from the clone's origin once.
  echo "shallow clone: fetching history for baseline commit $commit"
  git -C "$src" fetch --quiet --unshallow >/dev/null 2>&1 || true
fi
git -C "$src" cat-file -e "$commit^{commit}" 2>/dev/null ||
  fail "baseline commit $commit is not in this clone (shallow? git fetch --unshallow)"

rm -rf "$work"
mkdir -p "$work"
git -C "$src" archive "$commit" include | tar -x -C "$work"
[ -f "$work/include/libgrp.h" ] || fail "commit $commit has no include/libgrp.h"
echo "headers of $(git -C "$src" log -1 --format='%h (%s)' "$commit")"
"$cc" -std=c99 -Wall -Wextra -I"$work/include" "$src/tests/abi/old_app.c" "$lib" -o "$work/old_app"

# Each grp_ symbol the program needs must be bound to the node the baseline
# records for it (a function moved to another node breaks old programs).
objdump -T "$work/old_app" | awk '$NF ~ /^grp_/ && /\*UND\*/ {v = $(NF-1); gsub(/[()]/, "", v); print $NF, v}' | sort >"$work/bound"
[ -s "$work/bound" ] || fail "old_app binds no grp_ symbol"
sed -n "s/.*<elf-symbol name='\(grp_[a-z0-9_]*\)' version='\([^']*\)'.*/\1 \2/p" "$baseline" | sort >"$work/base"
bad=$(join -a1 "$work/bound" "$work/base" | awk '$2 != $3 {print "  " $1 ": bound to " $2 ", baseline " ($3 == "" ? "(absent)" : $3)}')
[ -z "$bad" ] || { echo "$bad"; fail "symbol versions differ from the baseline"; }
echo "$(wc -l <"$work/bound") libgrp symbols bound, each to its baseline version node"

LD_LIBRARY_PATH=$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$work/old_app"
