#include "jetsam/version.h"

namespace jetsam {
const char* Version() { return JETSAM_VERSION; }
}  // namespace jetsam
