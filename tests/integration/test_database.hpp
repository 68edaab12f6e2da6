// Fresh databases for the integration suites: every test that touches the
// store runs once on SQLite and once on a real PostgreSQL server started by
// the suite (tests/support/postgres_server.hpp). PostgreSQL failing to start
// fails the tests; nothing is skipped.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/store.hpp"

namespace pl::testing {

enum class Backend { kSqlite, kPostgres };

std::string BackendName(const ::testing::TestParamInfo<Backend>& info);

// The shipped reference data folder (data/ of the source tree).
std::string DataDir();

// A new empty database on `backend`, migrated and holding the reference data.
// Each call gives a database no other test uses.
struct TestDatabase {
  std::string url;
  std::unique_ptr<store::Database> db;
  std::filesystem::path dir;  // scratch folder for this database's files
  ~TestDatabase();
};
std::unique_ptr<TestDatabase> MakeTestDatabase(Backend backend, bool load_reference = true);

// A scratch folder removed at the end of the test binary.
std::filesystem::path ScratchDir(const std::string& name);

// Writes `content` to `path` and returns the path.
std::string WriteFile(const std::filesystem::path& path, const std::string& content);

// Imports `csv` as a file of import kind `kind` into `t` (the file and its
// rejects under t.dir), as `pathlight import` would: a new data version. An
// error when the file is refused or any row is rejected.
Status ImportCsv(TestDatabase& t, const std::string& kind, const std::string& csv);

}  // namespace pl::testing
