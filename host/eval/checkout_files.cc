#include "eval/checkout_files.h"

#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "eval/bounded_read.h"

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
