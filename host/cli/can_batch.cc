#include "cli/can_batch.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "jetsam/policy.h"

namespace jetsam::cli {
namespace {

constexpr std::size_t kMaxBatchBytes = 64u << 20;
// A request's context is a handful of keys; these bounds keep a hostile line linear to read.
constexpr std::size_t kMaxContextKeys = 256, kMaxContextValues = 1024;

Status ReadAll(const std::string& path, std::string* out) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) return Status::Usage(fmt::format("{}: cannot read the batch file", path), "give a JSON Lines file, or - for standard input");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(path == "-" ? nullptr : f, std::fclose);
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (out->size() + n > kMaxBatchBytes)
      return Status::Usage(fmt::format("{}: more than 64 MiB of queries", path), "split the batch into smaller files");
    out->append(buf, n);
  }
  if (std::ferror(f)) return Status::Usage(fmt::format("{}: cannot read the batch file", path));
  return Status::Ok();
}

// How deeply a JSON text nests (brackets outside strings): the parser recurses, so a line of
// a million '[' must be refused before it is parsed.
std::size_t Depth(std::string_view s) {
  std::size_t depth = 0, max = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max = std::max(max, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max;
}

// A context value: strings as they are; numbers and booleans as IAM reads them in a request.
bool ContextValue(const nlohmann::json& v, std::string* out) {
  if (v.is_string()) *out = v.get<std::string>();
  else if (v.is_boolean()) *out = v.get<bool>() ? "true" : "false";
  else if (v.is_number()) *out = v.dump();
  else return false;
  return true;
}

}  // namespace

bool IsCanRole(const std::string& name) {
  return name == "codebuild" || name == "lambda" || name == "ci" || name == "CodebuildRole" || name == "IamRole" ||
         name == "CiRole";
}

Status ReadBatch(const std::string& path, const RequestContext& base, std::vector<BatchQuery>* out) {
  std::string text;
  if (Status s = ReadAll(path, &text); !s.ok()) return s;
  const std::string where = path == "-" ? "<stdin>" : path;
  const std::string shape = R"(each line is {"role": "lambda", "action": "s3:GetObject", "resource": "arn:...", "context": {"aws:SourceIp": "203.0.113.7"}})";
  std::size_t line = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    std::string_view raw(text.data() + at, nl - at);
    at = nl + 1;
    ++line;
    if (raw.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto bad = [&](const std::string& what) {
      return Status::Usage(fmt::format("{}:{}: {}", where, line, what), shape);
    };
    if (Depth(raw) > 8) return bad("nested too deeply for a query");
    nlohmann::json j = nlohmann::json::parse(raw, nullptr, false);
    if (j.is_discarded()) return bad("not a JSON object");
    if (!j.is_object()) return bad("not a JSON object");
    BatchQuery q;
    q.line = line;
    q.request.context = base;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& k = it.key();
      const nlohmann::json& v = it.value();
      if (k == "role" || k == "action" || k == "resource") {
        if (!v.is_string()) return bad(fmt::format("\"{}\" must be a string", k));
        (k == "role" ? q.role : k == "action" ? q.request.action : q.request.resource) = v.get<std::string>();
      } else if (k == "context") {
        if (!v.is_object()) return bad("\"context\" must be an object of condition keys");
        if (v.size() > kMaxContextKeys) return bad(fmt::format("more than {} context keys", kMaxContextKeys));
        RequestContext line_ctx;
        for (auto c = v.begin(); c != v.end(); ++c) {
          if (c.value().is_null()) {
            line_ctx.SetAbsent(c.key());
            continue;
          }
          const nlohmann::json& vals = c.value();
          std::string one;
          if (vals.is_array()) {
            if (vals.size() > kMaxContextValues)
              return bad(fmt::format("context key {}: more than {} values", c.key(), kMaxContextValues));
            if (vals.empty()) line_ctx.SetAbsent(c.key());
            for (const auto& e : vals) {
              if (!ContextValue(e, &one)) return bad(fmt::format("context key {}: values must be strings, numbers or booleans", c.key()));
              line_ctx.Add(c.key(), one);
            }
          } else if (ContextValue(vals, &one)) {
            line_ctx.Add(c.key(), one);
          } else {
            return bad(fmt::format("context key {}: a string, number, boolean, list of them, or null (absent)", c.key()));
          }
        }
        for (auto& e : line_ctx.entries) {  // a line's key replaces the command line's
          auto& all = q.request.context.entries;
          const RequestContext::Entry* found = q.request.context.Find(e.key);
          if (found) all[static_cast<std::size_t>(found - all.data())] = e;
          else all.push_back(e);
        }
      } else {
        return bad(fmt::format("unknown field \"{}\"", k));
      }
    }
    if (q.role.empty()) return bad("no \"role\"");
    if (!IsCanRole(q.role)) return bad(fmt::format("{}: no such role (codebuild, lambda or ci)", q.role));
    if (q.request.action.empty()) return bad("no \"action\"");
    if (Status s = CheckCanRequest(q.request); !s.ok())
      return Status::Usage(fmt::format("{}:{}: {}", where, line, s.message()), s.hint());
    out->push_back(std::move(q));
  }
  if (out->empty()) return Status::Usage(fmt::format("{}: no queries", where), shape);
  return Status::Ok();
}

}  // namespace jetsam::cli
