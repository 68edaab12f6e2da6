// This build's pathlight binary run as a process, as a person or a script
// runs it: arguments, standard input, exit status, and what it printed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pl::testing {

struct CliOutcome {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Runs PL_BINARY_DIR/pathlight `args` with `dir` as the working directory
// and `input` on standard input; its output goes through files in `dir`.
CliOutcome RunPathlight(const std::filesystem::path& dir, const std::vector<std::string>& args,
                        const std::string& input = "");

// A file's whole content ("" when it cannot be read).
std::string ReadAll(const std::filesystem::path& path);

}  // namespace pl::testing
