#!/usr/bin/env bash
# Only grp_* symbols may be exported from libgrp.so, each with a LIBGRP_*
# version node of cmake/libgrp.map; every function a public header declares
# (GRP_API) is exported; and every public header must compile on its own as
# C99 with pedantic warnings as errors.
# Usage: check_exports.sh LIBGRP_SO SOURCE_DIR
set -euo pipefail
lib=$1
src=$2
bad=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^grp_' | grep -v '^LIBGRP_' || true)
if [ -n "$bad" ]; then
  echo "non-grp_ symbols exported:"; echo "$bad"; exit 1
fi
count=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -c '^grp_')
echo "$count grp_ symbols exported, nothing else"
# internal helpers must not leak out
if nm -D --defined-only "$lib" | grep 'grp__'; then echo "internal grp__ symbol exported"; exit 1; fi
# Every export carries a version node (nm -D prints name@@NODE).
unversioned=$(nm -D --defined-only "$lib" | awk '$3 ~ /^grp_/ && $3 !~ /@@?LIBGRP_[0-9]+\.[0-9]+$/ {print $3}')
if [ -n "$unversioned" ]; then
  echo "exported without a LIBGRP_ version node:"; echo "$unversioned"; exit 1
fi
nm -D --defined-only "$lib" | awk '$3 ~ /^grp_/ {sub(/^[^@]*@@?/, "", $3); n[$3]++}
  END {for (v in n) printf "  %s: %d\n", v, n[v]}' | sort
# The headers' GRP_API functions and the exports are the same set.
exported=$(nm -D --defined-only "$lib" | awk '$3 ~ /^grp_/ {sub(/@.*/, "", $3); print $3}' | sort -u)
declared=$(cat "$src"/include/libgrp.h "$src"/include/libgrp/*.h | grep 'GRP_API' |
           grep -o 'grp_[a-z0-9_]*[[:space:]]*(' | tr -d ' (' | sort -u)
if [ "$exported" != "$declared" ]; then
  echo "declared in include/ (<) and exported (>) differ:"
  diff <(echo "$declared") <(echo "$exported") | grep '^[<>]'
  exit 1
fi
echo "every GRP_API function of include/ is exported"
for h in "$src"/include/libgrp.h "$src"/include/libgrp/*.h; do
  rel=${h#"$src"/include/}
  printf '#include <%s>\nint main(void) { return 0; }\n' "$rel" |
    cc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$src/include" -x c - ||
    { echo "header $rel does not compile alone"; exit 1; }
  printf '#include <%s>\nint main(void) { return 0; }\n' "$rel" |
    c++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -I"$src/include" -x c++ - ||
    { echo "header $rel does not compile as C++"; exit 1; }
done
echo "all public headers compile alone (C99 and C++11)"
