# cmake -DDEMO=<examples/demo> -DDIR=<directory> -P run_demo.cmake
# Runs the demo twice in a fresh directory, as scripts/demo does on every
# run: both runs must succeed, print the same summary and write the same
# calendar (a rerun replaces the files, and the output is deterministic).
# The second run's output is kept in DIR/summary.txt.
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
foreach(run 1 2)
  execute_process(COMMAND "${DEMO}" "${DIR}"
    OUTPUT_VARIABLE out${run} ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "demo run ${run} failed (${rc}):\n${out${run}}\n${err}")
  endif()
  foreach(f demo.db demo.json demo.ics)
    if(NOT EXISTS "${DIR}/${f}")
      message(FATAL_ERROR "demo run ${run} wrote no ${f}")
    endif()
  endforeach()
  file(READ "${DIR}/demo.ics" ics${run})
endforeach()
if(NOT out1 STREQUAL out2)
  message(FATAL_ERROR "the demo printed different summaries on two runs")
endif()
if(NOT ics1 STREQUAL ics2)
  message(FATAL_ERROR "the demo wrote different calendars on two runs")
endif()
# The output, for the check of the excerpt quoted in README.md.
file(WRITE "${DIR}/summary.txt" "${out2}")
message("${out2}")
