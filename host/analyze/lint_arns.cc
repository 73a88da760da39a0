// jetsam lint: the Resources of the statements (malformed-arn, unknown-arn-form) and whether
// their actions can act on them (resource-type-mismatch), from the ARN formats and the
// action-to-resource-type tables of the IAM reference.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "analyze/lint_rules.h"
#include "analyze/policy_match.h"

namespace jetsam::lint {
namespace {

using analyze::HasWildcard;

constexpr const char* kPartitions[] = {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
                                       "aws-iso-f", "aws-eusc"};

bool AllWildcard(std::string_view s) { return !s.empty() && s.find_first_not_of('*') == std::string_view::npos; }

// us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1 ...
bool RegionForm(std::string_view r) {
  const std::size_t last = r.rfind('-');
  if (r.size() < 4 || r.find('-') != 2 || last == std::string_view::npos || last + 1 == r.size()) return false;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const char c = r[i];
    const bool ok = i > last ? std::isdigit(static_cast<unsigned char>(c)) : (std::islower(static_cast<unsigned char>(c)) || c == '-');
    if (!ok) return false;
  }
  return true;
}

bool AccountForm(std::string_view a) {
  return a == "aws" || (a.size() == 12 && std::all_of(a.begin(), a.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Up to three of the service's formats, those whose resource part begins most like `resource`
// first: "lambda ARNs look like: arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}; ...".
std::string FormatsHint(LintContext& ctx, const std::string& service, std::string_view resource) {
  std::vector<std::pair<std::size_t, const analyze::TypedFormat*>> ranked;
  for (const auto& f : ctx.fit.Formats(service)) {
    const std::string& r = f.fields.resource;
    std::size_t common = 0;
    while (common < r.size() && common < resource.size() && r[common] == resource[common] && r[common] != '$') ++common;
    ranked.emplace_back(common, &f);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second->format.size() < b.second->format.size();
  });
  std::vector<std::string> formats;
  for (const auto& [common, f] : ranked) {
    if (formats.size() == 3) break;
    formats.push_back(f->format);
  }
  return formats.empty() ? "check the ARN" : fmt::format("{} ARNs look like: {}", service, Join(formats, "; "));
}

// A format's region or account field as a resource of it would have it: "" (none), a literal,
// or one character for a variable.
std::string FieldOf(const std::string& format_field) {
  return format_field.empty() || format_field.find("${") == std::string::npos ? format_field : "x";
}

// Whether the ARN's field (region or account) fits the format's.
bool FieldFits(const std::string& arn_field, const std::string& format_field) {
  if (HasWildcard(arn_field)) return true;
  if (format_field.find("${") != std::string::npos) return !arn_field.empty();
  return arn_field == format_field;
}

// The first bytes of `s`, at most `max`, cut at a UTF-8 character's start.
std::string Head(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) --max;
  return s.substr(0, max);
}

struct ArnProblem {
  std::string rule, message, hint;
};

// What is wrong with one Resource, or nothing. `arn` has its placeholders turned into '*'.
ArnProblem Diagnose(LintContext& ctx, const std::string& raw, const std::string& arn) {
  if (AllWildcard(arn)) return {};
  if (arn.rfind("arn:", 0) != 0)
    return {"malformed-arn", fmt::format("Resource \"{}\" is neither \"*\" nor an ARN", raw),
            "IAM matches resources by ARN: write arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE, or \"*\""};
  if (arn.size() > analyze::kMaxArnLength)
    return {"malformed-arn", fmt::format("Resource {}... has {} characters; an ARN has at most {}", Head(raw, 60),
                                         arn.size(), analyze::kMaxArnLength),
            "name the resource by its ARN"};
  analyze::ArnFields f;
  if (!analyze::SplitArn(arn, &f)) {
    const std::size_t fields = static_cast<std::size_t>(std::count(arn.begin(), arn.end(), ':')) + 1;
    // The ARN with the missing fields written empty, if that makes one a service knows.
    std::string fixed;
    for (std::size_t at = raw == arn ? arn.find(':', 4) : std::string::npos; at != std::string::npos && fixed.empty();
         at = arn.find(':', at + 1)) {
      std::string candidate = arn;
      candidate.insert(at, std::string(6 - fields, ':'));
      if (analyze::SplitArn(candidate, &f) && !HasWildcard(f.service) && ctx.cat.HasService(f.service) &&
          Diagnose(ctx, candidate, candidate).rule.empty())
        fixed = candidate;
    }
    return {"malformed-arn",
            fmt::format("Resource {} has {} of an ARN's six fields (arn:partition:service:region:account:resource), so "
                        "IAM refuses the policy",
                        raw, fields),
            !fixed.empty() ? fmt::format("did you mean {}?", fixed)
                           : "write arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE, leaving region or account empty where "
                             "the service has none (arn:aws:s3:::BUCKET/KEY)"};
  }
  if (!HasWildcard(f.partition) &&
      std::find(std::begin(kPartitions), std::end(kPartitions), f.partition) == std::end(kPartitions))
    return {"malformed-arn", fmt::format("Resource {}: \"{}\" is no AWS partition", raw, f.partition),
            "write arn:aws:... (aws-cn in China, aws-us-gov in GovCloud)"};
  if (HasWildcard(f.service)) return {};
  if (!ctx.cat.HasService(f.service)) {
    auto sug = ctx.suggestions_left > 0 ? (--ctx.suggestions_left, ctx.cat.SuggestService(f.service, 1))
                                        : std::vector<std::string>{};
    return {"unknown-arn-form", fmt::format("Resource {}: no AWS service has the prefix \"{}\"", raw, f.service),
            sug.empty() ? "check the ARN's service field" : fmt::format("did you mean arn:aws:{}:...?", sug[0])};
  }
  if (f.service != Lower(f.service))
    return {"malformed-arn", fmt::format("Resource {}: the service \"{}\" is written in upper case", raw, f.service),
            fmt::format("write arn:{}:{}:...", f.partition, Lower(f.service))};
  // The formats whose resource part the ARN's fits, whatever its region and account say.
  std::vector<const analyze::TypedFormat*> forms;
  for (const auto& t : ctx.fit.Formats(f.service)) {
    const std::string probe = fmt::format("arn:{}:{}:{}:{}:{}", f.partition, f.service, FieldOf(t.fields.region),
                                          FieldOf(t.fields.account), f.resource);
    if (ctx.fit.Fits(probe, t)) forms.push_back(&t);
  }
  if (forms.empty())
    return {"unknown-arn-form",
            fmt::format("Resource {} has no ARN form of {} that the AWS service reference knows, so it may match no "
                        "resource",
                        raw, f.service),
            FormatsHint(ctx, f.service, f.resource)};
  auto any = [&](auto pred) { return std::any_of(forms.begin(), forms.end(), pred); };
  const analyze::TypedFormat& example = *forms.front();
  if (!any([&](const auto* t) { return FieldFits(f.region, t->fields.region); })) {
    if (f.region.empty())
      return {"malformed-arn",
              fmt::format("Resource {} has no region, but {} names its {} resources by region", raw, f.service, example.type),
              fmt::format("write the region (or * for any): {}", example.format)};
    return {"malformed-arn",
            fmt::format("Resource {} names the region {}, but {} ARNs of {} resources have none", raw, f.region,
                        f.service, example.type),
            fmt::format("leave the region empty: {}", example.format)};
  }
  if (!any([&](const auto* t) { return FieldFits(f.region, t->fields.region) && FieldFits(f.account, t->fields.account); })) {
    if (f.account.empty())
      return {"malformed-arn",
              fmt::format("Resource {} has no account, but {} names its {} resources by account", raw, f.service,
                          example.type),
              fmt::format("write the 12-digit account id (or * for any): {}", example.format)};
    return {"malformed-arn",
            fmt::format("Resource {} names the account {}, but {} ARNs of {} resources have none", raw, f.account,
                        f.service, example.type),
            fmt::format("leave the account empty: {}", example.format)};
  }
  if (!f.region.empty() && !HasWildcard(f.region) && !RegionForm(f.region))
    return {"malformed-arn", fmt::format("Resource {}: \"{}\" is no AWS region", raw, f.region),
            "write a region such as us-east-1, or * for any"};
  if (!f.region.empty() && !HasWildcard(f.region) && !HasWildcard(f.partition) && iam::RegionsListed(f.partition)) {
    const std::string_view home = iam::KnownRegionPartition(f.region);
    const char* hint = "write a region of the partition, such as us-east-1 (or * for any); if AWS has opened this "
                       "region since jetsam's list (2026), the finding is out of date";
    if (home.empty())
      return {"unknown-arn-form",
              fmt::format("Resource {} names the region {}, which AWS does not have, so it matches no resource", raw,
                          f.region),
              hint};
    if (home != f.partition)
      return {"unknown-arn-form",
              fmt::format("Resource {} names the region {} of the partition {} under the partition {}, so it matches "
                          "no resource",
                          raw, f.region, home, f.partition),
              fmt::format("write arn:{}:... for {}", home, f.region)};
  }
  if (!f.account.empty() && !HasWildcard(f.account) && !AccountForm(f.account))
    return {"malformed-arn", fmt::format("Resource {}: \"{}\" is no AWS account id (12 digits)", raw, f.account),
            "write the 12-digit account id, or * for any"};
  if (std::none_of(forms.begin(), forms.end(), [&](const auto* t) { return ctx.fit.Fits(arn, *t); }))
    return {"unknown-arn-form",
            fmt::format("Resource {} has no ARN form of {} that the AWS service reference knows, so it may match no "
                        "resource",
                        raw, f.service),
            FormatsHint(ctx, f.service, f.resource)};
  return {};
}

// "a bucket", "an object or a bucket": what the resources name.
std::string Names(LintContext& ctx, const std::vector<std::string>& resources) {
  std::vector<std::string> parts;
  for (const auto& r : resources) {
    std::vector<std::string> types;
    for (const auto* t : ctx.fit.TypesOf(analyze::WildcardPlaceholders(r)))
      if (std::find(types.begin(), types.end(), t->type) == types.end()) types.push_back(t->type);
    const std::string what = types.empty() ? "resource of no known type" : Join(types, " or ");
    parts.push_back(fmt::format("{} names {} {}", r, std::string_view("aeiou").find(what[0]) == std::string_view::npos ? "a" : "an", what));
  }
  return Join(parts, "; ");
}

// "object or accesspointobject": the types an action acts on.
std::string NeededTypes(const iam::ActionInfo& a) {
  std::vector<std::string> types;
  for (const auto& row : a.resource_types)
    if (!row.arn_format.empty() && std::find(types.begin(), types.end(), row.name) == types.end())
      types.push_back(row.name);
  return Join(types, " or ");
}

// The action's format most like what the statement wrote: of the resource's service, with the
// longest common beginning of the resource part.
std::string LikelyFormat(const iam::ActionInfo& a, const std::string& resource) {
  analyze::ArnFields want;
  analyze::SplitArn(resource, &want);
  std::string best;
  std::size_t best_score = 0;
  for (const auto& row : a.resource_types) {
    if (row.arn_format.empty()) continue;
    analyze::ArnFields f;
    if (!analyze::SplitArn(row.arn_format, &f)) continue;
    std::size_t common = 0;
    while (common < f.resource.size() && common < want.resource.size() && f.resource[common] == want.resource[common] &&
           f.resource[common] != '$')
      ++common;
    const std::size_t score = (f.service == want.service ? 1000 : 0) + common * 2 + 1;
    if (score > best_score || (score == best_score && row.arn_format.size() < best.size()))
      best_score = score, best = row.arn_format;
  }
  return best;
}

}  // namespace

bool LintContext::UsableResource(const std::string& raw) {
  auto it = usable_resources.find(raw);
  if (it != usable_resources.end()) return it->second;
  const bool ok = Diagnose(*this, raw, analyze::WildcardPlaceholders(raw)).rule.empty();
  usable_resources.emplace(raw, ok);
  return ok;
}

// malformed-arn, unknown-arn-form
void ArnForms(LintContext& ctx, const Role& role) {
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      for (const char* key : {"Resource", "NotResource"}) {
        auto it = s.json.find(key);
        if (it == s.json.end()) continue;
        for (const auto& raw : analyze::Strings(*it)) {
          if (!ctx.checked_arns.insert(fmt::format("{}|{}", raw, s.origin.str())).second) continue;
          ArnProblem problem = Diagnose(ctx, raw, analyze::WildcardPlaceholders(raw));
          ctx.usable_resources.emplace(raw, problem.rule.empty());
          if (problem.rule.empty()) continue;
          Finding f = StatementFinding(problem.rule,
                                       problem.rule == "malformed-arn" ? Severity::kError : Severity::kWarning, role, p, s);
          f.message = fmt::format("{} ({} of {})", problem.message, p.name, role.logical_id);
          f.hint = problem.hint;
          ctx.Add(std::move(f));
        }
      }
    }
  }
}

// resource-type-mismatch: an action none of whose resource types the statement's Resources can name.
void ResourceTypeMismatch(LintContext& ctx, const Role& role) {
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      auto acts = s.json.find("Action");
      auto res = s.json.find("Resource");
      if (acts == s.json.end() || res == s.json.end()) continue;
      const std::vector<std::string> resources = analyze::Strings(*res);
      if (resources.empty()) continue;
      bool judgeable = true;
      for (const auto& r : resources)
        judgeable = judgeable && !AllWildcard(analyze::WildcardPlaceholders(r)) && ctx.UsableResource(r);
      if (!judgeable) continue;  // "*" fits every action; a bad ARN has its own finding
      const std::vector<std::string> actions = analyze::Strings(*acts);
      for (std::size_t i = 0; i < actions.size(); ++i) {
        const std::string& a = actions[i];
        if (a == "*" || a.find(':') == std::string::npos) continue;
        const auto& infos = ctx.Actions(a);
        if (infos.empty()) continue;  // unknown-action's business
        bool fits = false;
        for (const auto& info : infos)
          for (const auto& r : resources)
            fits = fits || ctx.fit.ActionFits(info, analyze::WildcardPlaceholders(r));
        if (fits) continue;
        const Location& where = ActionOrigin(s, i);
        if (!ctx.checked_actions.insert(fmt::format("mismatch|{}|{}|{}", a, Join(resources), where.str())).second) continue;
        const bool deny = analyze::Effect(s.json) == "Deny";
        Finding f = StatementFinding("resource-type-mismatch", Severity::kError, role, p, s);
        f.where = where;  // the action's own origin
        const std::string in = fmt::format("{} of {}, {}", p.name, role.logical_id, f.setting);
        const std::string names = Names(ctx, resources);
        if (infos.size() == 1 && NeededTypes(infos[0]).empty()) {
          f.message = fmt::format("{} supports no resource-level permissions, so IAM matches it only against Resource "
                                  "\"*\": the statement {} no {} ({})",
                                  infos[0].name, deny ? "denies" : "grants", infos[0].name, in);
          f.hint = fmt::format("give {} a statement of its own with Resource \"*\"", infos[0].name);
        } else if (infos.size() == 1) {
          f.message = fmt::format("{} acts on {} resources, and {}: the statement {} no {} ({})", infos[0].name,
                                  NeededTypes(infos[0]), names, deny ? "denies" : "grants", infos[0].name, in);
          f.hint = fmt::format("write a Resource like {}, or move {} to a statement with one",
                               LikelyFormat(infos[0], analyze::WildcardPlaceholders(resources.front())), infos[0].name);
        } else {
          f.message = fmt::format("none of the {} actions {} matches acts on what the statement names ({}): it {} none "
                                  "of them ({})",
                                  infos.size(), a, names, deny ? "denies" : "grants", in);
          f.hint = fmt::format("`jetsam expand {}` lists them; name resources of their types", a);
        }
        ctx.Add(std::move(f));
      }
    }
  }
}

}  // namespace jetsam::lint
