# Every C example runs as a test, so the examples cannot rot.
if(GRP_BUILD_EXAMPLES)
  foreach(src IN LISTS GRP_EXAMPLES)
    get_filename_component(name ${src} NAME_WE)
    if(name STREQUAL "demo")
      continue()
    endif()
    add_test(NAME example_${name}
      COMMAND ${CMAKE_COMMAND} -E env $<TARGET_FILE:example_${name}>)
    set_tests_properties(example_${name} PROPERTIES TIMEOUT 120)
  endforeach()

  # The demo (README command 1) writes demo.db, demo.json and demo.ics: run
  # it twice in a directory of its own, then check the files. The Python
  # demo_summary.py reads the same demo.db (bindings/python/CMakeLists.txt),
  # hence the fixture and the fixed directory.
  set(GRP_DEMO_DIR ${PROJECT_BINARY_DIR}/demo-run)
  add_test(NAME example_demo
    COMMAND ${CMAKE_COMMAND} -DDEMO=$<TARGET_FILE:example_demo> -DDIR=${GRP_DEMO_DIR}
            -P ${CMAKE_CURRENT_LIST_DIR}/run_demo.cmake)
  set_tests_properties(example_demo PROPERTIES TIMEOUT 120 FIXTURES_SETUP grp_demo_files)

  add_executable(demo_check ${CMAKE_CURRENT_LIST_DIR}/demo_check.c)
  set_target_properties(demo_check PROPERTIES C_STANDARD 99)
  target_link_libraries(demo_check PRIVATE grp::grp grp_build_flags)
  add_test(NAME example_demo_check COMMAND demo_check ${GRP_DEMO_DIR})
  set_tests_properties(example_demo_check PROPERTIES TIMEOUT 120 FIXTURES_REQUIRED grp_demo_files)

  # demo.json also validates against the published schema (python3-jsonschema,
  # as the json_schema test in tests/install).
  find_program(GRP_SYSTEM_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
  if(GRP_SYSTEM_PYTHON)
    add_test(NAME example_demo_schema
      COMMAND ${GRP_SYSTEM_PYTHON} ${PROJECT_SOURCE_DIR}/tests/data/json/validate_schema.py
              ${PROJECT_SOURCE_DIR}/docs/libgrp.schema.json ${GRP_DEMO_DIR}/demo.json)
    set_tests_properties(example_demo_schema PROPERTIES TIMEOUT 120 FIXTURES_REQUIRED grp_demo_files)
    # The excerpt of the demo's output in README.md is what it prints.
    add_test(NAME example_demo_readme
      COMMAND ${GRP_SYSTEM_PYTHON} -B ${CMAKE_CURRENT_LIST_DIR}/check_readme_excerpt.py
              ${PROJECT_SOURCE_DIR}/README.md ${GRP_DEMO_DIR}/summary.txt)
    set_tests_properties(example_demo_readme PROPERTIES TIMEOUT 60 FIXTURES_REQUIRED grp_demo_files)
  endif()
endif()
