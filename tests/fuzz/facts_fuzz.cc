// Fuzz target: the readers of what a checkout or a user supplies as YAML or JSON: a --facts file
// and config/jets/info.yml (both go through ReadYaml; Facts::Load adds the facts rules).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/yaml_read.h"
#include "jetsam/facts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  nlohmann::json out;
  (void)jetsam::ReadYaml(text, "config/jets/info.yml", &out);
  // Facts::Load reads a path: write the input to a file of this process's own.
  static const std::string path = "/tmp/jetsam-facts-fuzz-" + std::to_string(getpid()) + ".yml";
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    jetsam::Facts facts;
    (void)jetsam::Facts::Load(path, &facts);
  }
  return 0;
}
