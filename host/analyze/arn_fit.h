// Which resource types a policy's Resource can name, read from the ARN formats of the IAM
// reference (jetsam/iamdata.h): what lint's ARN and risk rules share. A catalog query of lint's
// own, built on Catalog::ResourceTypes; the matching rule for variables is stricter than
// iam::ArnMatchesFormat's: a ${BucketName} never holds '/'.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/iamdata.h"

namespace jetsam::analyze {

// An ARN's six fields; `resource` is everything after the fifth ':'.
struct ArnFields {
  std::string partition, service, region, account, resource;
};
// False when `arn` does not start with "arn:" or has fewer than six fields.
bool SplitArn(std::string_view arn, ArnFields* out);

// One resource type's ARN format, read for matching. A ${Variable} stands for one or more
// characters other than ':', except the last variable of a format whose resource part has no ':'
// (S3 object keys). It holds no '/' where the format follows it with '/' ("table/${TableName}/
// index/..."), nor, at the end of a format, where another type of the same service extends the
// format with '/' (a bucket, whose objects are bucket/key) or the service's naming rules forbid it
// (bucket, queue, topic, table and function names); elsewhere it may (log group names, secret
// names, role paths).
struct TypedFormat {
  std::string service, type, format;
  struct Token {
    char c = 0;        // a literal character, or 0 for a variable
    bool colon_ok = false, slash_ok = false;
  };
  std::vector<Token> tokens;
  ArnFields fields;    // the format's own fields (region "${Region}", "" or a literal)
};

class ResourceTypeFit {
 public:
  explicit ResourceTypeFit(const iam::Catalog& cat) : cat_(cat) {}

  // The formats of a service's resource types (empty for an unknown service).
  const std::vector<TypedFormat>& Formats(std::string_view service);

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
  const TypedFormat* FormatOf(const std::string& format);

  const iam::Catalog& cat_;
  std::map<std::string, std::vector<TypedFormat>, std::less<>> by_service_;
  std::map<std::string, TypedFormat, std::less<>> loose_;  // formats no service lists as its own
};

// The longest ARN AWS takes; a longer pattern names no resource.
constexpr std::size_t kMaxArnLength = 2048;

// Whether the ARN pattern and the format can name a common resource. Linear in the pattern's
// length times the format's.
bool PatternFitsFormat(std::string_view pattern, const TypedFormat& format);

}  // namespace jetsam::analyze
