#include <gtest/gtest.h>

#include "jetsam/iamdata.h"

namespace jetsam::iam {
namespace {

TEST(Regions, KnowsEachPartitionsRegions) {
  EXPECT_EQ(KnownRegionPartition("us-east-1"), "aws");
  EXPECT_EQ(KnownRegionPartition("af-south-1"), "aws");   // the list's first
  EXPECT_EQ(KnownRegionPartition("us-west-2"), "aws");    // and its last
  EXPECT_EQ(KnownRegionPartition("ap-southeast-7"), "aws");
  EXPECT_EQ(KnownRegionPartition("cn-northwest-1"), "aws-cn");
  EXPECT_EQ(KnownRegionPartition("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(KnownRegionPartition("us-west-9"), "");
  EXPECT_EQ(KnownRegionPartition("US-EAST-1"), "");  // regions are lower case
  EXPECT_EQ(KnownRegionPartition(""), "");
  EXPECT_TRUE(RegionsListed("aws-cn"));
  EXPECT_FALSE(RegionsListed("aws-iso"));  // its regions are not listed: nothing is said of them
}

}  // namespace
}  // namespace jetsam::iam
