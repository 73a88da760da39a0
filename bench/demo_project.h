// samples/demo as the benchmarks evaluate it in process: no child, no environment, the facts
// of samples/facts.yml.
#pragma once
#include <cstdlib>
#include <map>
#include <string>

#include "jetsam/evaluate.h"

namespace bench {

inline jetsam::EvalOptions DemoOptions() {
  jetsam::EvalOptions options;
  options.isolate = false;
  options.environment = std::map<std::string, std::string>{};
  options.facts.region = "us-west-2";
  options.facts.account = "111122223333";
  options.facts.s3_bucket = "demo-dev-s3bucket-1x2y3z4w5v6u";
  return options;
}

inline const jetsam::Sources& DemoSources() {
  static jetsam::Sources sources = [] {
    jetsam::Sources s;
    if (!jetsam::Sources::FromDirectory(JETSAM_SOURCE_DIR "/samples/demo", &s).ok()) std::abort();
    return s;
  }();
  return sources;
}

}  // namespace bench
