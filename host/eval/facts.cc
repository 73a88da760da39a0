// --facts FILE: YAML or JSON answers to the AWS look-ups.
#include <fmt/format.h>

#include "jetsam/facts.h"

#include "core/yaml_read.h"
#include "eval/bounded_read.h"

namespace jetsam {
namespace {

// The parent process parses a facts file, so it is bounded like anything a CI job may supply;
// a real one is a few dozen lines.
constexpr size_t kMaxFactsBytes = 1u << 20;

}  // namespace

Status Facts::Load(const std::string& path, Facts* out) {
  std::string text;
  switch (eval::ReadBounded(path, kMaxFactsBytes, &text)) {
    case eval::BoundedRead::kOk: break;
    case eval::BoundedRead::kCannotRead: return Status::Usage(fmt::format("{}: cannot read the facts file", path));
    case eval::BoundedRead::kTooLarge:
      return Status::Config(fmt::format("facts file: larger than {} MiB", kMaxFactsBytes >> 20), Location{path, 0},
                            "see samples/facts.yml for the format");
  }
  nlohmann::json j;
  YamlLimits limits;
  limits.max_bytes = kMaxFactsBytes;
  Status parsed = ReadYaml(text, path, &j, limits);  // JSON is YAML too
  if (!parsed.ok()) {
    return Status::Config("facts file: " + parsed.message(), parsed.where(), "see samples/facts.yml for the format");
  }
  if (j.is_null()) return Status::Ok();
  if (!j.is_object()) return Status::Config("a facts file holds a mapping (region:, account:, ...)", Location{path, 1});
  auto take = [&](const char* key, std::optional<std::string>* field) -> Status {
    if (!j.contains(key)) return Status::Ok();
    if (!j[key].is_string()) return Status::Config(fmt::format("facts: {} must be a single value", key), Location{path, 0});
    *field = j[key].get<std::string>();
    j.erase(key);
    return Status::Ok();
  };
  for (auto [key, field] : {std::pair{"region", &out->region}, {"account", &out->account}, {"s3_bucket", &out->s3_bucket}}) {
    Status s = take(key, field);
    if (!s.ok()) return s;
  }
  if (j.contains("ssm")) {
    const nlohmann::json& ssm = j["ssm"];
    if (!ssm.is_object()) {
      return Status::Config("facts: ssm must map SSM parameter names to their values", Location{path, 0},
                            "ssm: {\"/demo/dev/DATABASE_URL\": \"postgres://...\"}");
    }
    for (auto it = ssm.begin(); it != ssm.end(); ++it) {
      if (!it->is_string() && !it->is_number() && !it->is_boolean()) {
        return Status::Config(fmt::format("facts: ssm: {} must be a single value", it.key()), Location{path, 0});
      }
    }
  }
  out->lookups = std::move(j);
  return Status::Ok();
}

void Facts::MergeFrom(const Facts& over) {
  if (over.region) region = over.region;
  if (over.account) account = over.account;
  if (over.s3_bucket) s3_bucket = over.s3_bucket;
  for (auto it = over.lookups.begin(); it != over.lookups.end(); ++it) lookups[it.key()] = it.value();
}

}  // namespace jetsam
