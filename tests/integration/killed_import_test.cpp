// A kill -9 in the middle of an import leaves the database exactly as it was,
// on both backends, and the same file then imports cleanly.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "ingest/importer.hpp"
#include "integration/test_database.hpp"
#include "store/query.hpp"

namespace pl::testing {
namespace {

// Tells the parent that rows are flowing, then waits to be killed.
class SignalThenHang final : public Progress {
 public:
  explicit SignalThenHang(int fd) : fd_(fd) {}
  void Begin(const std::string&, std::uint64_t, const std::string&) override {}
  void Update(std::uint64_t) override {
    if (++updates_ < 3) return;  // some thousands of rows are in the transaction
    char byte = 'x';
    (void)!::write(fd_, &byte, 1);
    for (;;) ::pause();
  }
  void End() override {}

 private:
  int fd_;
  int updates_ = 0;
};

class KilledImportTest : public ::testing::TestWithParam<Backend> {};

TEST_P(KilledImportTest, KillMidImportLeavesTheDatabaseAsItWas) {
  auto t = MakeTestDatabase(GetParam());
  ASSERT_TRUE(t);
  constexpr int kStudents = 20000;
  std::string orgs = WriteFile(t->dir / "o.csv", "org_id,org_type,name,county_fips\nSCH-1,school,A School,06019\n");
  std::string students = "student_key,gender\n";
  std::string years = "student_key,school_year,org_id,grade_level\n";
  for (int i = 0; i < kStudents; ++i) {
    students += "S" + std::to_string(i) + ",F\n";
    for (int y = 2021; y <= 2024; ++y) years += "S" + std::to_string(i) + "," + std::to_string(y) + ",SCH-1,09\n";
  }
  ingest::Importer importer(*t->db);
  ingest::ImportOptions options;
  options.rejects_dir = (t->dir / "rejects").string();
  ASSERT_TRUE(importer.ImportFile(**ingest::FindKind("organizations"), orgs, options).ok());
  ASSERT_TRUE(importer.ImportFile(**ingest::FindKind("students"), WriteFile(t->dir / "s.csv", students), options).ok());
  std::string years_path = WriteFile(t->dir / "y.csv", years);

  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    auto db = store::Database::Open(t->url);
    if (!db.ok()) ::_exit(3);
    ingest::Importer child_importer(**db);
    SignalThenHang progress(pipe_fds[1]);
    ingest::ImportOptions child_options = options;
    child_options.progress = &progress;
    (void)child_importer.ImportFile(**ingest::FindKind("student_years"), years_path, child_options);
    ::_exit(4);  // the import finished: the parent will notice and fail
  }
  ::close(pipe_fds[1]);
  char byte = 0;
  ASSERT_EQ(::read(pipe_fds[0], &byte, 1), 1) << "the child import never reported progress";
  ::close(pipe_fds[0]);
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child was not killed mid-import";

  EXPECT_EQ(*store::QueryInteger(*t->db, "SELECT count(*) FROM student_year"), 0);
  EXPECT_EQ(*store::QueryInteger(*t->db, "SELECT count(*) FROM import_batch WHERE kind = 'student_years'"), 0);

  // The database is not left locked or damaged: the same file imports whole.
  auto report = importer.ImportFile(**ingest::FindKind("student_years"), years_path, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows_stored, static_cast<std::uint64_t>(kStudents) * 4);
  EXPECT_EQ(*store::QueryInteger(*t->db, "SELECT count(*) FROM student_year"), kStudents * 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, KilledImportTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace pl::testing
