# pl_add_module(NAME m SRCS ... DEPS ...): one static library `pl_m` per folder of src/.
function(pl_add_module)
  cmake_parse_arguments(M "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(pl_${M_NAME} STATIC ${M_SRCS})
  target_include_directories(pl_${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(pl_${M_NAME} PUBLIC ${M_DEPS})
endfunction()

# pl_add_test(NAME m SRCS ... DEPS ...): one GoogleTest binary `pl_m_tests`, labelled `m`.
# LABELS adds further ctest labels (e.g. `slow`, `postgres`).
function(pl_add_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(pl_${T_NAME}_tests ${T_SRCS})
  target_link_libraries(pl_${T_NAME}_tests PRIVATE ${T_DEPS} GTest::gmock GTest::gtest_main)
  target_include_directories(pl_${T_NAME}_tests PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(pl_${T_NAME}_tests PRIVATE
    PL_SOURCE_DIR="${PROJECT_SOURCE_DIR}" PL_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(pl_${T_NAME}_tests
    PROPERTIES LABELS "${T_NAME};${T_LABELS}"
    DISCOVERY_TIMEOUT 120)
endfunction()
