#!/bin/sh
# The CPack source tarball: named libgrp-<version>.tar.gz after
# include/libgrp/version.h, and holding exactly the tracked sources (every
# file git tracks, no build output, no git metadata).
#   check_source_tarball.sh BUILD_DIR SOURCE_DIR VERSION
set -eu
build=$1
src=$2
version=$3
name="libgrp-$version"
tarball="$build/$name.tar.gz"
rm -f "$tarball"
cmake --build "$build" --target package_source >"$build/package_source.log" 2>&1 || {
  cat "$build/package_source.log" >&2
  exit 1
}
[ -f "$tarball" ] || { echo "FAIL: no $tarball" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar tzf "$tarball" | grep -v '/$' | sort >"$tmp/tar"
if grep -v "^$name/" "$tmp/tar" >"$tmp/outside"; then
  echo "FAIL: entries outside $name/:" >&2
  head "$tmp/outside" >&2
  exit 1
fi
if grep -E '(^|/)(\.git|build[^/]*|__pycache__)/|\.(o|a|so|pyc)$|CMakeCache\.txt' "$tmp/tar" >"$tmp/junk"; then
  echo "FAIL: build output or git metadata in the tarball:" >&2
  head "$tmp/junk" >&2
  exit 1
fi
for f in CMakeLists.txt README.md grp.pc.in include/libgrp.h include/libgrp/version.h cmake/libgrp.map; do
  grep -qx "$name/$f" "$tmp/tar" || { echo "FAIL: $f missing from the tarball" >&2; exit 1; }
done
# In a git checkout: exactly the tracked files (a file that is on disk but
# untracked is not a source).
if command -v git >/dev/null 2>&1 && git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
   && [ -z "$(git -C "$src" status --porcelain --untracked-files=normal 2>/dev/null | grep -v '^ *M ' | head -1)" ]; then
  git -C "$src" ls-files | sed "s|^|$name/|" | sort >"$tmp/git"
  if ! diff "$tmp/git" "$tmp/tar" >"$tmp/diff"; then
    echo "FAIL: tarball differs from the tracked files (< tracked only, > tarball only):" >&2
    head -20 "$tmp/diff" >&2
    exit 1
  fi
fi
# It builds on its own.
tar xzf "$tarball" -C "$tmp"
cmake -S "$tmp/$name" -B "$tmp/b" -DGRP_BUILD_TESTS=OFF -DGRP_BUILD_EXAMPLES=OFF -DGRP_BUILD_PYTHON=OFF \
  >"$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log" >&2; exit 1; }
cmake --build "$tmp/b" -j2 >"$tmp/build.log" 2>&1 || { tail -30 "$tmp/build.log" >&2; exit 1; }
[ -f "$tmp/b/libgrp.so.$version" ] || { echo "FAIL: the tarball's build made no libgrp.so.$version" >&2; ls "$tmp/b" >&2; exit 1; }
echo "ok: $tarball, $(wc -l <"$tmp/tar") files, builds on its own"
