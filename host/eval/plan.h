// What one evaluation runs, and how it travels, with the checkout and the host's facts, to a
// sandboxed child forked before they were known (PrestartEvaluation: the child sets itself up
// while the parent reads the checkout).
#pragma once
#include <string>
#include <vector>

#include "eval/runtime.h"
#include "jetsam/evaluate.h"
#include "jetsam/settings.h"

namespace jetsam::eval {

// The files of each phase, the code run at the end of each (jetsam run's variants), and whether
// Jets would load the dotenv files.
struct Plan {
  std::vector<std::string> phases[3];
  std::vector<EvalOptions::ExtraFile> after[3];
  bool dotenv = true;
};

// Everything an isolated evaluation's child needs: the sources, the plan, the host's facts (their
// `checkout` points into `sources` once decoded), and the last phase to run.
struct EvalRequest {
  Sources sources;
  Plan plan;
  HostFacts host;
  Phase last = Phase::kDeploy;
};

std::string EncodeEvalRequest(const Sources& sources, const Plan& plan, const HostFacts& host, Phase last);
// False when `bytes` is not what EncodeEvalRequest wrote.
bool DecodeEvalRequest(const std::string& bytes, EvalRequest* out);

}  // namespace jetsam::eval
