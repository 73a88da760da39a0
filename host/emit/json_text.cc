// The one way jetsam writes JSON for programs.
#include "jetsam/emit.h"

namespace jetsam {

std::string JsonText(const Json& value) {
  // `replace`: a config string that is not UTF-8 must not throw out of the emitter.
  return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace jetsam
