// What a VM is built with besides mruby's core and the allowed gems (vm/vm.h, vm/warm_start.h).
#pragma once
#include <cstddef>
#include <cstdint>

struct mrb_state;

namespace jetsam::vm {

// What a VM is built with besides mruby's core and the allowed gems. All of it is done once per
// VM, and so once per process for the prepared VM (vm/warm_start.h): an evaluation then pays
// only for what its own input needs.
struct Blueprint {
  // mrbc bytecode run once the allowed gems are in (the eval stage's mrblib), or none.
  const uint8_t* prelude = nullptr;
  // Run after the prelude, with a handler in place: the natives, hiding and freezing that every
  // evaluation shares. It fills `world` (world_size bytes at most kMaxWorld, plain data such as
  // the classes and symbols the host uses, valid for the VM's life) and returns true, or false
  // when it failed (a bug in the prelude, reported as an internal error).
  bool (*install)(mrb_state* mrb, void* world) = nullptr;
  size_t world_size = 0;
};
constexpr size_t kMaxWorld = 256;

}  // namespace jetsam::vm
