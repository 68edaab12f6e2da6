// Test support for the equity tests: CSV files into records and frames
// through the product's own streaming reader.
#pragma once

#include <string>
#include <vector>

#include "core/status.hpp"
#include "equity/equity.hpp"

namespace pl::equity::test {

// Every record of a CSV file (header included); aborts the test on a read error.
std::vector<std::vector<std::string>> ReadCsv(const std::string& path);

// A frame from CSV text or a file, as the CLI reads it.
Result<Frame> FrameFromCsv(const std::string& text, const ColumnRoles& roles);
Result<Frame> FrameFromCsvFile(const std::string& path, const ColumnRoles& roles);

// Runs the pathlight binary with `args` (stdin from /dev/null); returns the
// exit status, with stdout and stderr captured.
struct RunResult {
  int status = -1;
  std::string out, err;
};
RunResult RunPathlight(const std::vector<std::string>& args);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);
// A fresh temporary directory for one test.
std::string TempDir();

}  // namespace pl::equity::test
