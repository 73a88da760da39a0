// The dotenv parser over each file named, one JSON line per file, as gem_parse.rb prints the
// gem's: [[name, value], ...] or ["error"]. Built by run.sh; ENV holds HOME, PATH and EXISTING.
#include <fstream>
#include <iostream>
#include <sstream>
#include <nlohmann/json.hpp>
#include "eval/dotenv.h"
int main(int argc, char** argv) {
 for (int i = 1; i < argc; ++i) {
  std::ifstream in(argv[i], std::ios::binary);
  std::stringstream ss; ss << in.rdbuf();
  std::map<std::string, std::string> env = {{"HOME", "/root"}, {"PATH", "/usr/bin:/bin"}, {"EXISTING", "from-env"}};
  std::vector<jetsam::eval::DotenvVar> vars;
  if (!jetsam::eval::ParseDotenv(ss.str(), ".env", env, &vars).ok()) { std::cout << "[\"error\"]\n"; continue; }
  nlohmann::json out = nlohmann::json::array();
  for (auto& v : vars) out.push_back({v.name, v.value});
  std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
 }
}
