// The roles' CloudFormation resources as JSON text.
#include "jetsam/emit.h"

namespace jetsam {

std::string EmitCfn(const Compiled& compiled) {
  // `replace`: a config string that is not UTF-8 must not throw out of the emitter.
  return JsonText(CfnResources(compiled));
}

}  // namespace jetsam
