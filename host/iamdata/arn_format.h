#pragma once
// What the variables of an ARN format of the service reference
// ("arn:${Partition}:s3:::${BucketName}") may hold: the flags of iamdata/layout.h. Header-only:
// the generator derives them at build time from what the whole service tells about each
// variable; ArnMatchesFormat derives them at run time from what a lone format tells.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "iamdata/layout.h"

namespace jetsam::iam::layout {

struct FormatPart {
  bool variable = false;
  std::string text;  // the literal character, or the variable's name
};

// The formats of a resource type one by one: the reference lists several for some types,
// comma-separated (API Gateway's stage: "arn:...::/apis/${ApiId}/stages/${StageName},
// arn:...::/restapis/${RestApiId}/stages/${StageName}").
inline std::vector<std::string_view> SplitAlternatives(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view one = list.substr(0, comma);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
    if (!one.empty()) out.push_back(one);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

inline std::vector<FormatPart> SplitFormat(std::string_view format) {
  std::vector<FormatPart> out;
  for (std::size_t i = 0; i < format.size();) {
    if (format[i] == '$' && i + 1 < format.size() && format[i + 1] == '{') {
      std::size_t close = format.find('}', i + 2);
      if (close != std::string_view::npos) {
        out.push_back({true, std::string(format.substr(i + 2, close - i - 2))});
        i = close + 1;
        continue;
      }
    }
    out.push_back({false, std::string(1, format[i])});
    ++i;
  }
  return out;
}

// What the formats of one service tell about a variable: a variable that some format follows
// with '/' (S3's ${BucketName} in "${BucketName}/${ObjectName}") never holds '/', one that some
// format follows with ':' (Lambda's ${FunctionName} in "function:${FunctionName}:${Alias}")
// never holds ':'. The names that the services' naming rules keep free of '/' (queue, topic,
// table and function names) hold none either, even where they end every format ("arn:aws:lambda:
// us-east-1:1:function:a/b" is no function). Fill with every format of the service, then compile each.
struct ServiceVariables {
  std::set<std::string> no_slash{"BucketName", "QueueName", "TopicName", "TableName", "FunctionName"}, no_colon;
  void Add(std::string_view list) {
    for (std::string_view format : SplitAlternatives(list)) {
      std::vector<FormatPart> parts = SplitFormat(format);
      for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
        if (!parts[k].variable || parts[k + 1].variable) continue;
        if (parts[k + 1].text == "/") no_slash.insert(parts[k].text);
        if (parts[k + 1].text == ":") no_colon.insert(parts[k].text);
      }
    }
  }
};

// The flags (kVarSlash, kVarColon) of each variable of a format, in order. A variable holds one
// or more characters; never ':' except the last variable of a format whose resource part
// (after the fifth ':') has no ':' (S3 object keys may hold ':'); '/' unless `vars` says
// otherwise. Without `vars` (a lone format) '/' is allowed everywhere, which makes
// "arn:aws:s3:::b/k" fit the bucket format too.
inline std::vector<std::uint8_t> OneFormatFlags(std::string_view format, const ServiceVariables* vars) {
  std::vector<FormatPart> parts = SplitFormat(format);
  int colons = 0;
  bool resource_colon = false;
  for (const FormatPart& p : parts)
    if (!p.variable && p.text == ":" && ++colons > 5) resource_colon = true;
  std::vector<std::uint8_t> out;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const FormatPart& p = parts[k];
    if (!p.variable) continue;
    std::uint8_t f = 0;
    const bool last = k + 1 == parts.size();
    if (last && colons >= 5 && !resource_colon && !(vars && vars->no_colon.count(p.text))) f |= kVarColon;
    if (!(vars && vars->no_slash.count(p.text))) f |= kVarSlash;
    out.push_back(f);
  }
  return out;
}

// The flags of a resource type's formats (SplitAlternatives), one after the other.
inline std::vector<std::uint8_t> FormatFlags(std::string_view list, const ServiceVariables* vars = nullptr) {
  std::vector<std::uint8_t> out;
  for (std::string_view format : SplitAlternatives(list)) {
    const std::vector<std::uint8_t> one = OneFormatFlags(format, vars);
    out.insert(out.end(), one.begin(), one.end());
  }
  return out;
}

}  // namespace jetsam::iam::layout
