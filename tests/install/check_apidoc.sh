#!/bin/sh
# The API reference builds without a single doxygen warning: every public
# function (each parameter and its return value), type, struct member, enum
# value and macro of include/ is documented (docs/Doxyfile sets
# WARN_IF_UNDOCUMENTED, WARN_NO_PARAMDOC and FAIL_ON_WARNINGS). Doxygen
# says nothing about the members of a header that has no @file block, so
# that is checked here first.
# Usage: check_apidoc.sh DOXYGEN SOURCE_DIR
set -eu
doxygen=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$src"
status=0
for h in include/libgrp.h include/libgrp/*.h; do
  if ! grep -q '@file' "$h"; then
    echo "$h: no @file comment: doxygen would skip every declaration in it"
    status=1
  fi
done
# The same configuration, into a temporary directory, warnings to a file.
if ! { cat docs/Doxyfile; echo "OUTPUT_DIRECTORY = $out"; echo "WARN_LOGFILE = $out/warnings.log"; } |
  "$doxygen" - >"$out/doxygen.log" 2>&1; then
  status=1
fi
if [ -s "$out/warnings.log" ]; then
  cat "$out/warnings.log"
  echo "api_docs: $(grep -cE ': (warning|error):' "$out/warnings.log") doxygen warnings"
  status=1
elif [ $status -ne 0 ]; then
  cat "$out/doxygen.log"
fi
if [ $status -eq 0 ]; then
  set -- include/libgrp.h include/libgrp/*.h
  echo "api_docs: $# headers, $(cat "$@" | grep -c '^GRP_API ') public functions, no warnings"
fi
exit $status
