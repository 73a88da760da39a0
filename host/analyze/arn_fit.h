// Which resource types a policy's Resource can name, read from the ARN formats of the IAM
// reference (jetsam/iamdata.h): what lint's ARN and risk rules share. The matching itself is the
// catalog's (Catalog::ArnFitsResourceType, what `can` classifies by too): a ${BucketName} never
// holds '/'. This adds what lint asks beyond it: formats by service, coverage of a whole type.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jetsam/iamdata.h"

namespace jetsam::analyze {

// An ARN's six fields; `resource` is everything after the fifth ':'.
struct ArnFields {
  std::string partition, service, region, account, resource;
};
// False when `arn` does not start with "arn:" or has fewer than six fields.
bool SplitArn(std::string_view arn, ArnFields* out);

// One ARN format of a resource type (a type may have several: iam::SplitArnFormats).
struct TypedFormat {
  std::string service, type, format;
  ArnFields fields;    // the format's own fields (region "${Region}", "" or a literal)
};

class ResourceTypeFit {
 public:
  explicit ResourceTypeFit(const iam::Catalog& cat) : cat_(cat) {}

  // The formats of a service's resource types (empty for an unknown service).
  const std::vector<TypedFormat>& Formats(std::string_view service);

  // Whether `pattern` (an ARN with IAM wildcards) can name a resource of `format`'s type through
  // that format. False for a pattern longer than any ARN.
  bool Fits(std::string_view pattern, const TypedFormat& format);

  // The types whose resources `pattern` (an ARN with IAM wildcards; placeholders already turned
  // into '*') can name: of its service, or of every service when the service field has a wildcard.
  std::vector<const TypedFormat*> TypesOf(std::string_view pattern);

  // Whether `pattern` can name a resource `action` acts on. An action with no resource type
  // takes only "*" (IAM evaluates it against "*").
  bool ActionFits(const iam::ActionInfo& action, std::string_view pattern);

  // Whether `pattern` names every resource of a type `action` acts on, in some account and
  // region: "*", "arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/*", "arn:aws:s3:::*/*".
  bool CoversAType(const iam::ActionInfo& action, std::string_view pattern);

 private:
  // The catalog's answer, remembered: a role's statements ask the same few (type, pattern)
  // pairs for every action of a wildcard ("s3:*" acts on a handful of types).
  bool TypeFits(std::string_view pattern, std::string_view service, std::string_view type, std::string_view format = {});

  const iam::Catalog& cat_;
  std::map<std::string, std::vector<TypedFormat>, std::less<>> by_service_;
  std::unordered_map<std::string, bool> fits_;
};

// The longest ARN AWS takes; a longer pattern names no resource.
constexpr std::size_t kMaxArnLength = 2048;

}  // namespace jetsam::analyze
