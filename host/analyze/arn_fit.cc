#include "analyze/arn_fit.h"

#include <algorithm>
#include <cstdint>

namespace jetsam::analyze {
namespace {

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// A format string of the reference may list several formats: "arn:...:/apis/${ApiId}/stages, arn:...".
std::vector<std::string> SplitFormats(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view one = list.substr(0, comma);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
    if (!one.empty()) out.emplace_back(one);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

// Variables whose services' naming rules allow no '/' (S3 bucket, SQS queue, SNS topic, DynamoDB
// table and Lambda function names), even where they end a format.
bool NeverSlash(std::string_view name) {
  for (const char* n : {"BucketName", "QueueName", "TopicName", "TableName", "FunctionName"})
    if (name == n) return true;
  return false;
}

// `slash_last`: whether the format's last variable may hold '/'.
TypedFormat Tokenize(std::string service, std::string type, std::string format, bool slash_last) {
  TypedFormat f;
  f.service = std::move(service);
  f.type = std::move(type);
  f.format = std::move(format);
  SplitArn(f.format, &f.fields);
  int colons = 0;
  bool resource_colon = false;
  std::string_view last_var;
  const std::string& s = f.format;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t close = s.find('}', i + 2);
      if (close != std::string::npos) {
        f.tokens.push_back({0, false, false});
        last_var = std::string_view(s).substr(i + 2, close - i - 2);
        i = close + 1;
        continue;
      }
    }
    if (s[i] == ':' && ++colons > 5) resource_colon = true;
    f.tokens.push_back({s[i], false, false});
    ++i;
  }
  // A variable the format follows with '/' holds none ("table/${TableName}/index/..."); others may
  // ("log-group:${LogGroupName}:log-stream:...", names such as /aws/lambda/app).
  for (std::size_t i = 0; i + 1 < f.tokens.size(); ++i)
    if (f.tokens[i].c == 0) f.tokens[i].slash_ok = f.tokens[i + 1].c != '/';
  if (!f.tokens.empty() && f.tokens.back().c == 0) {
    f.tokens.back().colon_ok = colons >= 5 && !resource_colon;
    f.tokens.back().slash_ok = slash_last && !NeverSlash(last_var);
  }
  return f;
}

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
bool CoversFormat(const ArnFields& p, const TypedFormat& f) {
  return iam::IamWildcardMatch(p.service, f.fields.service, false) &&
         iam::IamWildcardMatch(p.resource, Probe(f.fields.resource), false);
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

bool PatternFitsFormat(std::string_view pattern, const TypedFormat& format) {
  const auto& fmt = format.tokens;
  if (pattern.size() > kMaxArnLength) return false;
  // The literal beginnings of the resource parts first: most formats of a service part there
  // ("table/" and "global-table/"). Only where the pattern's five fields hold no wildcard.
  std::size_t p = 0, t = 0;
  for (int colons = 0; colons < 5 && p < pattern.size(); ++p) {
    if (pattern[p] == '*' || pattern[p] == '?') p = pattern.size();
    else if (pattern[p] == ':') ++colons;
  }
  for (int colons = 0; colons < 5 && t < fmt.size(); ++t)
    if (fmt[t].c == ':') ++colons;
  for (; p < pattern.size() && t < fmt.size(); ++p, ++t) {
    if (pattern[p] == '*' || pattern[p] == '?' || fmt[t].c == 0) break;
    if (pattern[p] != fmt[t].c) return false;
  }
  // A state (j, v): the pattern's first i characters and the format's first j tokens can name a
  // common string, v: the variable at j has begun. Every step goes to a later (i, j, v), so one
  // pass settles all, a row of i at a time; only the states reached are kept (a concrete ARN has
  // one or two), each once, marked with a stamp of its row.
  const std::size_t n = pattern.size(), m = fmt.size(), states = (m + 1) * 2;
  thread_local std::vector<std::uint32_t> cur, next, mark_cur, mark_next;
  thread_local std::uint32_t stamp = 0;
  if (mark_cur.size() < states) mark_cur.resize(states, 0), mark_next.resize(states, 0);
  if (stamp > 0xFFFF0000u - n) {
    std::fill(mark_cur.begin(), mark_cur.end(), 0);
    std::fill(mark_next.begin(), mark_next.end(), 0);
    stamp = 0;
  }
  std::uint32_t in_cur = ++stamp, in_next = ++stamp;
  cur.clear();
  next.clear();
  auto add_cur = [&](std::uint32_t st) {
    if (mark_cur[st] != in_cur) mark_cur[st] = in_cur, cur.push_back(st);
  };
  auto add_next = [&](std::uint32_t st) {
    if (mark_next[st] != in_next) mark_next[st] = in_next, next.push_back(st);
  };
  add_cur(0);
  for (std::size_t i = 0;; ++i) {
    for (std::size_t k = 0; k < cur.size(); ++k) {
      const std::uint32_t st = cur[k];
      const std::size_t j = st / 2;
      const bool begun = st % 2 != 0, var = j < m && fmt[j].c == 0;
      if (var && begun) add_cur(static_cast<std::uint32_t>((j + 1) * 2));  // the variable ends
      if (i == n) continue;
      const char c = pattern[i];
      if (c == '*') {
        add_next(st);  // the '*' stands for nothing more
        if (j < m) add_cur(static_cast<std::uint32_t>(var ? j * 2 + 1 : (j + 1) * 2));  // ... or for one more character
      } else if (j < m) {
        if (var) {
          if ((c != ':' || fmt[j].colon_ok) && (c != '/' || fmt[j].slash_ok)) add_next(static_cast<std::uint32_t>(j * 2 + 1));
        } else if (c == '?' || c == fmt[j].c) {
          add_next(static_cast<std::uint32_t>((j + 1) * 2));
        }
      }
    }
    if (i == n) return mark_cur[m * 2] == in_cur;
    std::swap(cur, next);
    std::swap(mark_cur, mark_next);
    next.clear();
    in_cur = in_next;
    in_next = ++stamp;
    if (cur.empty()) return false;
  }
}

const std::vector<TypedFormat>& ResourceTypeFit::Formats(std::string_view service) {
  auto it = by_service_.find(service);
  if (it != by_service_.end()) return it->second;
  std::vector<std::pair<std::string, std::string>> raw;  // type, format
  for (const auto& rt : cat_.ResourceTypes(service))
    for (auto& f : SplitFormats(rt.arn_format)) raw.emplace_back(rt.name, std::move(f));
  std::vector<TypedFormat> out;
  for (const auto& [type, format] : raw) {
    const bool extended = std::any_of(raw.begin(), raw.end(), [&](const auto& other) {
      return other.second.size() > format.size() + 1 && other.second.compare(0, format.size(), format) == 0 &&
             other.second[format.size()] == '/';
    });
    out.push_back(Tokenize(std::string(service), type, format, !extended));
  }
  return by_service_.emplace(std::string(service), std::move(out)).first->second;
}

const TypedFormat* ResourceTypeFit::FormatOf(const std::string& format) {
  ArnFields fields;
  if (SplitArn(format, &fields)) {
    for (const auto& f : Formats(fields.service))
      if (f.format == format) return &f;
  }
  auto it = loose_.find(format);
  if (it == loose_.end()) it = loose_.emplace(format, Tokenize(fields.service, "", format, true)).first;
  return &it->second;
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
      if (PatternFitsFormat(pattern, f)) out.push_back(&f);
  return out;
}

bool ResourceTypeFit::ActionFits(const iam::ActionInfo& action, std::string_view pattern) {
  bool any_format = false;
  for (const auto& row : action.resource_types) {
    for (const auto& f : SplitFormats(row.arn_format)) {
      any_format = true;
      if (PatternFitsFormat(pattern, *FormatOf(f))) return true;
    }
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
    for (const auto& f : SplitFormats(row.arn_format)) {
      any_format = true;
      if (CoversFormat(p, *FormatOf(f))) return true;
    }
  }
  return !any_format && ActionFits(action, pattern);
}

}  // namespace jetsam::analyze
