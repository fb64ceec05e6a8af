# Packaging tests: installed layout, pkg-config, find_package, exports.
# A sanitizer build cannot be linked by an uninstrumented consumer, so these
# run in the normal build only.
# Every public function (parameters and return value), type, struct member,
# enum value and macro is documented: doxygen over docs/Doxyfile, failing on
# any warning (the same run as the docs target, into a temporary directory).
if(GRP_DOXYGEN)
  add_test(NAME api_docs
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_apidoc.sh ${GRP_DOXYGEN} ${PROJECT_SOURCE_DIR})
  set_tests_properties(api_docs PROPERTIES TIMEOUT 300)
endif()

# Every JSON export validates against docs/libgrp.schema.json (and the
# schema refuses the bad documents it can see). Debian's python3 carries
# python3-jsonschema, installed by scripts/setup.
find_program(GRP_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(GRP_SYSTEM_PYTHON AND TARGET test_json)
  add_test(NAME json_schema
    COMMAND sh -c "GRP_JSON_EXPORT_OUT=\"$1\" \"$2\" >/dev/null && \"$3\" \"$4\" \"$5\" \"$1\" \"$6\""
            json_schema ${CMAKE_CURRENT_BINARY_DIR}/export.json $<TARGET_FILE:test_json> ${GRP_SYSTEM_PYTHON}
            ${PROJECT_SOURCE_DIR}/tests/data/json/validate_schema.py ${PROJECT_SOURCE_DIR}/docs/libgrp.schema.json
            ${PROJECT_SOURCE_DIR}/tests/data/json/good.json)
endif()

if(NOT GRP_SANITIZE)
  add_test(NAME install_consumers
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_install.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  add_test(NAME exported_symbols
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_exports.sh $<TARGET_FILE:grp> ${PROJECT_SOURCE_DIR})
  # The CPack source tarball holds exactly the tracked sources and builds.
  add_test(NAME source_tarball
    COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_source_tarball.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${PROJECT_VERSION})
  set_tests_properties(install_consumers exported_symbols source_tarball PROPERTIES TIMEOUT 300)
endif()
