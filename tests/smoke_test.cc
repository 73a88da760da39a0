#include <gtest/gtest.h>
#include "jetsam/version.h"
TEST(Version, IsSet) { EXPECT_STRNE(jetsam::Version(), ""); }
