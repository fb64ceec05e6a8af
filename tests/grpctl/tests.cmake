# grpctl driven through its command line (tests/grpctl/test_grpctl.py): a
# full scenario, exact output and exit codes, bad invocations, --help for
# every command, and the man page.
if(GRP_BUILD_TOOLS)
  if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(_grpctl_python /usr/bin/python3)
  else()
    find_package(Python3 3.8 QUIET COMPONENTS Interpreter)
    set(_grpctl_python ${Python3_EXECUTABLE})
  endif()
  if(_grpctl_python)
    add_test(NAME grpctl
      COMMAND ${_grpctl_python} ${CMAKE_CURRENT_LIST_DIR}/test_grpctl.py
              $<TARGET_FILE:grpctl> ${PROJECT_SOURCE_DIR}/tools/grpctl/grpctl.1)
    set_tests_properties(grpctl PROPERTIES TIMEOUT 600)
  endif()
endif()

# The installed layout a packaging helper relies on (package grp-tools):
# bin/grpctl and share/man/man1/grpctl.1 under the prefix, and the
# installed grpctl runs.
if(GRP_BUILD_TOOLS AND NOT GRP_SANITIZE)
  add_test(NAME grpctl_install
    COMMAND sh -c [=[
      set -e
      tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
      cmake --install "$1" --prefix "$tmp" >/dev/null
      test -x "$tmp/$2/grpctl" || { echo "grpctl not installed in $2"; exit 1; }
      test -f "$tmp/$3/man1/grpctl.1" || { echo "grpctl.1 not installed in $3/man1"; exit 1; }
      libdir=$(dirname "$(find "$tmp" -name 'libgrp.so' | head -n1)")
      LD_LIBRARY_PATH=$libdir "$tmp/$2/grpctl" --version
    ]=] grpctl_install ${PROJECT_BINARY_DIR} ${CMAKE_INSTALL_BINDIR} ${CMAKE_INSTALL_MANDIR})
  set_tests_properties(grpctl_install PROPERTIES TIMEOUT 300
    PASS_REGULAR_EXPRESSION "^grpctl [0-9]+\\.[0-9]+\\.[0-9]+ \\(libgrp ")
endif()
