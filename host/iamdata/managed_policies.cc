// The IAM catalog's AWS managed policies: names and paths from the tables, each document
// inflated (with the shared dictionary) when its policy is asked for.
#include "iamdata/catalog_tables.h"

namespace jetsam::iam {
namespace {

// "arn:aws:iam::aws:policy/service-role/X", "/service-role/X", "service-role/X", "X" ->
// partition ("aws" unless an ARN says otherwise), path ("/service-role/"), name. False: an
// ARN that is not an AWS managed policy's.
bool SplitPolicyRef(std::string_view in, std::string* partition, std::string* path, std::string* name) {
  *partition = "aws";
  std::string_view rest = in;
  if (in.rfind("arn:", 0) == 0) {
    std::size_t colon = in.find(':', 4);
    if (colon == std::string_view::npos) return false;
    *partition = std::string(in.substr(4, colon - 4));
    std::string_view tail = in.substr(colon);
    constexpr std::string_view kHead = ":iam::aws:policy/";
    if (partition->empty() || tail.rfind(kHead, 0) != 0) return false;
    rest = tail.substr(kHead.size() - 1);  // keep the leading '/'
  }
  std::size_t slash = rest.rfind('/');
  if (slash == std::string_view::npos) {
    *path = "/";
    *name = std::string(rest);
  } else {
    *name = std::string(rest.substr(slash + 1));
    std::string_view dir = rest.substr(0, slash + 1);
    *path = dir.front() == '/' ? std::string(dir) : "/" + std::string(dir);
  }
  return !name->empty();
}

std::string Qualified(const layout::Policy& p) { return std::string(Str(p.path).substr(1)) + std::string(Str(p.name)); }

}  // namespace

std::string ManagedPolicyInfo::QualifiedName() const {
  std::string_view dir = path;
  while (!dir.empty() && dir.front() == '/') dir.remove_prefix(1);
  return std::string(dir) + name;
}

std::optional<ManagedPolicyInfo> Catalog::FindManagedPolicy(std::string_view name_or_arn) const {
  std::string partition, path, name;
  if (!SplitPolicyRef(name_or_arn, &partition, &path, &name)) return std::nullopt;
  if (const layout::Policy* p = Impl::FindPolicy(name, path)) return Impl::PolicyInfo(*p, partition);
  return std::nullopt;
}

std::optional<ManagedPolicyInfo> Catalog::FindManagedPolicyByName(std::string_view name) const {
  if (const layout::Policy* p = Impl::FindPolicy(name, {})) return Impl::PolicyInfo(*p, "aws");
  return std::nullopt;
}

std::vector<std::string> Catalog::SuggestManagedPolicy(std::string_view name_or_arn, std::size_t max) const {
  std::string partition, path, name;
  if (!SplitPolicyRef(name_or_arn, &partition, &path, &name)) {
    // Not a managed-policy ARN: still try its last segment.
    std::size_t slash = name_or_arn.find_last_of("/:");
    name = std::string(slash == std::string_view::npos ? name_or_arn : name_or_arn.substr(slash + 1));
  }
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  std::vector<std::tuple<std::size_t, int, std::string>> scored;
  for (std::size_t i = 0; i < g::kPolicyCount; ++i) {
    const layout::Policy& p = g::kPolicies[i];
    std::string_view pname = Str(p.name);
    if (TooFar(name, pname, limit)) continue;
    std::size_t d = EditDistance(name, pname);
    if (d > limit) continue;
    // Same distance: the policy at the asked path first.
    scored.emplace_back(d, Str(p.path) == path ? 0 : 1, Qualified(p));
  }
  return Best(scored, max);
}

std::vector<std::string> Catalog::ManagedPolicyNames() const {
  std::vector<std::string> out;
  out.reserve(g::kPolicyCount);
  for (std::size_t i = 0; i < g::kPolicyCount; ++i) out.push_back(Qualified(g::kPolicies[i]));
  return out;
}

std::size_t Catalog::ManagedPolicyCount() const { return g::kPolicyCount; }

}  // namespace jetsam::iam
