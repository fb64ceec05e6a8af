# Every C example runs as a test (with a store file in the build tree where
# the example takes one), so the examples cannot rot.
if(GRP_BUILD_EXAMPLES)
  foreach(src IN LISTS GRP_EXAMPLES)
    get_filename_component(name ${src} NAME_WE)
    add_test(NAME example_${name}
      COMMAND ${CMAKE_COMMAND} -E env $<TARGET_FILE:example_${name}>)
    set_tests_properties(example_${name} PROPERTIES TIMEOUT 120)
  endforeach()
endif()
