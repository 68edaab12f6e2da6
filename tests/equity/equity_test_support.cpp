#include "equity_test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "ingest/csv_reader.hpp"

namespace pl::equity::test {

namespace {

Result<Frame> FromSource(std::unique_ptr<ingest::ByteSource> source, const ColumnRoles& roles) {
  ingest::CsvReader reader(std::move(source));
  ingest::CsvRecord record;
  PL_ASSIGN_OR_RETURN(bool any, reader.Next(&record));
  if (!any) return InvalidArgument("empty input");
  if (!record.error.empty()) return InvalidArgument(record.error);
  PL_ASSIGN_OR_RETURN(FrameBuilder builder, FrameBuilder::Create(record.fields, roles));
  while (true) {
    PL_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    if (!record.error.empty()) return InvalidArgument(record.error);
    PL_RETURN_IF_ERROR(builder.AddRecord(record.line, record.fields));
  }
  return std::move(builder).Finish();
}

}  // namespace

std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::vector<std::vector<std::string>> out;
  auto source = ingest::OpenFileSource(path);
  EXPECT_TRUE(source.ok()) << path;
  if (!source.ok()) return out;
  ingest::CsvReader reader(std::move(*source));
  ingest::CsvRecord record;
  while (true) {
    auto more = reader.Next(&record);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    EXPECT_EQ(record.error, "") << path << " line " << record.line;
    out.push_back(record.fields);
  }
  return out;
}

Result<Frame> FrameFromCsv(const std::string& text, const ColumnRoles& roles) {
  return FromSource(ingest::MemorySource(text), roles);
}

Result<Frame> FrameFromCsvFile(const std::string& path, const ColumnRoles& roles) {
  PL_ASSIGN_OR_RETURN(auto source, ingest::OpenFileSource(path));
  return FromSource(std::move(source), roles);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string TempDir() {
  std::string pattern = "/tmp/pl_equity_test_XXXXXX";
  char* made = mkdtemp(pattern.data());
  EXPECT_NE(made, nullptr);
  return pattern;
}

RunResult RunPathlight(const std::vector<std::string>& args) {
  std::string dir = TempDir();
  std::string out_path = dir + "/stdout", err_path = dir + "/stderr";
  RunResult result;
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<std::string> argv_strings = {std::string(PL_BINARY_DIR) + "/pathlight"};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    if (!freopen("/dev/null", "r", stdin) || !freopen(out_path.c_str(), "w", stdout) ||
        !freopen(err_path.c_str(), "w", stderr)) {
      _exit(127);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  rmdir(dir.c_str());
  return result;
}

}  // namespace pl::equity::test
