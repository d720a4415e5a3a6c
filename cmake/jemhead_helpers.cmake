# Small helpers shared by every folder's CMakeLists.

# jemhead_library(NAME SOURCES... [DEPS ...]): a static library rooted at the project
# root, so code includes "core/meter.hpp", "storage/repository.hpp" and so on.
function(jemhead_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# jemhead_test(NAME SOURCES... LABELS ... [DEPS ...]): one GoogleTest binary whose tests
# are registered with ctest individually and carry the given labels (ctest -L LABEL).
function(jemhead_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LABELS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  # gtest_add_tests scans the sources at configure time and returns the test names, so
  # the label list can be set directly (gtest_discover_tests mangles multi-label lists).
  gtest_add_tests(TARGET ${name} SOURCES ${ARG_SOURCES}
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR} TEST_LIST found)
  set_tests_properties(${found} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
endfunction()

include(GoogleTest)

# jemhead_fuzz(NAME SOURCES... DEPS ... CORPUS dir): a fuzz target defining
# LLVMFuzzerTestOneInput. With -DJEMHEAD_LIBFUZZER=ON (clang) it links libFuzzer; otherwise
# it links a small driver that replays every file of the seed corpus, registered with
# ctest (labels: fuzz + the given LABELS) so regressions on known inputs fail the build.
function(jemhead_fuzz name)
  cmake_parse_arguments(ARG "" "CORPUS" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  if(JEMHEAD_LIBFUZZER)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    target_sources(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cpp)
    add_test(NAME ${name}.replay COMMAND ${name} ${ARG_CORPUS})
    set_tests_properties(${name}.replay PROPERTIES LABELS "fuzz;${ARG_LABELS}" TIMEOUT 120)
  endif()
endfunction()
