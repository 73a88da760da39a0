// jetsam can --batch: the queries of a JSON Lines file, read and checked before anything is
// evaluated (a bad line stops the run with FILE:LINE, and nothing is answered).
#pragma once
#include <string>
#include <vector>

#include "jetsam/analyze.h"
#include "jetsam/status.h"

namespace jetsam::cli {

struct BatchQuery {
  std::size_t line = 0;  // 1-based line in the file
  std::string role;      // as written: lambda, IamRole, ...
  CanRequest request;
};

// Reads `path` ("-": standard input), at most 64 MiB. Each non-blank line is one JSON object
// {"role": .., "action": .., "resource": .. (optional), "context": {KEY: VALUE | [VALUES] | null}
// (optional)}; `base` is the command line's context, which a line's own keys override.
Status ReadBatch(const std::string& path, const RequestContext& base, std::vector<BatchQuery>* out);

// Whether `name` is a role `can` answers for: codebuild, lambda, ci, CodebuildRole, IamRole, CiRole.
bool IsCanRole(const std::string& name);

}  // namespace jetsam::cli
