#include "jetsam/status.h"

#include "jetsam/settings.h"

namespace jetsam {

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
