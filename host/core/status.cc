#include "jetsam/status.h"

#include "jetsam/settings.h"

namespace jetsam {

namespace {

bool PlainFileName(const std::string& file) {
  for (unsigned char c : file) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '_' || c == '-' || c == '/' || c == '+' || c == '(' || c == ')' || c == '@' || c == ',';
    if (!plain) return false;
  }
  return true;
}

}  // namespace

std::string Location::str() const {
  std::string name;
  if (PlainFileName(file)) {
    name = file;
  } else {
    name = "\"";
    for (char c : file) {
      if (c == '"' || c == '\\') name += '\\';
      name += c;
    }
    name += '"';
  }
  return line > 0 ? name + ":" + std::to_string(line) : name;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = where_.empty() ? message_ : where_.str() + ": " + message_;
  if (!hint_.empty()) out += "\n  hint: " + hint_;
  return out;
}

std::string Notice::ToString() const {
  std::string out = severity == Severity::kWarning ? "warning: " : "note: ";
  out += message;
  if (!where.empty()) out = where.str() + ": " + out;
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

}  // namespace jetsam
