#include "analyze/arn_fit.h"
#include "analyze/policy_match.h"

namespace jetsam::analyze {
namespace {

// "arn:${Partition}:s3:::${BucketName}/${ObjectName}" -> "arn:${Partition}:s3:::jetsam-probe/jetsam-probe"
std::string Probe(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t close = s.find('}', i + 2);
      if (close != std::string_view::npos) {
        out += "jetsam-probe";
        i = close + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// The pattern names every resource of the format, whatever its partition, region and account.
bool CoversFormat(const ArnFields& p, const ArnFields& format) {
  return iam::IamWildcardMatch(p.service, format.service, false) &&
         iam::IamWildcardMatch(p.resource, Probe(format.resource), false);
}

bool AllWildcard(std::string_view s) { return !s.empty() && s.find_first_not_of("*") == std::string_view::npos; }

}  // namespace

bool SplitArn(std::string_view arn, ArnFields* out) {
  if (arn.rfind("arn:", 0) != 0) return false;
  std::string_view rest = arn.substr(4);
  std::string* fields[] = {&out->partition, &out->service, &out->region, &out->account};
  for (std::string* f : fields) {
    const std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return false;
    *f = std::string(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  out->resource = std::string(rest);
  return true;
}

bool ResourceTypeFit::TypeFits(std::string_view pattern, std::string_view service, std::string_view type,
                               std::string_view format) {
  if (pattern.size() > kMaxArnLength) return false;
  std::string key;
  key.reserve(pattern.size() + service.size() + type.size() + format.size() + 3);
  key.append(pattern).append(1, '\0').append(service).append(1, '\0').append(type).append(1, '\0').append(format);
  auto it = fits_.find(key);
  if (it == fits_.end()) it = fits_.emplace(std::move(key), cat_.ArnFitsResourceType(pattern, service, type, format)).first;
  return it->second;
}

bool ResourceTypeFit::Fits(std::string_view pattern, const TypedFormat& format) {
  return TypeFits(pattern, format.service, format.type, format.format);
}

const std::vector<TypedFormat>& ResourceTypeFit::Formats(std::string_view service) {
  auto it = by_service_.find(service);
  if (it != by_service_.end()) return it->second;
  std::vector<TypedFormat> out;
  for (const auto& rt : cat_.ResourceTypes(service)) {
    for (std::string_view f : iam::SplitArnFormats(rt.arn_format)) {
      TypedFormat t{std::string(service), rt.name, std::string(f), {}};
      SplitArn(t.format, &t.fields);
      out.push_back(std::move(t));
    }
  }
  return by_service_.emplace(std::string(service), std::move(out)).first->second;
}

std::vector<const TypedFormat*> ResourceTypeFit::TypesOf(std::string_view pattern) {
  std::vector<const TypedFormat*> out;
  ArnFields fields;
  if (!SplitArn(pattern, &fields)) return out;
  std::vector<std::string> services;
  if (HasWildcard(fields.service)) {
    for (auto& s : cat_.ServicePrefixes())
      if (iam::IamWildcardMatch(fields.service, s, false)) services.push_back(std::move(s));
  } else {
    services.push_back(fields.service);
  }
  for (const auto& s : services)
    for (const auto& f : Formats(s))
      if (Fits(pattern, f)) out.push_back(&f);
  return out;
}

bool ResourceTypeFit::ActionFits(const iam::ActionInfo& action, std::string_view pattern) {
  bool any_format = false;
  for (const auto& row : action.resource_types) {
    if (row.arn_format.empty()) continue;  // a row of condition keys only
    any_format = true;
    if (TypeFits(pattern, action.service, row.name)) return true;
  }
  if (any_format) return false;
  // No resource-level permissions: IAM matches the statement's Resource against "*" (written as
  // "*", or as an ARN of the service whose resource part is "*").
  if (AllWildcard(pattern)) return true;
  ArnFields fields;
  return SplitArn(pattern, &fields) && iam::IamWildcardMatch(fields.service, action.service, false) &&
         AllWildcard(fields.resource);
}

bool ResourceTypeFit::CoversAType(const iam::ActionInfo& action, std::string_view pattern) {
  if (AllWildcard(pattern)) return true;
  ArnFields p;
  if (!SplitArn(pattern, &p)) return false;
  bool any_format = false;
  for (const auto& row : action.resource_types) {
    for (std::string_view f : iam::SplitArnFormats(row.arn_format)) {
      any_format = true;
      ArnFields format;
      if (SplitArn(f, &format) && CoversFormat(p, format)) return true;
    }
  }
  return !any_format && ActionFits(action, pattern);
}

}  // namespace jetsam::analyze
