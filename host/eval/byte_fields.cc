#include "eval/byte_fields.h"

namespace jetsam::eval {

bool GetBytes(const std::string& in, size_t* pos, std::string* out) {
  constexpr size_t kMaxDigits = 12;
  size_t n = 0, at = *pos;
  for (; at < in.size() && at - *pos <= kMaxDigits && in[at] >= '0' && in[at] <= '9'; ++at)
    n = n * 10 + static_cast<size_t>(in[at] - '0');
  if (at == *pos || at - *pos > kMaxDigits || at >= in.size() || in[at] != ':') return false;
  if (n > in.size() - at - 1) return false;
  *out = in.substr(at + 1, n);
  *pos = at + 1 + n;
  return true;
}

bool GetCount(const std::string& in, size_t* pos, size_t* out) {
  size_t at = *pos;
  std::string digits;
  if (!GetBytes(in, &at, &digits) || digits.empty() || digits.size() > 18) return false;  // fits int64_t
  size_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  *out = n;
  *pos = at;
  return true;
}

}  // namespace jetsam::eval
