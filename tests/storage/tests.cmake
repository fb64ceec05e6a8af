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
