// How a script's output reaches the terminal: written by the sandboxed child itself to the
// descriptors the parent handed it (a copy of jetsam's stdout and stderr), one write per call,
// so that it streams and stdout and stderr keep their order.
#pragma once
#include <string>
#include <string_view>

namespace jetsam::script {

// `text` as a script's output shows it: newlines and tabs as they are, every other character
// that TextSafe escapes (control characters, ESC, DEL, bidi controls, bytes that are not UTF-8)
// as its escape, so that nothing a project's config holds can move the cursor or colour the
// terminal when a script prints it.
std::string OutputSafe(std::string_view text);

// Writes OutputSafe(text) to `fd`, whole. False when the reader has gone (a closed pipe).
bool WriteOutput(int fd, std::string_view text);

}  // namespace jetsam::script
