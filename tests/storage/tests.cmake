# Storage faults: a fault-injecting SQLite VFS fails the Nth write, sync or
# truncate (I/O error or disk full) in a loop over scenarios; and the store
# under a read-only open, on a full file system and locked by another
# process. docs/reliability.md ("Storage faults") describes them.
add_library(grp_storage_support STATIC
  ${CMAKE_CURRENT_LIST_DIR}/faultvfs.c
  ${CMAKE_CURRENT_LIST_DIR}/storage_support.c)
set_target_properties(grp_storage_support PROPERTIES C_STANDARD 11)
target_compile_definitions(grp_storage_support PRIVATE _XOPEN_SOURCE=700)
target_include_directories(grp_storage_support PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(grp_storage_support PUBLIC grp_test_support PkgConfig::SQLITE3)

foreach(name test_storage_faults)
  add_executable(${name} ${CMAKE_CURRENT_LIST_DIR}/${name}.c)
  set_target_properties(${name} PROPERTIES C_STANDARD 11)
  target_compile_definitions(${name} PRIVATE _XOPEN_SOURCE=700)
  target_link_libraries(${name} PRIVATE grp_storage_support)
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=STDOUT" TIMEOUT 900
    LABELS "reliability;storage")
endforeach()

# Read-only store, full file system, locked store. The full-file-system
# test mounts a 512 KiB tmpfs in a private mount namespace (root or
# CAP_SYS_ADMIN); where that is not permitted it reports SKIPPED, and only
# then.
add_executable(test_storage_env ${CMAKE_CURRENT_LIST_DIR}/test_storage_env.c)
set_target_properties(test_storage_env PROPERTIES C_STANDARD 11)
target_link_libraries(test_storage_env PRIVATE grp_storage_support)
add_test(NAME test_storage_env COMMAND test_storage_env)
add_test(NAME test_storage_full_fs COMMAND test_storage_env full_fs)
set_tests_properties(test_storage_env test_storage_full_fs PROPERTIES
  ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=STDOUT" TIMEOUT 300 LABELS "reliability;storage")
set_tests_properties(test_storage_full_fs PROPERTIES SKIP_RETURN_CODE 77)
