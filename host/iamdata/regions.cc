// The AWS regions by partition: a region that no partition has, or that belongs to another
// partition than the ARN's, names nothing (Access Analyzer's invalid ARN region and invalid
// region). New regions open every year: this list says what it knew when, and the checks that use
// it are warnings that say so.
#include <algorithm>
#include <iterator>
#include <string_view>

#include "jetsam/iamdata.h"

namespace jetsam::iam {
namespace {

struct RegionOf {
  std::string_view region, partition;
};

// Sorted by region (KnownRegionPartition bisects). The commercial partition's opened regions, China
// and GovCloud, as of 2026.
constexpr RegionOf kRegions[] = {
    {"af-south-1", "aws"},     {"ap-east-1", "aws"},      {"ap-east-2", "aws"},      {"ap-northeast-1", "aws"},
    {"ap-northeast-2", "aws"}, {"ap-northeast-3", "aws"}, {"ap-south-1", "aws"},     {"ap-south-2", "aws"},
    {"ap-southeast-1", "aws"}, {"ap-southeast-2", "aws"}, {"ap-southeast-3", "aws"}, {"ap-southeast-4", "aws"},
    {"ap-southeast-5", "aws"}, {"ap-southeast-6", "aws"}, {"ap-southeast-7", "aws"}, {"ca-central-1", "aws"},
    {"ca-west-1", "aws"},      {"cn-north-1", "aws-cn"},  {"cn-northwest-1", "aws-cn"}, {"eu-central-1", "aws"},
    {"eu-central-2", "aws"},   {"eu-north-1", "aws"},     {"eu-south-1", "aws"},     {"eu-south-2", "aws"},
    {"eu-west-1", "aws"},      {"eu-west-2", "aws"},      {"eu-west-3", "aws"},      {"il-central-1", "aws"},
    {"me-central-1", "aws"},   {"me-south-1", "aws"},     {"mx-central-1", "aws"},   {"sa-east-1", "aws"},
    {"us-east-1", "aws"},      {"us-east-2", "aws"},      {"us-gov-east-1", "aws-us-gov"},
    {"us-gov-west-1", "aws-us-gov"}, {"us-west-1", "aws"}, {"us-west-2", "aws"},
};

constexpr bool SortedByRegion() {
  for (std::size_t i = 1; i < std::size(kRegions); ++i)
    if (!(kRegions[i - 1].region < kRegions[i].region)) return false;
  return true;
}
static_assert(SortedByRegion(), "kRegions must stay sorted by region: KnownRegionPartition bisects it");

}  // namespace

std::string_view KnownRegionPartition(std::string_view region) {
  auto it = std::lower_bound(std::begin(kRegions), std::end(kRegions), region,
                             [](const RegionOf& r, std::string_view name) { return r.region < name; });
  return it != std::end(kRegions) && it->region == region ? it->partition : std::string_view{};
}

bool RegionsListed(std::string_view partition) {
  return partition == "aws" || partition == "aws-cn" || partition == "aws-us-gov";
}

}  // namespace jetsam::iam
