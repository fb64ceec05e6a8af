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
