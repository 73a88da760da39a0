// The `can` question before any statement is read: one real action, and the resources the
// answer stands for (one ARN; every resource a pattern names; some resource of the action).
#include <fmt/format.h>

#include "analyze/can_question.h"
#include "analyze/policy_match.h"

namespace jetsam::analyze {
namespace {

std::string Join(const std::vector<std::string>& v) { return fmt::format("{}", fmt::join(v, ", ")); }

// An ARN format in general form: the partition fixed, every other variable a wildcard:
// "arn:${Partition}:s3:::${BucketName}/${ObjectName}" -> "arn:aws:s3:::*/*".
std::string GeneralForm(std::string_view format, std::string_view partition) {
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      std::size_t close = format.find('}', i);
      if (close != std::string_view::npos) {
        if (format.substr(i, close - i + 1) == "${Partition}") out += partition;
        else if (out.empty() || out.back() != '*') out += '*';
        i = close + 1;
        continue;
      }
    }
    out += format[i++];
  }
  return out;
}

}  // namespace

Status MakeQuestion(const CanRequest& request, Question* q) {
  const iam::Catalog& cat = iam::Catalog::Get();
  *q = Question{};

  // --- the action: one real action
  const std::string& action = request.action;
  if (HasWildcard(action)) {
    return Status::Usage(fmt::format("{}: ask for one action, not a pattern", action),
                         fmt::format("`jetsam expand {}` lists the actions it stands for", action));
  }
  const auto colon = action.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == action.size()) {
    return Status::Usage(fmt::format("{}: not an action (service:Action, e.g. s3:GetObject)", action));
  }
  const std::string prefix = action.substr(0, colon);
  if (!cat.HasService(prefix)) {
    auto s = cat.SuggestService(prefix, 3);
    return Status::Usage(fmt::format("{}: no AWS service has the prefix \"{}\"", action, prefix),
                         s.empty() ? "see the service prefixes in the AWS service authorization reference"
                                   : fmt::format("did you mean {}:{}?", s[0], action.substr(colon + 1)));
  }
  auto info = cat.FindAction(action);
  if (!info) {
    auto s = cat.SuggestAction(action, 3);
    return Status::Usage(fmt::format("{}: {} has no such action", action, prefix),
                         s.empty() ? fmt::format("`jetsam expand {}:*` lists its actions", prefix)
                                   : fmt::format("did you mean {}?", Join(s)));
  }
  q->action = info->name;
  q->service = info->service;
  q->access_level = info->access_level;
  std::vector<const iam::ActionResource*> types;
  for (const auto& rt : info->resource_types)
    if (!rt.arn_format.empty()) types.push_back(&rt);
  auto acts_on = [&] {
    std::vector<std::string> f;
    for (const auto* rt : types) f.push_back(rt->name + " " + rt->arn_format);
    return types.empty() ? fmt::format("{} takes no resource: ask without one", q->action)
                         : fmt::format("{} acts on: {}", q->action, Join(f));
  };

  // --- no resource, or "*": the action's resource types in general form
  const bool asked = !request.resource.empty();
  q->resource = asked ? request.resource : std::string(1, '*');
  if (!asked || request.resource == "*") {
    if (types.empty()) {
      q->targets.push_back({"", "*"});  // "*" is the one resource such an action takes
      return Status::Ok();
    }
    q->scope = asked ? CanAnswer::Scope::kEvery : CanAnswer::Scope::kSome;
    for (const auto* rt : types)
      for (std::string_view format : iam::SplitArnFormats(rt->arn_format))
        q->targets.push_back({rt->name, GeneralForm(format, request.partition)});
    return Status::Ok();
  }

  // --- an ARN (a pattern when it has wildcards)
  std::vector<std::string> placeholders;
  std::string resource = WildcardJetsamPlaceholders(request.resource, &placeholders);
  if (HasPolicyVariable(resource)) {
    ResolvedText r = ResolveVariables(resource, request.context);
    if (r.state != ResolvedText::State::kResolved) {
      return Status::Usage(fmt::format("{}: the resource holds a policy variable whose value the question does not give",
                                       request.resource),
                           r.unknown.empty() ? "ask about a concrete ARN"
                                             : fmt::format("give its value: --context {}=VALUE", r.unknown.front()));
    }
    resource = std::move(r.text);
  }
  if (resource.rfind("arn:", 0) != 0) return Status::Usage(fmt::format("{}: not an ARN", request.resource), acts_on());
  // What the ARN names, for the errors (the action's own types are tried first, below).
  auto named = [&]() -> Status {
    const std::vector<iam::ResourceTypeInfo> types_named = cat.MatchResourceTypes(resource);
    if (types_named.empty()) {
      return Status::Usage(fmt::format("{}: an ARN form the AWS service reference does not know", request.resource),
                           acts_on());
    }
    if (types.empty()) {
      return Status::Usage(fmt::format("{} takes no resource (IAM needs \"Resource\": \"*\" for it)", q->action),
                           "ask without a RESOURCE");
    }
    return Status::Usage(fmt::format("{} does not act on {}, an ARN of resource type {} ({})", q->action,
                                     request.resource, types_named.front().name, types_named.front().service),
                         acts_on());
  };
  if (types.empty()) return named();
  for (const auto& p : placeholders)
    q->notes.push_back(fmt::format("the resource holds {}: answered for any value of it", p));
  const bool pattern = HasWildcard(resource);
  q->scope = pattern ? CanAnswer::Scope::kEvery : CanAnswer::Scope::kExact;
  for (const auto* rt : types) {
    if (!cat.ArnFitsResourceType(resource, q->service, rt->name)) continue;
    if (!pattern) {
      q->resource_type = rt->name;
      q->targets.push_back({rt->name, resource});
      break;
    }
    if (q->resource_type.empty()) q->resource_type = rt->name;
    for (std::string_view format : iam::SplitArnFormats(rt->arn_format)) {
      if (!cat.ArnFitsResourceType(resource, q->service, rt->name, format)) continue;
      const std::string general = GeneralForm(format, request.partition);
      const std::string& target = PatternCovers(resource, general, false) ? general : resource;
      bool seen = false;
      for (const auto& t : q->targets) seen = seen || t.pattern == target;
      if (!seen) q->targets.push_back({rt->name, target});
    }
  }
  return q->targets.empty() ? named() : Status::Ok();
}

}  // namespace jetsam::analyze
