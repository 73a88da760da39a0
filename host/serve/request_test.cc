#include "serve/request.h"

#include <gtest/gtest.h>

namespace jetsam::serve {
namespace {

Request Parse(const std::string& path, const std::string& query, Status* s = nullptr) {
  Request r;
  bool not_found = false;
  Status st = ParseRequest(path, query, &r, &not_found);
  if (s) *s = st;
  return r;
}

TEST(ServeRequest, ParsesEachEndpointsParameters) {
  Request r = Parse("/v1/roles", "env=prod&role=lambda&role=ci&format=yaml&extra=2");
  EXPECT_EQ(r.endpoint, Endpoint::kRoles);
  EXPECT_EQ(r.envs, std::vector<std::string>{"prod"});
  EXPECT_EQ(r.roles, (std::vector<std::string>{"lambda", "ci"}));
  EXPECT_EQ(r.format, "yaml");
  EXPECT_EQ(r.extra, "2");
  r = Parse("/v1/can", "role=lambda&action=s3%3AGetObject&resource=arn:aws:s3:::b/k%2A");
  EXPECT_EQ(r.actions, std::vector<std::string>{"s3:GetObject"});
  EXPECT_EQ(r.resource, "arn:aws:s3:::b/k*");
  // As jetsam can: several actions, a repeatable context, absent keys.
  r = Parse("/v1/can", "role=ci&action=s3:GetObject&action=s3:PutObject&context=aws:SourceIp%3D10.0.0.1&context=aws:SourceIp=10.0.0.2&absent=aws:MultiFactorAuthPresent");
  EXPECT_EQ(r.actions, (std::vector<std::string>{"s3:GetObject", "s3:PutObject"}));
  EXPECT_EQ(r.context, (std::vector<std::string>{"aws:SourceIp=10.0.0.1", "aws:SourceIp=10.0.0.2"}));
  EXPECT_EQ(r.absent, std::vector<std::string>{"aws:MultiFactorAuthPresent"});
  EXPECT_TRUE(Parse("/v1/lint", "strict=true").strict);
  EXPECT_TRUE(Parse("/v1/settings", "changed").changed);
}

TEST(ServeRequest, RefusesWhatItDoesNotKnow) {
  Request r;
  bool not_found = false;
  EXPECT_FALSE(ParseRequest("/v1/rolez", "", &r, &not_found).ok());
  EXPECT_TRUE(not_found);
  for (const char* q : {"env=a%2Fb", "env=", "role=admin", "format=xml", "dir=/etc", "env=a&env=b", "env=%zz",
                        "env=a%00b", "env=%ff", "extra=%c3"}) {
    Status s;
    Parse("/v1/roles", q, &s);
    EXPECT_EQ(s.code(), Status::Code::kUsage) << q;
  }
  Status s;
  Parse("/v1/can", "role=lambda&action=s3:GetObject&resource=arn:%ff", &s);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  Parse("/v1/diff", "env=dev", &s);
  EXPECT_FALSE(s.ok());
  Parse("/v1/diff", "env=dev&rev=HEAD%20~1", &s);
  EXPECT_FALSE(s.ok());
  Parse("/v1/can", "role=all&action=s3:GetObject", &s);
  EXPECT_FALSE(s.ok());
  Parse("/v1/can", "role=ci&action=s3:GetObject&resource=arn:aws:s3:::a&resource=arn:aws:s3:::b", &s);
  EXPECT_FALSE(s.ok());  // one resource, as the command takes
  std::string many;
  for (int i = 0; i < 130; ++i) many += "role=ci&";
  Parse("/v1/roles", many, &s);
  EXPECT_FALSE(s.ok());
}

TEST(ServeRequest, KeyIsCanonical) {
  Request a = Parse("/v1/roles", "role=ci&env=prod");
  Request b = Parse("/v1/roles", "env=prod&role=ci");
  EXPECT_EQ(a.Key(), b.Key());
  EXPECT_NE(a.Key(), Parse("/v1/roles", "env=prod&role=lambda").Key());
  Request c = Parse("/v1/can", "role=ci&action=s3:GetObject&context=aws:SourceIp=10.0.0.1&absent=aws:userid");
  EXPECT_EQ(c.Key(), Parse("/v1/can", "absent=aws:userid&context=aws:SourceIp=10.0.0.1&action=s3:GetObject&role=ci").Key());
  EXPECT_NE(c.Key(), Parse("/v1/can", "role=ci&action=s3:GetObject&context=aws:SourceIp=10.0.0.2&absent=aws:userid").Key());
}

}  // namespace
}  // namespace jetsam::serve
