// Length-prefixed fields ("LENGTH:BYTES"), the form in which eval's inputs cross to another
// process (CheckoutFiles, Sources, an evaluation's input: eval/evaluation_input.h).
#pragma once
#include <cstddef>
#include <string>

namespace jetsam::eval {

inline void PutBytes(std::string* out, const std::string& s) {
  out->append(std::to_string(s.size()));
  out->push_back(':');
  out->append(s);
}

// Reads the field at `*pos` into `out` and moves past it; false (nothing moved) when the bytes
// there are not a field.
bool GetBytes(const std::string& in, size_t* pos, std::string* out);

// A count (or a limit) written as a field; false when the field is not a number of at most 18
// digits.
bool GetCount(const std::string& in, size_t* pos, size_t* out);

}  // namespace jetsam::eval
