# libFuzzer harnesses, replayed without libFuzzer: each harness is linked
# with tests/fuzz/replay.c by the normal compiler and runs over its seed
# corpus (tests/fuzz/corpus/<harness>/, which also keeps every input that
# once found a bug). scripts/fuzz builds the same harnesses with clang
# -fsanitize=fuzzer and fuzzes them; see tests/fuzz/README.md.
#
# The harnesses link the static library so that they can reach the internal
# (grp__) entry points of the pure modules, as the unit tests do.
# Every tests/fuzz/fuzz_<name>.c is a harness; its corpus directory must
# exist and hold at least one input (the replay fails otherwise).
file(GLOB GRP_FUZZ_HARNESSES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/fuzz_*.c)
foreach(src IN LISTS GRP_FUZZ_HARNESSES)
  get_filename_component(h ${src} NAME_WE)
  add_executable(${h}_replay ${src} ${CMAKE_CURRENT_LIST_DIR}/replay.c)
  set_target_properties(${h}_replay PROPERTIES C_STANDARD 11)
  target_compile_definitions(${h}_replay PRIVATE _XOPEN_SOURCE=700)
  target_include_directories(${h}_replay PRIVATE
    ${PROJECT_SOURCE_DIR}/libgrp ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(${h}_replay PRIVATE grp_static grp_build_flags)
  add_test(NAME ${h} COMMAND ${h}_replay ${CMAKE_CURRENT_LIST_DIR}/corpus/${h})
  set_tests_properties(${h} PROPERTIES TIMEOUT 600 LABELS fuzz)
endforeach()
