// The emitters' one way to put a string they did not write themselves into text: TextSafe
// (jetsam/emit.h), and the same for a field of a model that may be missing or of another type.
#pragma once
#include <string>
#include <vector>

#include "jetsam/emit.h"

namespace jetsam::emit {

// A string as TextSafe writes it; any other JSON value as its compact JSON text, escaped too.
std::string Text(const Json& j);
// The field `key` of an object as Text writes it; "" when it is missing or null.
std::string Text(const Json& object, const char* key);
// Each item of a list as Text writes it.
std::vector<std::string> Texts(const Json& list);

}  // namespace jetsam::emit
