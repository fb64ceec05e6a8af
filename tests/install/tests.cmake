# Packaging tests: installed layout, pkg-config, find_package, exports.
# A sanitizer build cannot be linked by an uninstrumented consumer, so these
# run in the normal build only.
# Every public function and enum constant carries a doc comment.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME documented_api
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_docs.py ${PROJECT_SOURCE_DIR}/include)
endif()

if(NOT GRP_SANITIZE)
  add_test(NAME install_consumers
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_install.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME exported_symbols
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_exports.sh $<TARGET_FILE:grp> ${PROJECT_SOURCE_DIR})
  set_tests_properties(install_consumers exported_symbols PROPERTIES TIMEOUT 300)
endif()
