# Differential tests against libical (the reference implementation of
# RFC 5545 recurrence). libical is a test and bench dependency only: the
# library itself never links it.
pkg_check_modules(LIBICAL REQUIRED IMPORTED_TARGET libical)

add_executable(test_rrule_libical ${CMAKE_CURRENT_LIST_DIR}/test_rrule_libical.c)
set_target_properties(test_rrule_libical PROPERTIES C_STANDARD 11)
target_compile_definitions(test_rrule_libical PRIVATE _XOPEN_SOURCE=700)
target_link_libraries(test_rrule_libical PRIVATE grp_test_support PkgConfig::LIBICAL)
add_test(NAME test_rrule_libical COMMAND test_rrule_libical)
set_tests_properties(test_rrule_libical PROPERTIES
  ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=STDOUT" TIMEOUT 600)
