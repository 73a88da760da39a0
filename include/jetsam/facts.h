// Offline answers to the AWS look-ups that config files make.
#pragma once
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "jetsam/status.h"

namespace jetsam {

// A facts file (YAML or JSON) holds any of:
//   region: us-west-2
//   account: "123456789012"
//   s3_bucket: demo-dev-s3bucket-1a2b3c
//   acm_cert_arn:        { "example.com": "arn:aws:acm:..." }
//   web_acl_arn:         { "my-acl": "arn:aws:wafv2:..." }
//   vpc_id:              { "main": "vpc-0abc" }
//   subnet_ids:          { "private-a": "subnet-0a", "private-b": "subnet-0b" }
//   security_group_ids:  { "web": "sg-0abc" }
//   default_vpc_id: vpc-0def
//   default_subnet_ids: [subnet-1, subnet-2]
//   default_security_group_id: sg-0def
//   ruby:     { RUBY_VERSION: 3.3.1 }          the RUBY_* constants a config sees
//   rbconfig: { host_cpu: x86_64 }             RbConfig::CONFIG entries
//   root: /srv/app                             Jets.root
// See samples/facts.yml.
struct Facts {
  std::optional<std::string> region;
  std::optional<std::string> account;
  std::optional<std::string> s3_bucket;
  nlohmann::json lookups = nlohmann::json::object();  // every other key of the file

  // Reads a facts file; errors name the file and line.
  static Status Load(const std::string& path, Facts* out);
  // Fields set in `over` win over this one's.
  void MergeFrom(const Facts& over);
};

}  // namespace jetsam
