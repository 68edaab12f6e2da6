# pl_add_module(NAME m SRCS ... DEPS ...): one static library `pl_m` per folder of src/.
function(pl_add_module)
  cmake_parse_arguments(M "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(pl_${M_NAME} STATIC ${M_SRCS})
  target_include_directories(pl_${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(pl_${M_NAME} PUBLIC ${M_DEPS})
endfunction()

# pl_add_test(NAME m SRCS ... DEPS ... [LABELS ...] [ONE_PROCESS]): one GoogleTest
# binary `pl_m_tests`, labelled `m` plus LABELS (e.g. `slow`, `postgres`).
# Each test case is its own ctest entry, except with ONE_PROCESS: then the
# binary runs once as a single entry, so expensive shared fixtures (a
# PostgreSQL server) start once per binary instead of once per test case.
function(pl_add_test)
  cmake_parse_arguments(T "ONE_PROCESS" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  set(target pl_${T_NAME}_tests)
  add_executable(${target} ${T_SRCS})
  target_link_libraries(${target} PRIVATE ${T_DEPS} GTest::gmock GTest::gtest_main)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${target} PRIVATE
    PL_SOURCE_DIR="${PROJECT_SOURCE_DIR}" PL_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set(labels ${T_NAME} ${T_LABELS})
  if(T_ONE_PROCESS)
    add_test(NAME ${T_NAME} COMMAND ${target} --gtest_color=no)
    set_tests_properties(${T_NAME} PROPERTIES LABELS "${labels}")
    return()
  endif()
  # gtest_discover_tests splits a LABELS list, keeping only the first label:
  # apply the full list from a script run after discovery.
  gtest_discover_tests(${target} TEST_LIST ${target}_TESTS DISCOVERY_TIMEOUT 120)
  set(label_script ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake)
  file(WRITE ${label_script}
    "if(DEFINED ${target}_TESTS)\n"
    "  set_tests_properties(\${${target}_TESTS} PROPERTIES LABELS \"${labels}\")\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${label_script})
endfunction()
