// The Ruby prelude of a config's world: mrblib/*.rb (Jets' defaults, the settings objects, the
// helpers), compiled to bytecode by mrbc at build time and run into every VM that evaluates one.
#pragma once
#include <cstdint>

extern "C" const uint8_t jetsam_mrblib[];

namespace jetsam::eval {

inline const uint8_t* Prelude() { return jetsam_mrblib; }

}  // namespace jetsam::eval
