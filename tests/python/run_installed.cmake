# CTest py_installed: install the whole project into a temporary prefix and
# run the Python tests against that copy, with nothing but PYTHONPATH set
# (no LD_LIBRARY_PATH: the extension must find libgrp.so through its RPATH).
#
#   cmake -DBUILD_DIR=... -DPREFIX=... -DPY_INSTALL_DIR=<relative site dir>
#         -DPYTHON=... -DTEST_DIR=... -DSOURCE_DIR=... -P run_installed.cmake
foreach(var BUILD_DIR PREFIX PY_INSTALL_DIR PYTHON TEST_DIR SOURCE_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_installed.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}")
endif()

set(site "${PREFIX}/${PY_INSTALL_DIR}")
file(GLOB ext "${site}/libgrp/_libgrp*.so")
foreach(f __init__.py py.typed _libgrp.pyi)
  if(NOT EXISTS "${site}/libgrp/${f}")
    message(FATAL_ERROR "not installed: ${site}/libgrp/${f}")
  endif()
endforeach()
if(NOT ext)
  message(FATAL_ERROR "the extension _libgrp is not installed in ${site}/libgrp")
endif()

set(env "${CMAKE_COMMAND}" -E env --unset=LD_LIBRARY_PATH "PYTHONPATH=${site}" PYTHONNOUSERSITE=1
        "GRP_SOURCE_DIR=${SOURCE_DIR}")

# The package, its extension and the libgrp.so it loaded all come from the prefix.
set(check [=[
import sys, libgrp
prefix = sys.argv[1]
assert libgrp.__file__.startswith(prefix), libgrp.__file__
assert libgrp._libgrp.__file__.startswith(prefix), libgrp._libgrp.__file__
with open("/proc/self/maps") as f:
    libs = {line.split()[-1] for line in f if "libgrp.so" in line}
assert libs and all(p.startswith(prefix) for p in libs), libs
print("installed libgrp", libgrp.__version__, "from", libgrp.__file__, "with", *sorted(libs))
]=])
execute_process(COMMAND ${env} "${PYTHON}" -B -s -c "${check}" "${PREFIX}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "importing the installed copy failed")
endif()

# The test suite against the installed copy (the leak check is long and
# measures the same code: it runs against the build tree only).
file(GLOB tests RELATIVE "${TEST_DIR}" "${TEST_DIR}/test_*.py")
list(REMOVE_ITEM tests test_leaks.py)
string(REPLACE ".py" "" modules "${tests}")
execute_process(COMMAND ${env} "${PYTHON}" -B -s -m unittest ${modules}
  WORKING_DIRECTORY "${TEST_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the Python tests failed against the installed copy")
endif()
file(REMOVE_RECURSE "${PREFIX}")
