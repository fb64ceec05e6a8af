# ABI stability (README, "Versions and ABI"): the built libgrp.so against
# the stored libabigail baseline, and a program built against the
# baseline's headers run against the new library. An instrumented
# (ASan/UBSan) library cannot be loaded by an uninstrumented program, so
# neither runs in a sanitizer build.
if(NOT GRP_SANITIZE)
  set(GRP_ABI_BASELINE ${CMAKE_CURRENT_LIST_DIR}/libgrp.so.${PROJECT_VERSION_MAJOR}.abi)
  # abidiff reads the library's DWARF: only builds with debug information
  # (RelWithDebInfo, the default, and Debug) can be compared.
  string(TOUPPER "${CMAKE_BUILD_TYPE}" _grp_bt)
  if(_grp_bt MATCHES "^(DEBUG|RELWITHDEBINFO)$" OR "${CMAKE_C_FLAGS} ${CMAKE_C_FLAGS_${_grp_bt}}" MATCHES "(^| )-g")
    add_test(NAME abi_compatible
      COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_abi.sh ${GRP_ABI_BASELINE} $<TARGET_FILE:grp>
              ${PROJECT_SOURCE_DIR}/include)
  else()
    message(STATUS "libgrp: abi_compatible skipped: a ${CMAKE_BUILD_TYPE} build has no debug information")
  endif()
  add_test(NAME abi_old_app
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/old_app.sh ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/abi_old_app
            $<TARGET_FILE:grp> ${GRP_ABI_BASELINE} ${CMAKE_C_COMPILER})
  set_tests_properties(abi_old_app PROPERTIES TIMEOUT 120)
endif()
