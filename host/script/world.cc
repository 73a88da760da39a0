#include "script/world.h"

#include <algorithm>
#include <cstring>

namespace jetsam::script {

void Board::Set(const std::string& label) {
  size_t n = std::min(label.size(), sizeof project - 1);
  std::memcpy(project, label.data(), n);
  project[n] = '\0';
}

std::string LexicalAbsolute(const std::string& cwd, const std::string& path) {
  std::string full = !path.empty() && path[0] == '/' ? path : cwd + "/" + path;
  std::vector<std::string> parts;
  for (size_t start = 0; start <= full.size();) {
    size_t end = full.find('/', start);
    if (end == std::string::npos) end = full.size();
    std::string part = full.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

const Readable* FindReadable(const World& world, const std::string& dir) {
  const std::string wanted = LexicalAbsolute(world.cwd, dir);
  for (const auto& r : world.readable) {
    if (std::find(r.paths.begin(), r.paths.end(), wanted) != r.paths.end()) return &r;
  }
  return nullptr;
}

}  // namespace jetsam::script
