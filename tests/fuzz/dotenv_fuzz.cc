// Fuzz target: the dotenv parser, over a config/jets/env/.env file a checkout supplies, loaded as
// Jets loads it (.env.dev over .env, into an ENV that holds some variables), then its SSM
// references resolved.
#include <cstddef>
#include <cstdint>
#include <string>

#include "eval/dotenv.h"
#include "eval/dotenv_ssm.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The input is both files: the part before the first NUL is .env.dev, the rest .env.
  const size_t nul = text.find('\0');
  std::map<std::string, std::string> sources = {{"config/jets/env/.env", nul == std::string::npos ? text : text.substr(nul + 1)}};
  if (nul != std::string::npos) sources["config/jets/env/.env.dev"] = text.substr(0, nul);
  std::map<std::string, std::string> env = {{"HOME", "/home/fuzz"}, {"DOTENV_LINEBREAK_MODE", "strict"}};
  std::vector<jetsam::eval::LoadedVar> loaded;
  if (!jetsam::eval::LoadDotenv(sources, jetsam::eval::DotenvFiles("dev", ""), &env, &loaded).ok()) return 0;
  jetsam::eval::SsmConvention convention;
  convention.project = "fuzz";
  convention.env = "dev";
  convention.unique_envs = {"dev", "prod"};
  convention.fallback = "dev";
  jetsam::eval::SsmAutoload autoload;
  autoload.enable = true;
  std::vector<jetsam::Notice> notices;
  jetsam::eval::ResolveSsm(loaded, convention, autoload, nlohmann::json{{"/fuzz/dev/A", "a"}}, &env, &notices);
  return 0;
}
