// A request to the sidecar, parsed and checked in the server process (which answers it, asking
// its workers only for evaluations): what it asks (the endpoint) and with which parameters, in a
// canonical form that is also the cache key.
#pragma once
#include <string>
#include <vector>

#include "jetsam/status.h"

namespace jetsam::serve {

enum class Endpoint { kRoles, kSettings, kExplain, kLint, kCan, kDiff, kExpand };

struct Request {
  Endpoint endpoint = Endpoint::kRoles;
  std::vector<std::string> envs;  // diff: two (or one with rev); others: at most one
  std::string extra;
  std::vector<std::string> roles;
  std::string format;  // roles: cfn (default), yaml, json
  bool changed = false;  // settings
  bool strict = false;   // lint
  std::vector<std::string> actions;  // can: one or more
  std::string resource;              // can
  std::vector<std::string> context;  // can: KEY=VALUE, a key repeated for several values
  std::vector<std::string> absent;   // can: condition keys the request does not have
  std::string pattern;           // expand
  std::string rev;               // diff: a git revision (the server reads it, never a worker)

  bool needs_checkout() const { return endpoint != Endpoint::kExpand; }
  // The canonical form, for the cache: equal requests give equal keys, different ones different.
  std::string Key() const;
};

// Parses "/v1/roles" and its query string ("env=prod&role=lambda"). 404 paths give kUsage with
// `*not_found` set; every other problem is kUsage (400) naming the parameter.
Status ParseRequest(const std::string& path, const std::string& query, Request* out, bool* not_found);

// Decodes %XX and '+' in a query-string component; false on a malformed escape or a NUL byte.
bool UrlDecode(const std::string& in, std::string* out);

}  // namespace jetsam::serve
