#!/usr/bin/env bash
# Only grp_* symbols may be exported from libgrp.so, and every public header
# must compile on its own as C99 with pedantic warnings as errors.
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
if nm -D --defined-only "$lib" | grep -q 'grp__'; then echo "internal grp__ symbol exported"; exit 1; fi
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
