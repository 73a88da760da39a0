// The typed comparisons behind the Condition operators: numbers, dates, IP addresses and CIDR
// blocks, ARNs. Each parse returns false on text the type does not accept.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace jetsam::analyze {

// A decimal number ("10", "-2.5"), as IAM's Numeric operators read it.
bool ParseNumber(std::string_view s, long double* out);

// An ISO 8601 date or date-time ("2026-01-31", "2026-01-31T12:00:00Z", with fractions or an
// offset such as "+02:00"), or a POSIX epoch in seconds ("1767225600"): seconds since the epoch.
bool ParseDate(std::string_view s, long double* out);

// An IPv4 or IPv6 address, as 16 bytes (IPv4 as ::ffff:a.b.c.d, so both kinds compare alike).
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
};
bool ParseIp(std::string_view s, IpAddress* out);
// Whether `ip` lies in `cidr` ("203.0.113.0/24", "2001:db8::/32", or a lone address).
bool IpInCidr(const IpAddress& ip, std::string_view cidr);

// ArnLike / ArnEquals: each of the six ':'-separated parts matched on its own, with IAM
// wildcards in the pattern's parts (case-sensitive).
bool ArnLike(std::string_view pattern, std::string_view arn);

}  // namespace jetsam::analyze
