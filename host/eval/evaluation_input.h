// What one evaluation runs on, as bytes: for a sandboxed child forked before the checkout was
// read (vm/standby.h), which gets it from its parent.
#pragma once
#include <string>
#include <vector>

#include "eval/runtime.h"
#include "jetsam/evaluate.h"
#include "jetsam/limits.h"
#include "jetsam/settings.h"

namespace jetsam::eval {

// The files of each phase in Jets' order, the code run at the end of each (jetsam run's
// variants), and whether Jets would load the dotenv files.
struct Plan {
  std::vector<std::string> phases[3];
  std::vector<EvalOptions::ExtraFile> after[3];
  bool dotenv = true;
};

struct EvaluationInput {
  Limits limits;
  Sources sources;
  Plan plan;
  HostFacts host;  // host.checkout: &sources.checkout
  Phase last = Phase::kDeploy;
  EvaluationInput() = default;
  EvaluationInput(const EvaluationInput&) = delete;  // host.checkout points into it
  EvaluationInput& operator=(const EvaluationInput&) = delete;
};

std::string EncodeInput(const Limits& limits, const Sources& sources, const Plan& plan, const HostFacts& host,
                        Phase last);
// False when `bytes` are not what EncodeInput wrote.
bool DecodeInput(const std::string& bytes, EvaluationInput* out);

}  // namespace jetsam::eval
