// Running the real jetsam binary from tests.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace jetsam_test {

struct Run {
  int code = -1;
  std::string out, err;
};

std::string ReadFile(const std::filesystem::path& p);
// Runs `jetsam ARGS` (split like a shell would, with '...' quoting) in `cwd`, with a clean
// environment (PATH, HOME, NO_COLOR=1 and `extra_env`), and no stdin.
// Runs build/jetsam with `args` in `cwd`, a clean environment plus `extra_env`, and standard
// input from `stdin_file` (/dev/null when empty).
Run RunJetsam(const std::string& args, const std::filesystem::path& cwd, const std::vector<std::string>& extra_env = {},
              const std::filesystem::path& stdin_file = {});

}  // namespace jetsam_test
