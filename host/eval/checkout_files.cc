#include "eval/checkout_files.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "eval/bounded_read.h"
#include "eval/byte_fields.h"

namespace fs = std::filesystem;

namespace jetsam::eval {
namespace {

constexpr size_t kMaxFileBytes = 1u << 20;
constexpr size_t kMaxTotalBytes = 16u << 20;
constexpr size_t kMaxFiles = 2000;
constexpr size_t kMaxEntries = 20000;

// What a config file must name before it can read another file: without any of these, config/
// is not read at all (the common case costs nothing).
bool MayReadFiles(const Sources& sources) {
  static const char* kWords[] = {"File", "Dir", "IO", "YAML", "Psych", "JSON", "ERB", "Pathname",
                                 "require", "load", "root"};
  for (const auto& [path, text] : sources.files) {
    for (const char* word : kWords) {
      if (text.find(word) != std::string::npos) return true;
    }
  }
  return false;
}

bool Within(const fs::path& root, const fs::path& path) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == path.end() || *r != *p) return false;
  }
  return true;
}

fs::path AbsoluteRoot(const std::string& dir) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::absolute(dir.empty() ? "." : dir, ec), ec);
  return root.empty() ? fs::path(dir) : root;
}

}  // namespace

}  // namespace jetsam::eval

namespace jetsam {

std::string CheckoutFiles::Encode() const {
  using eval::PutBytes;
  std::string out;
  PutBytes(&out, root);
  PutBytes(&out, unavailable);
  PutBytes(&out, std::to_string(files.size()));
  for (const auto& [rel, file] : files) {
    PutBytes(&out, rel);
    PutBytes(&out, file.text);
    PutBytes(&out, file.refused);
  }
  PutBytes(&out, std::to_string(dirs.size()));
  for (const auto& dir : dirs) PutBytes(&out, dir);
  return out;
}

bool CheckoutFiles::Decode(const std::string& bytes) {
  using eval::GetBytes;
  using eval::GetCount;
  *this = CheckoutFiles();
  size_t pos = 0, n = 0;
  if (!GetBytes(bytes, &pos, &root) || !GetBytes(bytes, &pos, &unavailable) || !GetCount(bytes, &pos, &n)) return false;
  for (size_t i = 0; i < n; ++i) {
    std::string rel;
    CheckoutFile file;
    if (!GetBytes(bytes, &pos, &rel) || !GetBytes(bytes, &pos, &file.text) || !GetBytes(bytes, &pos, &file.refused)) return false;
    files[rel] = std::move(file);
  }
  if (!GetCount(bytes, &pos, &n)) return false;
  for (size_t i = 0; i < n; ++i) {
    std::string dir;
    if (!GetBytes(bytes, &pos, &dir)) return false;
    dirs.insert(std::move(dir));
  }
  return pos == bytes.size();
}

}  // namespace jetsam

namespace jetsam::eval {

void MarkCheckoutUnavailable(const std::string& dir, const std::string& why, Sources* sources) {
  sources->checkout.root = AbsoluteRoot(dir).string();
  sources->checkout.unavailable = why;
}

Status ReadCheckoutFiles(const std::string& dir, Sources* sources) {
  CheckoutFiles& out = sources->checkout;
  const fs::path root = AbsoluteRoot(dir);
  out.root = root.string();
  if (!MayReadFiles(*sources)) {
    out.unavailable = "jetsam did not read config/, as no config file names File, YAML or require";
    return Status::Ok();
  }
  std::error_code ec;
  const fs::path config = root / "config";
  if (!fs::is_directory(config, ec)) return Status::Ok();
  out.dirs.insert("config");
  const fs::path config_real = fs::canonical(config, ec);
  if (ec) return Status::Ok();
  size_t entries = 0, files = 0, total = 0;
  for (auto it = fs::recursive_directory_iterator(config, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (++entries > kMaxEntries) {
      out.unavailable = fmt::format("config/ holds more than {} entries, and jetsam read only the first", kMaxEntries);
      break;
    }
    const std::string rel = it->path().lexically_relative(root).generic_string();
    CheckoutFile file;
    fs::path target = it->path();
    if (it->is_symlink(ec)) {
      it.disable_recursion_pending();
      target = fs::canonical(it->path(), ec);
      if (ec) {
        ec.clear();
        out.files[rel].refused = "a symlink to nothing";
        continue;
      }
      if (!Within(root, target)) {
        out.files[rel].refused = "a symlink that leads out of the checkout";
        continue;
      }
      // config/** only, as for a path: not the checkout's other files (a local .env, say).
      if (!Within(config_real, target)) {
        out.files[rel].refused = "a symlink that leads out of config/";
        continue;
      }
    }
    if (fs::is_directory(target, ec)) {
      out.dirs.insert(rel);
      continue;
    }
    if (!fs::is_regular_file(target, ec)) {
      out.files[rel].refused = "not a regular file";
      continue;
    }
    if (files >= kMaxFiles) {
      out.files[rel].refused = fmt::format("past the {} files of config/ that jetsam reads", kMaxFiles);
      continue;
    }
    switch (ReadBounded(target.string(), kMaxFileBytes, &file.text)) {
      case BoundedRead::kOk: break;
      case BoundedRead::kCannotRead: file.refused = "cannot be read"; break;
      case BoundedRead::kTooLarge: file.refused = "larger than 1 MiB"; break;
    }
    if (file.refused.empty() && total + file.text.size() > kMaxTotalBytes) {
      file.text.clear();
      file.refused = "past the 16 MiB of config/ that jetsam reads";
    }
    total += file.text.size();
    ++files;
    out.files[rel] = std::move(file);
  }
  return Status::Ok();
}

}  // namespace jetsam::eval
