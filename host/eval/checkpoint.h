// Where `jetsam run`'s variants of one project resume: an evaluation's whole state after the
// checkout's files of a phase, before the code that a variant adds at the end of that phase.
//
// Why: a script that evaluates 1,000 variants of a project would run the same files and build the
// same Jets' defaults 1,000 times, when the variants differ only in the code they add. The first
// evaluation that reaches that point keeps a copy of its state: the VM's arena (vm::VmSnapshot)
// and the host's records of it. The next evaluations whose inputs up to that point are the same
// (the key: the checkout's files, env, extra, facts, ENV, limits, and the code added to earlier
// phases) start from that copy, and what follows runs exactly as it would have. Valid in the
// process that took it only (the VM lives at the same addresses there); bounded in bytes.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "eval/runtime.h"
#include "jetsam/evaluate.h"
#include "jetsam/settings.h"
#include "vm/vm.h"

namespace jetsam::eval {

struct Checkpoint {
  std::string key;  // what the state depends on (the evaluation's inputs up to this point)
  Phase phase = Phase::kProject;  // after this phase's checkout files
  std::unique_ptr<vm::VmSnapshot> vm;
  // The evaluation's host state at that point (Evaluation in evaluate.cc).
  Recorder recorder;
  HostFacts host;
  EvalResult result;
  std::vector<Notice> pending;  // the phase's notices not yet added (the dotenv files')
  size_t files_before = 0;      // result.files before the phase's files
  size_t unresolved_done = 0, notices_done = 0, loaded_done = 0;
  size_t bytes = 0;
};

}  // namespace jetsam::eval

namespace jetsam {

// The checkpoints of the evaluations that share this store (EvalOptions::checkpoints). Used by
// one thread at a time (a script's).
class EvalCheckpoints {
 public:
  explicit EvalCheckpoints(size_t max_bytes) : max_bytes_(max_bytes) {}
  const eval::Checkpoint* Find(const std::string& key, Phase phase) const;
  // Keeps `c`, dropping the oldest ones when the store would hold more than its bound; a
  // checkpoint larger than the bound is not kept.
  void Add(std::unique_ptr<eval::Checkpoint> c);
  size_t max_bytes() const { return max_bytes_; }
  size_t size() const { return kept_.size(); }
  // How many evaluations resumed from a checkpoint of this store.
  size_t resumed() const { return resumed_; }
  void NoteResumed() { ++resumed_; }

 private:
  size_t max_bytes_;
  size_t bytes_ = 0;
  size_t resumed_ = 0;
  std::vector<std::unique_ptr<eval::Checkpoint>> kept_;  // oldest first
};

}  // namespace jetsam
