// What a parent and its sandboxed child (vm/isolate.h, vm/worker.h) use to talk: whole writes,
// reads that append, clocks, and the progress stream (the names of the files being evaluated).
#pragma once
#include <time.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace jetsam::vm {

int64_t NowMs();  // monotonic
// The CPU time of the process behind `clock` in ms, or -1 when it cannot be read.
int64_t ChildCpuMs(clockid_t clock);
// Writes all of `data` (retrying short writes); false when the other end is gone.
bool WriteAll(int fd, const char* data, size_t size);
inline bool WriteAll(int fd, const std::string& data) { return WriteAll(fd, data.data(), data.size()); }
// Appends what is readable on `fd` to `buf`; false at end of file or on an error.
bool ReadSome(int fd, std::string* buf);

// The progress stream is file names; only its end matters, and it is kept short.
void TrimProgress(std::string* progress);
// The last complete line of the progress stream: the file the child was evaluating.
std::string LastProgress(const std::string& progress);

}  // namespace jetsam::vm
