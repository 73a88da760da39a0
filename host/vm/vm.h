// The mruby state with only the libraries a config may see, memory-bounded, and file loading
// that reports errors with the config file's name and line.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "jetsam/status.h"
#include "vm/blueprint.h"
#include "vm/exception.h"

struct mrb_state;
struct mrbc_context;

namespace jetsam::vm {

struct Heap;
struct WarmState;
struct WarmVm;

// A warm Vm's whole state between two files of an evaluation (Vm::Snapshot): its arena and heap
// (vm/warm_start.h) and what the host knows of its code. Valid in this process only.
struct VmSnapshot {
  std::unique_ptr<WarmState> warm;
  VmContext context;  // its world and user are the resuming Vm's to set
  size_t bytes = 0;   // about what it holds
  ~VmSnapshot();
};

class Vm {
 public:
  // kCold builds the VM. kWarm takes the process's prepared VM, put back to its
  // pristine state (vm/warm_start.h), and falls back to kCold when that one is taken or holds
  // more than memory_limit allows.
  enum class Start { kCold, kWarm };

  // memory_limit: bytes the VM may hold at once; an allocation past it raises NoMemoryError.
  // blueprint: what the VM holds besides mruby's core and the allowed gems (none: nothing); it
  // must outlive the process's use of it (a static object): the prepared VM is known by it.
  explicit Vm(int64_t memory_limit, Start start = Start::kCold, const Blueprint* blueprint = nullptr);
  // A warm start in the state of `snapshot` (taken from a Vm of `blueprint`) when the prepared VM
  // is free: resumed() then. Otherwise a pristine warm start (or cold), as above.
  Vm(int64_t memory_limit, const VmSnapshot& snapshot, const Blueprint* blueprint);
  ~Vm();
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  // False when even the empty VM could not be set up (the limit is too small).
  bool ok() const { return mrb_ != nullptr; }
  mrb_state* mrb() { return mrb_; }

  // Parses and runs `text` as the file `name`. A syntax error or an uncaught exception becomes
  // a kConfig Status at the file:line it names; hitting the memory limit becomes kLimit.
  Status LoadFile(const std::string& name, const std::string& text);

  // The Status for the exception pending in the VM (clears it).
  Status TakeException();

  // Runs `body`, host code that calls mruby APIs which may raise (near the memory limit above
  // all), with a handler in place: without one, mruby aborts the process. An exception that
  // escapes `body` becomes its Status as in LoadFile ("the config exceeded the memory limit").
  // mruby unwinds with longjmp: objects in `body`'s frames are then not destroyed, and their
  // memory is lost, in an evaluation that is failing anyway.
  Status Protect(const std::function<Status()>& body);

  // The config files' code, the last raise, and the eval stage's state (also mrb->ud).
  VmContext& context() { return context_; }

  // Whether this VM is the prepared one (a warm start).
  bool warm() const { return warm_; }
  // Whether it started from a snapshot (the constructor above).
  bool resumed() const { return resumed_; }
  // This VM's state now, for a later Vm of the same blueprint in this process to resume from;
  // null unless it is a warm start whose state fits in `max_bytes` (see SaveWarmState). Call it
  // between files, not from code that mruby runs.
  std::unique_ptr<VmSnapshot> Snapshot(size_t max_bytes) const;

  // What the blueprint's install made (also context().world); null without one.
  const void* world() const { return context_.world; }

  int64_t memory_in_use() const;
  int64_t memory_limit() const;
  bool memory_exhausted() const;

 private:
  void StartFresh(int64_t memory_limit, Start start, const Blueprint* blueprint);
  void TakeWarm(const WarmVm& warm, const Blueprint* blueprint);  // the prepared VM, acquired
  Status ParseAndRun(const std::string& name, const std::string& text, mrbc_context* cxt);
  Status RunCompiled(RProc* proc);  // a compiled file: kept as config code, then run

  std::unique_ptr<Heap> owned_heap_;  // a cold start's
  Heap* heap_ = nullptr;
  mrb_state* mrb_ = nullptr;
  bool warm_ = false;
  bool resumed_ = false;
  const Blueprint* blueprint_ = nullptr;  // whose prepared VM a warm start took
  VmContext context_;
  alignas(16) unsigned char own_world_[kMaxWorld];  // a cold start's world
};

}  // namespace jetsam::vm
