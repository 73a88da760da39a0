// The options of an in-process evaluation with offline facts, as the evaluation tests use them.
#pragma once
#include <map>
#include <string>

#include "jetsam/evaluate.h"

namespace jetsam::fixtures {

inline EvalOptions OfflineOptions(const std::string& env = "") {
  EvalOptions o;
  o.env = env;
  o.isolate = false;
  o.environment = std::map<std::string, std::string>{{"HOME", "/home/u"}};
  o.facts.region = "us-west-2";
  o.facts.account = "111122223333";
  o.facts.s3_bucket = "shop-bucket";
  return o;
}

}  // namespace jetsam::fixtures
