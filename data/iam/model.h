#pragma once
// What iamdata_gen reads from the npm packages (iamdata_gen.cc) and lays out as tables
// (tables_writer.cc): the service reference and the managed policies, as plain values.
#include <cstdint>
#include <string>
#include <vector>

namespace iamdata_gen {

struct ResourceRow {  // one row of an action's resource-type table
  std::string name;
  bool required = false;
  std::vector<std::string> keys, deps;
};

struct Action {
  std::string name, description;
  std::uint8_t levels = 0;  // 1 List, 2 Read, 4 Write, 8 Permissions management, 16 Tagging
  std::vector<ResourceRow> resources;
  std::vector<std::string> keys, deps;
};

struct ResourceType {
  std::string name, arn;
  std::vector<std::string> keys;
};

struct ConditionKey {
  std::string key, type, description;
};

struct Service {  // every list sorted by lower-cased name
  std::string prefix, name;
  std::vector<ResourceType> rtypes;
  std::vector<ConditionKey> ckeys;
  std::vector<Action> actions;
};

struct Global {
  std::string key, type, category;
};

struct Policy {  // the latest version of an AWS managed policy
  std::string name, path, version, created, updated, document;
};

struct Model {
  std::string iam_version, iam_updated_at, policies_version;
  std::vector<Global> globals;      // sorted by lower-cased key
  std::vector<Service> services;    // sorted by lower-cased prefix
  std::vector<Policy> policies;     // sorted by name, then path
};

// Writes the C++ source of the tables (iamdata/layout.h) for `m` to `out_cc`; returns a
// one-line summary (sizes) for the build log.
std::string WriteTables(const Model& m, const std::string& out_cc);

}  // namespace iamdata_gen
