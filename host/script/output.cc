#include "script/output.h"

#include "core/utf8.h"
#include "jetsam/emit.h"
#include "vm/child_io.h"

namespace jetsam::script {

std::string OutputSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t run = 0;  // the start of the text not yet copied
  for (size_t at = 0; at < text.size();) {
    const size_t start = at;
    const long c = utf8::Next(text, &at);
    if (c == '\n' || c == '\t' || !utf8::MustEscape(c)) continue;
    out.append(text, run, start - run);
    out += TextSafe(text.substr(start, at - start));
    run = at;
  }
  out.append(text, run, text.size() - run);
  return out;
}

bool WriteOutput(int fd, std::string_view text) { return vm::WriteAll(fd, OutputSafe(text)); }

}  // namespace jetsam::script
