# Source tarball: `cmake --build BUILD --target package_source` writes
# BUILD/libgrp-<version>.tar.gz, the tracked sources only (no build trees,
# no git metadata, no editor or Python caches). The version in the name is
# the project's, read from include/libgrp/version.h by the top CMakeLists.
set(CPACK_PACKAGE_NAME libgrp)
set(CPACK_PACKAGE_VENDOR "libgrp")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME "libgrp-${PROJECT_VERSION}")
# Regular expressions matched against full paths.
set(CPACK_SOURCE_IGNORE_FILES
  "/\\\\.git/"
  "/\\\\.git$"
  "/build[^/]*/"
  "/build[^/]*\\\\.log$"
  "/_build/"
  "/out/"
  "/__pycache__/"
  "\\\\.pyc$"
  "/\\\\.mypy_cache/"
  "/docs/api/"
  "/demo\\\\.(db|json|ics)"
  # what dpkg-buildpackage leaves in a tree it built in
  "/obj-[^/]*/"
  "/debian/(\\\\.debhelper|tmp|libgrp0|libgrp-dev|python3-libgrp|grp-tools)/"
  "/debian/(files|debhelper-build-stamp|[^/]*\\\\.substvars|[^/]*\\\\.debhelper(\\\\.log)?)$"
  "~$")
# Binary packages are Debian's business (debian/); CPack makes only the
# source tarball.
set(CPACK_GENERATOR TGZ)
include(CPack)
