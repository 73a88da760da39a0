// Roles -> text. Every emitter is deterministic: the same roles give the same bytes.
#pragma once
#include <string>

#include "jetsam/compile.h"

namespace jetsam {

// One JSON object of CloudFormation resources keyed by logical id, as Jets' templates hold them.
Json CfnResources(const Compiled& compiled);
std::string EmitCfn(const Compiled& compiled);   // CfnResources, 2-space indented JSON
std::string EmitYaml(const Compiled& compiled);  // the same resources in YAML
// A report for programs: project, env, roles with origins, notices.
std::string EmitReport(const Compiled& compiled);

// YAML text of any JSON value, keys in order (used by other commands' yaml formats).
std::string ToYaml(const Json& value);

}  // namespace jetsam
