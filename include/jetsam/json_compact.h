// JSON on one line, as jetsam's stages write it for keys, sizes and messages: no spaces, and a
// string that is not UTF-8 written with U+FFFD instead of throwing.
#pragma once
#include <string>

namespace jetsam {

// Any nlohmann JSON type (json, ordered_json): a conversion would reorder an ordered object's keys.
template <class Json>
std::string CompactJson(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace jetsam
