// What a `can` question takes besides the action and resource, as jetsam can and the sidecar's
// /v1/can both spell it: the request context and the partition.
#include <fmt/format.h>

#include "jetsam/analyze.h"

namespace jetsam {

Status ParseRequestContext(const std::vector<std::string>& pairs, const std::vector<std::string>& absent,
                           const CanContextNames& names, RequestContext* out) {
  for (const auto& kv : pairs) {
    const std::size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0 || kv.find(':') > eq) {
      return Status::Usage(fmt::format("{}{}: not KEY=VALUE", names.context, kv),
                           fmt::format("e.g. {}aws:SourceIp=203.0.113.7 (repeat a key for a multivalued one)", names.context));
    }
    out->Add(kv.substr(0, eq), kv.substr(eq + 1));
  }
  for (const auto& k : absent) {
    if (k.empty() || k.find(':') == std::string::npos)
      return Status::Usage(fmt::format("{}{}: not a condition key", names.absent, k),
                           fmt::format("e.g. {}aws:MultiFactorAuthPresent", names.absent));
    out->SetAbsent(k);
  }
  return Status::Ok();
}

std::string PartitionOfRegion(const std::optional<std::string>& region) {
  if (!region) return "aws";
  if (region->rfind("cn-", 0) == 0) return "aws-cn";
  if (region->rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

}  // namespace jetsam
