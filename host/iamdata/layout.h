#pragma once
// The layout of the embedded IAM catalog: plain tables that data/iam/iamdata_gen.cc writes at
// build time as C++ arrays (${CMAKE_BINARY_DIR}/generated/iamdata_tables.cc) and that
// host/iamdata/catalog.cc reads where the binary's read-only data holds them. Loading is taking
// their addresses: nothing is inflated or parsed up front. Descriptions are phrase-coded (a byte
// stands for a frequent word: each one reads back on its own, by table look-ups), and only the
// managed policies' documents are compressed, one stream per policy with a shared preset
// dictionary, inflated when a query returns that policy.
//
// Included by the generator (a host tool) and by the catalog, so both agree on every field.
// Change kFormat whenever a field changes.
#include <cstddef>
#include <cstdint>

namespace jetsam::iam::layout {

inline constexpr std::uint32_t kFormat = 5;

// A string: the offset in kPool of a LEB128 length followed by that many bytes.
using StrRef = std::uint32_t;
// A list of strings: its index in kListOffsets, which gives the offset in kLists of a count
// followed by that many StrRefs. Lists repeat a lot (about a thousand distinct ones).
using ListId = std::uint16_t;

// What the variables of an ARN format may hold beyond "one or more characters": two bits per
// variable, the i-th ${...} of the format at bits 2i and 2i+1 (at most 16 variables). A type with
// several formats (arn_format.h's SplitAlternatives) has the variables of each in turn.
inline constexpr std::uint32_t kVarSlash = 1;  // the variable may hold '/'
inline constexpr std::uint32_t kVarColon = 2;  // the variable may hold ':'
inline constexpr int kMaxFormatVariables = 16;

struct Global {  // a global condition key (aws:*), sorted by lower-cased key
  StrRef key, type, category;
};

struct Service {  // sorted by lower-cased prefix
  StrRef prefix, name;
  std::uint32_t rtype_begin, ckey_begin, action_begin;  // first row in kRTypes, kCKeys, kActions
  std::uint16_t rtype_count, ckey_count, action_count, reserved;
};

// A description is a pool string in phrase code: a byte below 0x80 is itself; 0x80 + i (up to
// 0xEF) is kPhrases[i]; 0xF0 + h followed by a byte l is kPhrases[kOnePhrases + h * 256 + l];
// 0xFF escapes the byte after it (text that is not ASCII).
inline constexpr unsigned kOnePhrases = 0xF0 - 0x80;
inline constexpr unsigned kTwoPhrases = (0xFF - 0xF0) * 256;

struct RType {  // a resource type, sorted by lower-cased name within its service
  StrRef name, arn;
  std::uint32_t var_flags;  // kVarSlash / kVarColon of each variable of arn
  ListId keys;
  std::uint16_t reserved;
};

struct CKey {  // a service condition key, sorted by lower-cased key within its service
  StrRef key, type, description;
};

struct Action {  // sorted by lower-cased name within its service
  StrRef name, description;
  std::uint16_t res_begin;  // first row in kActionRes (rows are shared by actions that list the same)
  ListId keys, deps;
  std::uint16_t service;    // index in kServices
  std::uint8_t res_count;
  // Access-level flags: 1 List, 2 Read, 4 Write, 8 Permissions management, 16 Tagging.
  std::uint8_t levels;
};

struct ActionRes {  // one row of an action's resource-type table
  StrRef name;
  ListId keys, deps;
  std::uint16_t rtype;  // index in the service's resource types + 1; 0: no such resource type
  std::uint8_t required, reserved;
};

struct Policy {  // an AWS managed policy, sorted by name, then path (byte order)
  StrRef name, path, version, created, updated;
  // The document (compact JSON) in kPolicyDocs: raw deflate with kPolicyDict as preset dictionary.
  std::uint32_t doc_begin, doc_size, doc_raw_size;
};

}  // namespace jetsam::iam::layout
