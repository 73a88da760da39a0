// A prepared VM embedded in the executable itself.
//
// Why: a one-shot `jetsam compile` builds its Ruby VM in the sandboxed child every time (core
// classes, gems, the prelude, the natives: most of a cold run's instructions). The executable is
// static and not position-independent, so its code and constants have the same addresses in
// every process. A VM built at build time in an arena at a fixed address (kImageBase), by the
// executable just linked (`jetsam --write-vm-image`), and written into that executable's
// constants (vm/image_region.cc), is valid as it lies in every process that runs that file: the
// process maps those bytes of its own file, copy on write, at the same fixed address (one open
// and two mmaps) and reads in only the pages it touches.
//
// The arena cannot simply be the executable's writable data: Debian's mruby takes every pointer
// below `edata` for a constant it may keep without copying (mrb_ro_data_p).
//
// It is used only when it is this very build's: the executable's build id, the address of the
// VM's allocator and of the blueprint's prelude and install must all match what the image
// recorded; otherwise the VM is built as before. Nothing of a config reaches it: it is written at
// build time, and each evaluation changes only its own process's private copy.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "jetsam/status.h"
#include "vm/arena.h"
#include "vm/blueprint.h"

struct mrb_state;

namespace jetsam::vm {

// The image in the executable: a page of header, then the arena's bytes in use.
constexpr size_t kImageMaxSize = 2u << 20;
// Where the arena lies in every process, and how far it may grow (pages are committed only as
// they are touched; past it, blocks spill to malloc, vm/heap.cc).
constexpr uintptr_t kImageBase = 0x200000000000;
constexpr size_t kImageArenaCapacity = 64u << 20;

constexpr size_t kImageMaxPages = kImageMaxSize / 4096;

struct EmbeddedVm {
  Arena::State state;  // the allocator's state at the image
  mrb_state* mrb;
  int64_t in_use, peak;        // the heap's counts at the image
  const unsigned char* world;  // kMaxWorld bytes: what the blueprint's install made
  size_t image_bytes;          // the image's bytes from the arena's base
  // One bit a page of the image (page i: byte i / 8, bit i % 8): the pages an evaluation writes,
  // as a sample evaluation wrote them when the image was written (LearnImageWrites). Null when
  // unknown: then every page counts as written.
  const uint8_t* written;
};

// The VM this executable holds, if it was built from `blueprint` by this very build: its arena
// mapped at kImageBase (kImageArenaCapacity bytes, the image's copy on write), returned in `out`.
// False, and nothing mapped, otherwise. Needs open and mmap: call it before any syscall filter.
bool MapEmbeddedVm(const Blueprint* blueprint, EmbeddedVm* out);

// Builds the VM from `blueprint` in this executable's region and writes a copy of the
// executable, with that VM embedded, to `path` (mode 0755).
Status WriteExecutableWithVm(const Blueprint* blueprint, const std::string& path);

// Which pages of the embedded VM's image this process has written (copied from the file), as
// EmbeddedVm::written's bitmap: after an evaluation that mapped none ahead (SkipFirstPopulate),
// the pages such an evaluation writes. Empty when the VM is not mapped or /proc/self/pagemap
// cannot be read.
std::vector<uint8_t> WrittenImagePages();

// Records `written` (from WrittenImagePages, run by the executable at `path`) in the image that
// `path` embeds, so that its processes map those pages ahead for writing and the others for
// reading.
Status RecordImageWrites(const std::string& path, const std::vector<uint8_t>& written);

}  // namespace jetsam::vm
