# Round trip of the iCalendar export through libical (parse, expand,
# compare with libgrp's own session listing). libical is a test dependency
# only: the library never links it.
if(NOT TARGET PkgConfig::LIBICAL)
  pkg_check_modules(LIBICAL REQUIRED IMPORTED_TARGET libical)
endif()

add_executable(test_ical_libical ${CMAKE_CURRENT_LIST_DIR}/test_ical_libical.c)
set_target_properties(test_ical_libical PROPERTIES C_STANDARD 11)
target_compile_definitions(test_ical_libical PRIVATE _XOPEN_SOURCE=700)
target_link_libraries(test_ical_libical PRIVATE grp_test_support PkgConfig::LIBICAL)
add_test(NAME test_ical_libical COMMAND test_ical_libical)
set_tests_properties(test_ical_libical PROPERTIES
  ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=STDOUT" TIMEOUT 600)
