#include "support/run_pathlight.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace pl::testing {

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

CliOutcome RunPathlight(const std::filesystem::path& dir, const std::vector<std::string>& args,
                        const std::string& input) {
  // Single quotes keep every argument one word; none of the tests' arguments holds one.
  std::string command = "cd '" + dir.string() + "' && '" + std::string(PL_BINARY_DIR) + "/pathlight'";
  for (const auto& a : args) command += " '" + a + "'";
  const std::filesystem::path out = dir / "stdout", err = dir / "stderr", in = dir / "stdin";
  std::ofstream(in, std::ios::binary) << input;
  command += " >'" + out.string() + "' 2>'" + err.string() + "' <'" + in.string() + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadAll(out), ReadAll(err)};
}

}  // namespace pl::testing
