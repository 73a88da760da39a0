// --facts FILE: YAML or JSON answers to the AWS look-ups.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "jetsam/facts.h"

namespace jetsam {
namespace {

nlohmann::json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(YamlToJson(item));
      return out;
    }
    case YAML::NodeType::Map: {
      auto out = nlohmann::json::object();
      for (const auto& kv : node) out[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return out;
    }
    case YAML::NodeType::Scalar: return node.as<std::string>();  // account ids must stay strings
    default: return nullptr;
  }
}

}  // namespace

Status Facts::Load(const std::string& path, Facts* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Usage(fmt::format("{}: cannot read the facts file", path));
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json j;
  try {
    j = YamlToJson(YAML::Load(text.str()));  // JSON is YAML too
  } catch (const YAML::Exception& e) {
    return Status::Config(fmt::format("facts file: {}", e.msg), Location{path, e.mark.line + 1},
                          "see samples/facts.yml for the format");
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
