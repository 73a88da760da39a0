#include "analyze/can_values.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "jetsam/iamdata.h"

namespace jetsam::analyze {
namespace {

bool Digits(std::string_view s, std::size_t n, int* out) {
  if (s.size() < n) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

// "1a2b::" groups of an IPv6 address, each at most 4 hex digits.
bool ParseHexGroups(std::string_view s, std::vector<std::uint16_t>* out) {
  if (s.empty()) return true;
  std::size_t start = 0;
  while (true) {
    std::size_t colon = s.find(':', start);
    std::string_view g = s.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
    if (g.empty() || g.size() > 4) return false;
    unsigned v = 0;
    for (char c : g) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<unsigned>(d);
    }
    out->push_back(static_cast<std::uint16_t>(v));
    if (colon == std::string_view::npos) return true;
    start = colon + 1;
  }
}

bool ParseV4(std::string_view s, std::uint8_t out[4]) {
  int part = 0;
  std::size_t i = 0;
  while (part < 4) {
    std::size_t j = i;
    unsigned v = 0;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 3) v = v * 10 + static_cast<unsigned>(s[j++] - '0');
    if (j == i || v > 255) return false;
    out[part++] = static_cast<std::uint8_t>(v);
    if (part < 4) {
      if (j >= s.size() || s[j] != '.') return false;
      ++j;
    }
    i = j;
  }
  return i == s.size();
}

}  // namespace

bool ParseNumber(std::string_view s, long double* out) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
  const std::string text(s);
  char* end = nullptr;
  *out = std::strtold(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

bool ParseDate(std::string_view s, long double* out) {
  if (s.find('-', 1) == std::string_view::npos) return ParseNumber(s, out);  // epoch seconds
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!Digits(s, 4, &y) || s.size() < 10 || s[4] != '-' || !Digits(s.substr(5), 2, &mo) || s[7] != '-' ||
      !Digits(s.substr(8), 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
    return false;
  std::string_view rest = s.substr(10);
  long double frac = 0;
  long long offset = 0;
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return false;
    rest.remove_prefix(1);
    if (!Digits(rest, 2, &h) || rest.size() < 5 || rest[2] != ':' || !Digits(rest.substr(3), 2, &mi)) return false;
    rest.remove_prefix(5);
    if (!rest.empty() && rest[0] == ':') {
      if (!Digits(rest.substr(1), 2, &sec)) return false;
      rest.remove_prefix(3);
      if (!rest.empty() && rest[0] == '.') {
        std::size_t n = 1;
        while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
        if (n == 1) return false;
        long double f = 0;
        if (!ParseNumber("0" + std::string(rest.substr(0, n)), &f)) return false;
        frac = f;
        rest.remove_prefix(n);
      }
    }
    if (rest == "Z" || rest == "z") {
      rest = {};
    } else if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
      int oh, om = 0;
      if (!Digits(rest.substr(1), 2, &oh)) return false;
      std::string_view tz = rest.substr(3);
      if (!tz.empty() && tz[0] == ':') tz.remove_prefix(1);
      if (!tz.empty() && !Digits(tz, 2, &om)) return false;
      if (!tz.empty() && tz.size() != 2) return false;
      offset = (rest[0] == '+' ? 1 : -1) * (oh * 3600LL + om * 60LL);
      rest = {};
    }
    if (!rest.empty() || h > 23 || mi > 59 || sec > 60) return false;
  }
  const long long days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  *out = static_cast<long double>(days * 86400LL + h * 3600LL + mi * 60LL + sec - offset) + frac;
  return true;
}

bool ParseIp(std::string_view s, IpAddress* out) {
  *out = IpAddress{};
  if (s.find(':') == std::string_view::npos) {
    std::uint8_t v4[4];
    if (!ParseV4(s, v4)) return false;
    out->bytes[10] = out->bytes[11] = 0xff;
    for (int i = 0; i < 4; ++i) out->bytes[12 + i] = v4[i];
    out->v4 = true;
    return true;
  }
  // IPv6, possibly with "::" and an IPv4 tail.
  std::uint8_t tail[4];
  bool has_tail = false;
  std::size_t last_colon = s.rfind(':');
  if (s.find('.', last_colon) != std::string_view::npos) {
    if (!ParseV4(s.substr(last_colon + 1), tail)) return false;
    has_tail = true;
    s = s.substr(0, last_colon + 1);
    if (s.size() >= 2 && s.substr(s.size() - 2) == "::") {
      // keep the "::"
    } else {
      s.remove_suffix(1);
    }
  }
  std::vector<std::uint16_t> head, back;
  const std::size_t gap = s.find("::");
  if (gap != std::string_view::npos) {
    if (s.find("::", gap + 1) != std::string_view::npos) return false;
    if (!ParseHexGroups(s.substr(0, gap), &head) || !ParseHexGroups(s.substr(gap + 2), &back)) return false;
  } else if (!ParseHexGroups(s, &head)) {
    return false;
  }
  const std::size_t groups = head.size() + back.size() + (has_tail ? 2 : 0);
  if (groups > 8 || (gap == std::string_view::npos && groups != 8)) return false;
  std::size_t k = 0;
  for (std::uint16_t g : head) {
    out->bytes[k++] = static_cast<std::uint8_t>(g >> 8);
    out->bytes[k++] = static_cast<std::uint8_t>(g);
  }
  k = 16 - 2 * back.size() - (has_tail ? 4 : 0);
  for (std::uint16_t g : back) {
    out->bytes[k++] = static_cast<std::uint8_t>(g >> 8);
    out->bytes[k++] = static_cast<std::uint8_t>(g);
  }
  if (has_tail)
    for (int i = 0; i < 4; ++i) out->bytes[12 + i] = tail[i];
  return true;
}

bool IpInCidr(const IpAddress& ip, std::string_view cidr) {
  std::string_view addr = cidr;
  int bits = -1;
  if (std::size_t slash = cidr.find('/'); slash != std::string_view::npos) {
    addr = cidr.substr(0, slash);
    std::string_view b = cidr.substr(slash + 1);
    if (b.empty() || b.size() > 3) return false;
    bits = 0;
    for (char c : b) {
      if (c < '0' || c > '9') return false;
      bits = bits * 10 + (c - '0');
    }
  }
  IpAddress net;
  if (!ParseIp(addr, &net) || net.v4 != ip.v4) return false;
  const int max = net.v4 ? 32 : 128;
  if (bits < 0) bits = max;
  if (bits > max) return false;
  const int total = (net.v4 ? 96 : 0) + bits;  // IPv4 sits in the last 32 bits
  for (int i = 0; i < total; ++i) {
    const int byte = i / 8, shift = 7 - i % 8;
    if (((net.bytes[byte] >> shift) & 1) != ((ip.bytes[byte] >> shift) & 1)) return false;
  }
  return true;
}

bool ArnLike(std::string_view pattern, std::string_view arn) {
  // Split both into six parts: the first five ':' separate, the resource part keeps the rest.
  auto split = [](std::string_view s, std::string_view parts[6]) {
    for (int i = 0; i < 5; ++i) {
      std::size_t colon = s.find(':');
      if (colon == std::string_view::npos) return false;
      parts[i] = s.substr(0, colon);
      s.remove_prefix(colon + 1);
    }
    parts[5] = s;
    return true;
  };
  std::string_view p[6], a[6];
  if (!split(pattern, p)) return iam::IamWildcardMatch(pattern, arn, false);  // "*", or not ARN-shaped
  if (!split(arn, a)) return false;
  for (int i = 0; i < 6; ++i)
    if (!iam::IamWildcardMatch(p[i], a[i], false)) return false;
  return true;
}

}  // namespace jetsam::analyze
