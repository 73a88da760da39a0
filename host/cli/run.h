// jetsam's command line: parses argv, runs the command, returns the exit status.
#pragma once

namespace jetsam::cli {

int Run(int argc, char** argv);

}  // namespace jetsam::cli
