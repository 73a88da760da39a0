// The process's standard descriptors, as a command line tool should treat them.
#pragma once
#include <functional>

namespace jetsam::cli {

// A standard descriptor the caller closed (`jetsam compile >&-`) is taken by /dev/null, opened
// the wrong way round, so that writing to fd 1 or 2 (reading fd 0) still fails as on a closed
// one, and no descriptor jetsam opens later (its child's socket, a file) becomes fd 1: what the
// command prints can never land in one of them.
void OccupyClosedStandardFds();

// Runs `command` and returns its exit status, or 1 with a message on stderr when its output
// could not be written (a full disk, a closed stdout): a truncated result never exits 0.
int RunWithCheckedOutput(const std::function<int()>& command);

}  // namespace jetsam::cli
