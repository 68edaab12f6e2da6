#include "integration/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>

#include <fmt/format.h>

#include "ingest/importer.hpp"
#include "ingest/reference_data.hpp"
#include "support/postgres_server.hpp"

namespace pl::testing {

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

std::string DataDir() { return std::string(PL_SOURCE_DIR) + "/data"; }

std::filesystem::path ScratchDir(const std::string& name) {
  static const std::filesystem::path root = [] {
    auto p = std::filesystem::temp_directory_path() / ("pathlight-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(p);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                      ("pathlight-test-" + std::to_string(::getpid())),
                                  ec);
    });
    return p;
  }();
  auto p = root / name;
  std::filesystem::create_directories(p);
  return p;
}

std::string WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path.string();
}

Status ImportCsv(TestDatabase& t, const std::string& kind, const std::string& csv) {
  static std::atomic<int> files{0};
  PL_ASSIGN_OR_RETURN(const ingest::KindSpec* spec, ingest::FindKind(kind));
  std::string path = WriteFile(t.dir / fmt::format("{}-{}.csv", kind, files++), csv);
  ingest::Importer importer(*t.db);
  PL_ASSIGN_OR_RETURN(auto report, importer.ImportFile(*spec, path, {.rejects_dir = (t.dir / "rejects").string()}));
  if (report.rows_rejected != 0) {
    return InvalidArgument(fmt::format("{} of {} rows of {} rejected; see {}", report.rows_rejected,
                                       report.rows_read, kind, report.rejects_file));
  }
  return Status();
}

TestDatabase::~TestDatabase() {
  db.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

std::unique_ptr<TestDatabase> MakeTestDatabase(Backend backend, bool load_reference) {
  static std::atomic<int> counter{0};
  int n = counter++;
  auto t = std::make_unique<TestDatabase>();
  t->dir = ScratchDir("db" + std::to_string(n));
  if (backend == Backend::kSqlite) {
    t->url = "sqlite:" + (t->dir / "pathlight.db").string();
  } else {
    auto url = SharedPostgres().CreateDatabase("t" + std::to_string(::getpid()) + "_" + std::to_string(n));
    if (!url.ok()) {
      ADD_FAILURE() << "cannot create a PostgreSQL database: " << url.status().ToString();
      return nullptr;
    }
    t->url = *url;
  }
  auto db = store::Database::Open(t->url);
  if (!db.ok()) {
    ADD_FAILURE() << db.status().ToString();
    return nullptr;
  }
  t->db = std::move(db).value();
  Status migrated = t->db->Migrate();
  if (!migrated.ok()) {
    ADD_FAILURE() << migrated.ToString();
    return nullptr;
  }
  if (load_reference) {
    auto loads = ingest::LoadReferenceData(*t->db, DataDir(), (t->dir / "rejects").string(), nullptr);
    if (!loads.ok()) {
      ADD_FAILURE() << loads.status().ToString();
      return nullptr;
    }
  }
  return t;
}

}  // namespace pl::testing
