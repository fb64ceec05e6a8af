# Reliability: crash safety (SIGKILL loop) and concurrency (processes and
# threads writing one store file). docs/reliability.md describes each test,
# the long runs and the ThreadSanitizer build.
find_package(Threads REQUIRED)

add_library(grp_reliability_support STATIC
  ${CMAKE_CURRENT_LIST_DIR}/rel_support.c
  ${CMAKE_CURRENT_LIST_DIR}/conc_workload.c)
set_target_properties(grp_reliability_support PROPERTIES C_STANDARD 11)
target_compile_definitions(grp_reliability_support PRIVATE _XOPEN_SOURCE=700)
target_include_directories(grp_reliability_support PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(grp_reliability_support PUBLIC grp_test_support PkgConfig::SQLITE3 Threads::Threads)

foreach(name test_crash test_concurrency_procs test_concurrency_threads)
  add_executable(${name} ${CMAKE_CURRENT_LIST_DIR}/${name}.c)
  set_target_properties(${name} PROPERTIES C_STANDARD 11)
  target_compile_definitions(${name} PRIVATE _XOPEN_SOURCE=700)
  target_link_libraries(${name} PRIVATE grp_reliability_support)
endforeach()

# The environment of ctest is passed through, so the long runs are e.g.
#   GRP_CRASH_ITERATIONS=100 ctest -R test_crash
# Normal sizes: 25 kills; 4 workers x 30 iterations.
set(_grp_rel_env "CMOCKA_MESSAGE_OUTPUT=STDOUT")
add_test(NAME test_crash COMMAND test_crash)
add_test(NAME test_concurrency_procs COMMAND test_concurrency_procs test_processes)

# The thread test doubles as the ThreadSanitizer test. The top-level project
# has no TSan option: configure with
#   -DCMAKE_C_FLAGS=-fsanitize=thread -DGRP_TSAN=ON
# so that libgrp itself is instrumented; the test is then registered as
# test_concurrency_threads_tsan and fails on the first report.
if(GRP_TSAN)
  if(NOT CMAKE_C_FLAGS MATCHES "-fsanitize=thread")
    message(FATAL_ERROR "GRP_TSAN=ON needs -DCMAKE_C_FLAGS=-fsanitize=thread (libgrp must be instrumented too)")
  endif()
  add_test(NAME test_concurrency_threads_tsan COMMAND test_concurrency_threads test_threads)
  set_tests_properties(test_concurrency_threads_tsan PROPERTIES
    ENVIRONMENT "${_grp_rel_env};TSAN_OPTIONS=halt_on_error=1 exitcode=66 second_deadlock_stack=1"
    TIMEOUT 900 LABELS "reliability;tsan")
else()
  add_test(NAME test_concurrency_threads COMMAND test_concurrency_threads test_threads)
endif()

# Regression tests for three bugs these tests found in grp_store_open():
#  - first open of a new store by several processes / threads at once
#    gave GRP_EBUSY from "PRAGMA journal_mode = WAL", or GRP_ENOTSTORE from
#    identify() reading the header in three snapshots;
#  - with 8 writers one starved in SQLite's default busy handler (100 ms
#    sleeps) and got GRP_EBUSY after the 5 s timeout.
add_test(NAME test_concurrency_first_open_procs COMMAND test_concurrency_procs test_first_open_race)
add_test(NAME test_concurrency_first_open_threads COMMAND test_concurrency_threads test_first_open_race)
add_test(NAME test_concurrency_stress_procs COMMAND test_concurrency_procs test_processes)
add_test(NAME test_concurrency_stress_threads COMMAND test_concurrency_threads test_threads)
set(_grp_rel_regressions test_concurrency_first_open_procs test_concurrency_first_open_threads
    test_concurrency_stress_procs test_concurrency_stress_threads)

set(_grp_rel_tests test_crash test_concurrency_procs ${_grp_rel_regressions})
if(NOT GRP_TSAN)
  list(APPEND _grp_rel_tests test_concurrency_threads)
endif()
set_tests_properties(${_grp_rel_tests} PROPERTIES
  ENVIRONMENT "${_grp_rel_env}" TIMEOUT 900 LABELS reliability)
set_tests_properties(test_concurrency_stress_procs test_concurrency_stress_threads PROPERTIES
  ENVIRONMENT "${_grp_rel_env};GRP_CONCURRENCY_WORKERS=8;GRP_CONCURRENCY_ITERATIONS=200")

