// Linked into the static build/jetsam only, with -Wl,--wrap for both symbols (CMakeLists.txt).
//
// A static executable's startup code (crtbeginT.o) registers the whole .eh_frame with libgcc's
// unwinder, which then sorts every frame description of the binary at the first exception (each
// --help, --version and usage error), costing more than the rest of such a run. Registering
// nothing makes the unwinder look the frames up in .eh_frame_hdr (-Wl,--eh-frame-hdr), by binary
// search, as in a dynamic executable.
void __wrap___register_frame_info(const void* begin, void* object) {
  (void)begin;
  (void)object;
}

void* __wrap___deregister_frame_info(const void* begin) {
  (void)begin;
  return 0;
}
