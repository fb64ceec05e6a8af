# The allocation-failure loop (docs/reliability.md, "Allocation failure").
# fault.c, the shared failure injection, is part of grp_test_support (the
# unit tests use it too); the test links the static library to reach the
# store's SQLite handle for its dumps.
add_executable(test_fault_alloc ${CMAKE_CURRENT_LIST_DIR}/test_fault_alloc.c)
set_target_properties(test_fault_alloc PROPERTIES C_STANDARD 11)
target_compile_definitions(test_fault_alloc PRIVATE _XOPEN_SOURCE=700)
target_link_libraries(test_fault_alloc PRIVATE grp_test_support)
# GRP_FAULT_FULL=1 in the environment fails every allocation of every call.
add_test(NAME test_fault_alloc COMMAND test_fault_alloc)
set_tests_properties(test_fault_alloc PROPERTIES ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=STDOUT" TIMEOUT 1200
  LABELS reliability)

# Every GRP_API function of the public headers is called by the loop.
add_test(NAME test_fault_coverage COMMAND ${CMAKE_COMMAND}
  -DHEADERS=${PROJECT_SOURCE_DIR}/include/libgrp -DSOURCES=${CMAKE_CURRENT_LIST_DIR}
  -P ${CMAKE_CURRENT_LIST_DIR}/coverage.cmake)
