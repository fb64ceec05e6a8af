#!/usr/bin/env bash
# Install the build tree into a temporary prefix and build two programs
# against it, as outside users would: one with pkg-config, one with
# find_package(grp). Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(find "$prefix" -name 'libgrp.so' -printf '%h\n' | head -n1)
test -n "$libdir" || { echo "libgrp.so not installed"; exit 1; }
test -f "$prefix/include/libgrp.h" || { echo "libgrp.h not installed"; exit 1; }
test -f "$libdir/pkgconfig/grp.pc" || { echo "grp.pc not installed"; exit 1; }
test -f "$libdir/cmake/grp/grpConfig.cmake" || { echo "grpConfig.cmake not installed"; exit 1; }

# pkg-config: the prefix written into grp.pc at configure time is the
# build's, so point pkg-config at the relocated file through its variables.
export PKG_CONFIG_PATH=$libdir/pkgconfig
cflags=$(pkg-config --define-variable=prefix="$prefix" --define-variable=includedir="$prefix/include" \
         --define-variable=libdir="$libdir" --cflags grp)
libs=$(pkg-config --define-variable=prefix="$prefix" --define-variable=includedir="$prefix/include" \
       --define-variable=libdir="$libdir" --libs grp)
cc -std=c99 -Wall -Wextra -Werror $cflags "$src/tests/install/consumer/consumer.c" $libs -o "$tmp/consumer_pc"
LD_LIBRARY_PATH=$libdir "$tmp/consumer_pc"

# The static library links too (its private requirements come from grp.pc).
slibs=$(pkg-config --define-variable=libdir="$libdir" --static --libs grp)
cc -std=c99 -DGRP_STATIC $cflags "$src/tests/install/consumer/consumer.c" "$libdir/libgrp.a" \
   $(pkg-config --libs sqlite3 libcjson) -lpthread -o "$tmp/consumer_static"
"$tmp/consumer_static"
: "$slibs"

# find_package(grp) gives grp::grp
cmake -S "$src/tests/install/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$tmp/cm" >/dev/null
LD_LIBRARY_PATH=$libdir "$tmp/cm/consumer"

# SONAME carries the major version only (README, "Versions and ABI")
soname=$(objdump -p "$libdir/libgrp.so" | awk '/SONAME/ {print $2}')
case "$soname" in
  libgrp.so.0) echo "soname $soname" ;;
  *) echo "unexpected SONAME '$soname'"; exit 1 ;;
esac
echo "install check passed"
