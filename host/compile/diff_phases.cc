// The phase rule on both sides of a diff (jetsam diff, the sidecar's /v1/diff).
#include <algorithm>

#include <fmt/format.h>

#include "jetsam/diff.h"

namespace jetsam {

void DropUnbuiltRoles(Compiled* a, Compiled* b, std::string* a_label, std::string* b_label) {
  if (a->missing.empty() && b->missing.empty()) return;
  for (const Compiled* side : {a, b}) {
    for (RoleKind kind : side->missing) {
      for (Compiled* each : {a, b}) std::erase_if(each->roles, [&](const Role& r) { return r.kind == kind; });
    }
  }
  // Said where the diff is read, not only beside the error.
  std::vector<std::string> compared;
  for (const Role& r : a->roles) compared.push_back(RoleKindName(r.kind));
  const std::string only = fmt::format(", {} only", compared.empty() ? "no role" : fmt::format("{}", fmt::join(compared, " and ")));
  *a_label += only;
  *b_label += only;
}

}  // namespace jetsam
