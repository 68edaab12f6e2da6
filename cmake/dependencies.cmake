# Every third-party dependency is a Debian package (scripts/install-deps installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS system)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(GTest REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(rapidcheck REQUIRED)
if(PL_BENCH)
  find_package(benchmark REQUIRED)
endif()

# Debian's SOCI ships no CMake package; import its libraries by hand.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
foreach(part core sqlite3 postgresql)
  find_library(SOCI_${part}_LIBRARY NAMES soci_${part} REQUIRED)
  add_library(SOCI::${part} UNKNOWN IMPORTED)
  set_target_properties(SOCI::${part} PROPERTIES
    IMPORTED_LOCATION "${SOCI_${part}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}")
endforeach()
target_link_libraries(SOCI::sqlite3 INTERFACE SOCI::core SQLite::SQLite3)
target_link_libraries(SOCI::postgresql INTERFACE SOCI::core PostgreSQL::PostgreSQL)
target_link_libraries(SOCI::core INTERFACE ${CMAKE_DL_LIBS} Threads::Threads)

find_package(PkgConfig REQUIRED)
pkg_check_modules(sodium REQUIRED IMPORTED_TARGET libsodium)

# LEMON: the LP front end (over GLPK) behind privacy's attacker bounds, and
# network simplex for the tests' independent check. Debian's lemonConfig names
# the static archive, which would also need GLPK and its dependencies on every
# link line; the shared library carries them itself.
find_path(LEMON_INCLUDE_DIR lemon/lp.h REQUIRED)
find_library(LEMON_SHARED_LIBRARY NAMES liblemon.so lemon REQUIRED)
add_library(LEMON::lemon UNKNOWN IMPORTED)
set_target_properties(LEMON::lemon PROPERTIES
  IMPORTED_LOCATION "${LEMON_SHARED_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${LEMON_INCLUDE_DIR}")
# GLPK itself, for glp_free_env: its per-thread environment (privacy).
find_path(GLPK_INCLUDE_DIR glpk.h REQUIRED)
find_library(GLPK_LIBRARY NAMES glpk REQUIRED)
set_property(TARGET LEMON::lemon APPEND PROPERTY INTERFACE_LINK_LIBRARIES "${GLPK_LIBRARY}")
set_property(TARGET LEMON::lemon APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${GLPK_INCLUDE_DIR}")
