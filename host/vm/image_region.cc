// Room in the executable for an embedded VM (vm/image.h), among its constants. Linked into
// `jetsam` only (CMakeLists.txt); vm/image.cc refers to it weakly, so that other programs (the
// tests) carry none and build their VM as usual.
#include "vm/image.h"

// `extern`: a const array would otherwise have internal linkage, and be dropped as unused. The
// alignment as a GNU attribute: clang takes no `alignas` after one.
extern "C" __attribute__((used, section(".rodata.jetsam_vm"), aligned(4096))) const unsigned char
    jetsam_vm_image[jetsam::vm::kImageMaxSize] = {1};
