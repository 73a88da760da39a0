#pragma once
// Matching an ARN (which may hold IAM wildcards) against an ARN format of the service
// reference, with what each of the format's variables may hold (iamdata/layout.h's kVarSlash,
// kVarColon). Shared by ArnMatchesFormat and the catalog's exact classification.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jetsam::iam {

// ASCII-only case folding: IAM compares names case-insensitively byte by byte.
inline char Fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace jetsam::iam

namespace jetsam::iam::internal {

// `flags[i]` belongs to the i-th ${...} of `format`; variables past `count` may hold '/' but
// not ':'. Linear in arn.size() * format.size(), memory linear in format.size().
bool MatchArnFormat(std::string_view arn, std::string_view format, const std::uint8_t* flags, std::size_t count);

}  // namespace jetsam::iam::internal
