#include "serve/request.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/utf8.h"

namespace jetsam::serve {
namespace {

constexpr size_t kMaxParamBytes = 2048;  // an ARN or an action pattern fits many times over
constexpr size_t kMaxParams = 128;  // the request line is capped at 8 KiB anyway

const std::map<std::string, Endpoint>& Paths() {
  static const std::map<std::string, Endpoint> paths = {
      {"/v1/roles", Endpoint::kRoles}, {"/v1/settings", Endpoint::kSettings}, {"/v1/explain", Endpoint::kExplain},
      {"/v1/lint", Endpoint::kLint},   {"/v1/can", Endpoint::kCan},           {"/v1/diff", Endpoint::kDiff},
      {"/v1/expand", Endpoint::kExpand}};
  return paths;
}

// Jets env and extra names: what a CloudFormation stack name can hold.
bool IsEnvName(const std::string& s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

bool IsPrintable(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; });
}

bool ParseBool(const std::string& v, bool* out) {
  if (v == "" || v == "1" || v == "true") *out = true;
  else if (v == "0" || v == "false") *out = false;
  else return false;
  return true;
}

// The parameters each endpoint takes.
const std::vector<std::string>& Allowed(Endpoint e) {
  static const std::map<Endpoint, std::vector<std::string>> allowed = {
      {Endpoint::kRoles, {"env", "extra", "role", "format"}},
      {Endpoint::kSettings, {"env", "extra", "changed"}},
      {Endpoint::kExplain, {"env", "extra", "role"}},
      {Endpoint::kLint, {"env", "extra", "strict"}},
      {Endpoint::kCan, {"env", "extra", "role", "action", "resource", "context", "absent"}},
      {Endpoint::kDiff, {"env", "extra", "role", "rev"}},
      {Endpoint::kExpand, {"pattern"}}};
  return allowed.at(e);
}

}  // namespace

bool UrlDecode(const std::string& in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out->push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(in[i + 2])))
        return false;
      char v = static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
      if (v == '\0') return false;
      out->push_back(v);
      i += 2;
    } else {
      out->push_back(c);
    }
  }
  return true;
}

Status ParseRequest(const std::string& path, const std::string& query, Request* out, bool* not_found) {
  *not_found = false;
  *out = Request{};
  auto p = Paths().find(path);
  if (p == Paths().end()) {
    *not_found = true;
    return Status::Usage(fmt::format("no such endpoint: {}", path.substr(0, 200)),
                         "endpoints: /v1/roles /v1/settings /v1/explain /v1/lint /v1/can /v1/diff /v1/expand");
  }
  Request& r = *out;
  r.endpoint = p->second;
  const auto& allowed = Allowed(r.endpoint);
  size_t count = 0;
  for (size_t start = 0; start < query.size();) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string part = query.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;
    if (++count > kMaxParams) return Status::Usage(fmt::format("more than {} parameters", kMaxParams));
    size_t eq = part.find('=');
    std::string name, value;
    if (!UrlDecode(part.substr(0, eq), &name) ||
        !UrlDecode(eq == std::string::npos ? "" : part.substr(eq + 1), &value))
      return Status::Usage("a malformed %-escape in the query string");
    // Names and values are text: what is not UTF-8 is refused here, before it becomes a cache key.
    if (!utf8::Valid(name) || !utf8::Valid(value)) return Status::Usage("the query string is not UTF-8 once decoded");
    if (value.size() > kMaxParamBytes)
      return Status::Usage(fmt::format("parameter {}: longer than {} bytes", name.substr(0, 40), kMaxParamBytes));
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return Status::Usage(fmt::format("{} takes no parameter '{}'", path, name.substr(0, 40)),
                           fmt::format("its parameters: {}", list));
    }
    if (name == "env") {
      if (!IsEnvName(value)) return Status::Usage("env: letters, digits, - and _ only (at most 64)");
      r.envs.push_back(value);
    } else if (name == "extra") {
      if (!IsEnvName(value)) return Status::Usage("extra: letters, digits, - and _ only (at most 64)");
      r.extra = value;
    } else if (name == "role") {
      static const std::vector<std::string> roles = {"codebuild", "lambda", "ci", "deploy-user", "all",
                                                     "CodebuildRole", "IamRole", "CiRole"};
      if (std::find(roles.begin(), roles.end(), value) == roles.end())
        return Status::Usage(fmt::format("role '{}': no such role", value.substr(0, 40)),
                             "choose codebuild, lambda, ci, deploy-user or all");
      r.roles.push_back(value);
    } else if (name == "format") {
      if (value != "cfn" && value != "yaml" && value != "json") return Status::Usage("format: cfn, yaml or json");
      r.format = value;
    } else if (name == "changed" || name == "strict") {
      if (!ParseBool(value, name == "changed" ? &r.changed : &r.strict))
        return Status::Usage(fmt::format("{}: true or false", name));
    } else if (name == "action") {
      if (!IsPrintable(value)) return Status::Usage("action: no spaces or control characters");
      r.actions.push_back(value);
    } else if (name == "resource" || name == "pattern" || name == "rev") {
      if (!IsPrintable(value)) return Status::Usage(fmt::format("{}: no spaces or control characters", name));
      std::string& field = name == "resource" ? r.resource : name == "pattern" ? r.pattern : r.rev;
      if (!field.empty()) return Status::Usage(fmt::format("{}: give it once", name));
      field = value;
    } else if (name == "context" || name == "absent") {
      // As jetsam can's --context and --absent (checked, like them, by ParseRequestContext).
      (name == "context" ? r.context : r.absent).push_back(value);
    }
  }
  if (r.endpoint != Endpoint::kDiff && r.envs.size() > 1) return Status::Usage("env: give it once");
  if (r.endpoint == Endpoint::kDiff) {
    if (r.rev.empty() ? r.envs.size() != 2 : r.envs.size() > 1)
      return Status::Usage("diff compares two envs (env=A&env=B) or one env with a git revision (rev=REV)");
  }
  if (r.endpoint == Endpoint::kCan) {
    if (r.actions.empty())
      return Status::Usage("can needs action=SERVICE:ACTION (one or more)", "e.g. /v1/can?role=lambda&action=s3:GetObject&action=s3:PutObject");
    if (r.roles.size() != 1) return Status::Usage("can needs one role=codebuild|lambda|ci");
    if (r.roles[0] == "deploy-user" || r.roles[0] == "all")
      return Status::Usage("can evaluates the roles Jets creates: codebuild, lambda or ci");
  }
  if (r.endpoint == Endpoint::kExpand && r.pattern.empty()) return Status::Usage("expand needs pattern=", "e.g. /v1/expand?pattern=s3:Get*");
  return Status::Ok();
}

std::string Request::Key() const {
  // Every request builds one (cache hits included): length-prefixed fields, no JSON document.
  std::string k;
  k.reserve(128);
  auto put = [&k](const std::string& v) {
    k += std::to_string(v.size());
    k += ':';
    k += v;
  };
  auto put_all = [&](const std::vector<std::string>& vs) {
    k += std::to_string(vs.size());
    k += '[';
    for (const auto& v : vs) put(v);
  };
  k += static_cast<char>('0' + static_cast<int>(endpoint));
  k += changed ? 'c' : '-';
  k += strict ? 's' : '-';
  put_all(envs);
  put(extra);
  put_all(roles);
  put(format);
  put_all(actions);
  put(resource);
  put_all(context);
  put_all(absent);
  put(pattern);
  put(rev);
  return k;
}

}  // namespace jetsam::serve
