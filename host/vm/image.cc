#include "vm/image.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <span>
#include <vector>

#include <fmt/format.h>
#include <mruby.h>

#include "vm/heap.h"
#include "vm/mruby_shim.h"
#include "vm/open_vm.h"

// Defined by vm/image_region.cc in the executables that carry an image; null in the others.
extern "C" const unsigned char jetsam_vm_image[] __attribute__((weak));

namespace jetsam::vm {
namespace {

constexpr char kMagic[8] = {'J', 'S', 'M', 'V', 'M', 'I', 'M', 'G'};
constexpr uint32_t kVersion = 2;
constexpr size_t kHeaderSize = 4096;
constexpr size_t kPage = 4096;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t header_size;
  uint32_t build_id_size;
  uint8_t build_id[64];
  // Addresses that pin the image to this build: the arena, the allocator (code), and the
  // blueprint's prelude (constant data) and install (code).
  uint64_t base, capacity, allocate, prelude, install;
  uint64_t used;  // the arena's bytes in the image, from its base
  uint64_t mrb;
  int64_t in_use, peak;
  Arena::State state;
  unsigned char world[kMaxWorld];
  uint32_t learned;  // `written` holds what a sample evaluation wrote (RecordImageWrites)
  uint8_t written[kImageMaxPages / 8];
};
static_assert(sizeof(Header) <= kHeaderSize);

uint64_t Address(const void* p) { return reinterpret_cast<uint64_t>(p); }

template <class Fn>
uint64_t FunctionAddress(Fn* fn) { return reinterpret_cast<uint64_t>(fn); }

char* Base() { return reinterpret_cast<char*>(kImageBase); }

// This executable's program headers, as the kernel loaded them.
const Elf64_Phdr* ProgramHeaders(size_t* count) {
  *count = getauxval(AT_PHNUM);
  return reinterpret_cast<const Elf64_Phdr*>(getauxval(AT_PHDR));
}

// The GNU build id the linker wrote into this executable (a hash of its contents), read from
// memory. False when it has none.
bool OwnBuildId(const uint8_t** id, uint32_t* size) {
  size_t count;
  const Elf64_Phdr* ph = ProgramHeaders(&count);
  if (!ph) return false;
  for (size_t i = 0; i < count; ++i) {
    if (ph[i].p_type != PT_NOTE) continue;
    // The executable is not position-independent: its notes are at their link-time addresses.
    const auto* p = reinterpret_cast<const uint8_t*>(ph[i].p_vaddr);
    const uint8_t* end = p + ph[i].p_memsz;
    while (p + sizeof(Elf64_Nhdr) <= end) {
      const auto* note = reinterpret_cast<const Elf64_Nhdr*>(p);
      const uint8_t* name = p + sizeof(Elf64_Nhdr);
      const uint8_t* desc = name + ((note->n_namesz + 3) & ~3u);
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 &&
          desc + note->n_descsz <= end) {
        *id = desc;
        *size = note->n_descsz;
        return true;
      }
      p = desc + ((note->n_descsz + 3) & ~3u);
    }
  }
  return false;
}

// Where the image lies in the executable's file; false when it is not all in the file.
bool ImageFileOffset(uint64_t* offset) {
  size_t count;
  const Elf64_Phdr* ph = ProgramHeaders(&count);
  const uint64_t start = Address(jetsam_vm_image), end = start + kImageMaxSize;
  for (size_t i = 0; ph && i < count; ++i) {
    if (ph[i].p_type == PT_LOAD && ph[i].p_vaddr <= start && end <= ph[i].p_vaddr + ph[i].p_filesz) {
      *offset = ph[i].p_offset + (start - ph[i].p_vaddr);
      return *offset % kPage == 0;
    }
  }
  return false;
}

// The arena's address space at kImageBase; false when something else is there.
bool ReserveArena() {
  void* p = mmap(Base(), kImageArenaCapacity, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED) return false;
  if (p != Base()) {  // a kernel older than 4.17 takes the address as a hint only
    munmap(p, kImageArenaCapacity);
    return false;
  }
  return true;
}

// Bytes that replace a copy's at `at`.
struct Patch {
  const void* data;
  size_t size;
  uint64_t at;
};

// Writes a copy of `from` to `to` (mode 0755) with `patches` in place: nothing else moves. In
// 2 MiB writes at 2 MiB offsets: where the file system caches a file in large folios (ext4 on
// Linux 6.x), each such write leaves one 2 MiB folio, and the kernel then maps 2 MiB of the
// executable's code and constants with one page fault (the segments are linked 2 MiB-aligned,
// CMakeLists.txt) instead of one fault per 64 KiB: a third of a cold run's faults.
Status CopyWithPatches(const char* from, const std::string& to, std::span<const Patch> patches) {
  constexpr size_t kChunk = 2u << 20;
  int in = open(from, O_RDONLY | O_CLOEXEC);
  if (in < 0) return Status::Internal(fmt::format("cannot read {}: {}", from, strerror(errno)));
  int out = open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
  if (out < 0) {
    close(in);
    return Status::Internal(fmt::format("cannot write {}: {}", to, strerror(errno)));
  }
  std::vector<char> chunk(kChunk);
  bool ok = true;
  for (uint64_t at = 0; ok;) {
    size_t got = 0;
    while (got < kChunk) {
      ssize_t n = pread(in, chunk.data() + got, kChunk - got, static_cast<off_t>(at + got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok = n == 0;
        break;
      }
      got += static_cast<size_t>(n);
    }
    if (!ok || got == 0) break;
    for (const Patch& p : patches) {  // the part of each patch inside [at, at + got)
      const uint64_t begin = std::max(p.at, at), end = std::min(p.at + p.size, at + got);
      if (begin < end) std::memcpy(chunk.data() + (begin - at), static_cast<const char*>(p.data) + (begin - p.at), end - begin);
    }
    for (size_t done = 0; ok && done < got;) {
      ssize_t n = pwrite(out, chunk.data() + done, got - done, static_cast<off_t>(at + done));
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (ok) done += static_cast<size_t>(n);
    }
    at += got;
  }
  ok = fchmod(out, 0755) == 0 && ok;
  ok = close(out) == 0 && ok;
  close(in);
  if (!ok) return Status::Internal(fmt::format("cannot write the VM into {}", to));
  return Status::Ok();
}

// The header, if it is this build's image of `blueprint`.
const Header* ValidHeader(const Blueprint* blueprint) {
  if (!jetsam_vm_image || !blueprint) return nullptr;
  const auto* h = reinterpret_cast<const Header*>(jetsam_vm_image);
  if (std::memcmp(h->magic, kMagic, sizeof kMagic) != 0 || h->version != kVersion || h->header_size != kHeaderSize) {
    return nullptr;
  }
  if (h->base != kImageBase || h->capacity != kImageArenaCapacity || h->used > kImageMaxSize - kHeaderSize ||
      h->allocate != FunctionAddress(&HeapAllocate) || h->prelude != Address(blueprint->prelude) ||
      h->install != FunctionAddress(blueprint->install)) {
    return nullptr;
  }
  const uint8_t* id;
  uint32_t id_size;
  if (!OwnBuildId(&id, &id_size) || id_size != h->build_id_size || id_size > sizeof h->build_id ||
      std::memcmp(id, h->build_id, id_size) != 0) {
    return nullptr;
  }
  if (Address(h->state.top) != kImageBase + h->used || h->mrb < kImageBase || h->mrb >= kImageBase + h->used) {
    return nullptr;
  }
  return h;
}

}  // namespace

bool MapEmbeddedVm(const Blueprint* blueprint, EmbeddedVm* out) {
  const Header* h = ValidHeader(blueprint);
  uint64_t offset;
  if (!h || !ImageFileOffset(&offset) || !ReserveArena()) return false;
  // The image's bytes, from this executable's own file: private, so each process writes its own.
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  const size_t used = (h->used + kPage - 1) & ~(kPage - 1);
  void* p = fd < 0 ? MAP_FAILED
                   : mmap(Base(), used, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd,
                          static_cast<off_t>(offset + kHeaderSize));
  if (fd >= 0) close(fd);
  if (p != Base()) {
    munmap(Base(), kImageArenaCapacity);
    return false;
  }
  *out = EmbeddedVm{h->state, reinterpret_cast<mrb_state*>(h->mrb), h->in_use, h->peak, h->world, h->used,
                    h->learned ? h->written : nullptr};
  return true;
}

std::vector<uint8_t> WrittenImagePages() {
  const Header* h = jetsam_vm_image ? reinterpret_cast<const Header*>(jetsam_vm_image) : nullptr;
  if (!h || std::memcmp(h->magic, kMagic, sizeof kMagic) != 0 || h->used > kImageMaxSize - kHeaderSize) return {};
  const size_t pages = (h->used + kPage - 1) / kPage;
  std::vector<uint64_t> entries(pages);
  int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  const ssize_t want = static_cast<ssize_t>(pages * sizeof(uint64_t));
  const ssize_t got = pread(fd, entries.data(), static_cast<size_t>(want), static_cast<off_t>(kImageBase / kPage * sizeof(uint64_t)));
  close(fd);
  if (got != want) return {};
  std::vector<uint8_t> written(kImageMaxPages / 8, 0);
  for (size_t i = 0; i < pages; ++i) {
    // Present (bit 63) and not a page of the file (bit 61): the process's own copy.
    const bool present = (entries[i] >> 63) & 1, file = (entries[i] >> 61) & 1;
    if (present && !file) written[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
  }
  return written;
}

Status RecordImageWrites(const std::string& path, const std::vector<uint8_t>& written) {
  uint64_t offset;
  if (written.size() != kImageMaxPages / 8 || !ImageFileOffset(&offset)) {
    return Status::Internal("no image to record the pages an evaluation writes in");
  }
  // `path` is a copy of this executable with its image in place (WriteExecutableWithVm): the
  // image lies at the same offset of it.
  int fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return Status::Internal(fmt::format("cannot open {}: {}", path, strerror(errno)));
  Header h;
  bool ok = pread(fd, &h, sizeof h, static_cast<off_t>(offset)) == static_cast<ssize_t>(sizeof h) &&
            std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 && h.version == kVersion;
  if (ok) {
    h.learned = 1;
    std::memcpy(h.written, written.data(), sizeof h.written);
    ok = pwrite(fd, &h, sizeof h, static_cast<off_t>(offset)) == static_cast<ssize_t>(sizeof h);
  }
  ok = close(fd) == 0 && ok;
  return ok ? Status::Ok() : Status::Internal(fmt::format("cannot record the pages an evaluation writes in {}", path));
}

Status WriteExecutableWithVm(const Blueprint* blueprint, const std::string& path) {
  uint64_t offset;
  if (!jetsam_vm_image || !ImageFileOffset(&offset)) {
    return Status::Internal("this executable has no room for an embedded VM");
  }
  const uint8_t* id;
  uint32_t id_size;
  if (!OwnBuildId(&id, &id_size) || id_size > sizeof(Header::build_id)) {
    return Status::Internal("the executable has no GNU build id (link with -Wl,--build-id)");
  }
  if (!ReserveArena()) return Status::Internal(fmt::format("cannot map the VM's arena at {:#x}", kImageBase));
  // The VM, built where every process will find it.
  static Heap heap;  // the allocator's data; a process that maps the VM gives it its own
  auto arena = Arena::Over(Base(), kImageArenaCapacity, nullptr);
  heap.arena = arena.get();
  SetLimit(&heap, kBuildLimit);
  Header h{};
  mrb_state* mrb = OpenVm(&heap, blueprint, h.world);
  if (!mrb) return Status::Internal("the Ruby VM could not be built");
  mrb_full_gc(mrb);  // as the prepared VM (vm/warm_start.cc): no garbage, everything old
  if (heap.large || arena->used() > kImageMaxSize - kHeaderSize) {
    return Status::Internal(fmt::format("the Ruby VM ({} bytes) does not fit in the image's {} bytes",
                                        arena->used(), kImageMaxSize - kHeaderSize));
  }
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.version = kVersion;
  h.header_size = kHeaderSize;
  h.build_id_size = id_size;
  std::memcpy(h.build_id, id, id_size);
  h.base = kImageBase;
  h.capacity = kImageArenaCapacity;
  h.allocate = FunctionAddress(&HeapAllocate);
  h.prelude = Address(blueprint->prelude);
  h.install = FunctionAddress(blueprint->install);
  h.used = arena->used();
  h.mrb = Address(mrb);
  h.in_use = heap.in_use;
  h.peak = heap.peak;
  h.state = arena->state();

  std::vector<char> page(kHeaderSize, 0);
  std::memcpy(page.data(), &h, sizeof h);
  const Patch patches[] = {{page.data(), page.size(), offset}, {Base(), h.used, offset + kHeaderSize}};
  return CopyWithPatches("/proc/self/exe", path, patches);
}

}  // namespace jetsam::vm
