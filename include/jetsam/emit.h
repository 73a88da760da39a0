// Roles -> text. Every emitter is deterministic: the same roles give the same bytes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/analyze.h"
#include "jetsam/compile.h"

namespace jetsam {

// ANSI colours for the text views, on only when asked (the CLI asks on a TTY without NO_COLOR).
struct TextStyle {
  bool color = false;
  std::string Wrap(const char* code, const std::string& s) const {
    return color ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
  }
  std::string Bold(const std::string& s) const { return Wrap("1", s); }
  std::string Dim(const std::string& s) const { return Wrap("2", s); }
  std::string Red(const std::string& s) const { return Wrap("31", s); }
  std::string Green(const std::string& s) const { return Wrap("32", s); }
  std::string Yellow(const std::string& s) const { return Wrap("33", s); }
  std::string Magenta(const std::string& s) const { return Wrap("35", s); }
  std::string Cyan(const std::string& s) const { return Wrap("36", s); }
};

// A string jetsam did not write itself (a config's file names, values, output; an argument) as
// text output and messages show it: control characters, DEL, line and paragraph separators,
// bidi and other invisible format characters, noncharacters and bytes that are not UTF-8 become
// escapes (\n, \r, \t, \e, \x7F, \u2028, \u{E0001}, \xFF), so that nothing a config holds can
// start a line, move the cursor, colour, reorder or hide what jetsam writes. Backslashes and
// every other character stay as they are.
std::string TextSafe(std::string_view s);
// "file:line: message\n  hint: ..." with each part through TextSafe: how the CLI prints errors.
std::string StatusText(const Status& status);
// "file:line: warning: message\n  hint: ..." likewise, for notices.
std::string NoticeText(const Notice& notice);

// Pretty JSON as every --format json prints it: 2-space indent, a final newline; the characters
// TextSafe escapes are written as \u escapes (the same data to any JSON reader), and a string
// that is not UTF-8 with U+FFFD instead of throwing (compile rejects such config strings).
std::string JsonText(const Json& value);
// The same JSON with `indent` spaces (-1: on one line), and no final newline: JSON.generate and
// JSON.pretty_generate of jetsam run's scripts.
std::string JsonDump(const Json& value, int indent);
// The same on one line (JSON Lines), ending in a newline.
std::string JsonLine(const Json& value);

std::string EmitCfn(const Compiled& compiled);   // CfnResources, 2-space indented JSON
std::string EmitYaml(const Compiled& compiled);  // the same resources in YAML
// A report for programs: project, env, roles with origins, notices.
std::string EmitReport(const Compiled& compiled);
// `jetsam settings`: the captured settings with their origins (only those changed from Jets'
// defaults when `changed_only`); for an evaluation that stopped in a later phase, the objects of
// the phases that did not run are null and "stopped" says where.
std::string EmitSettingsJson(const EvalResult& eval, bool changed_only);
// One setting as `jetsam settings` shows it: value, origin, default, history, item origins.
Json SettingJson(const Setting& setting);
// `jetsam compile --format cfn|yaml`'s object: the Jets roles' resources, then the deploy user's
// group (named `group`) when it was compiled.
Json RolesResources(const Compiled& compiled, const std::string& group);

// YAML text of any JSON value, keys in order (used by other commands' yaml formats).
std::string ToYaml(const Json& value);

// --- the deploy user's group as an aws-cli script (host/emit/aws_cli.cc)

struct AwsCliOptions {
  std::string group = "Jets";
  std::string user;        // empty: no user is created
  std::string header;      // a comment line saying what the script is for
};
// A bash script (set -euo pipefail, quoted heredoc) that creates the group if missing, puts the
// policy, attaches the managed extras and, with a user, creates it if missing and adds it.
std::string EmitAwsCli(const Role& deploy_user, const AwsCliOptions& options);
// IAM's rule for group and user names: 1-128 of [A-Za-z0-9+=,.@_-].
bool IsIamName(const std::string& name);

// --- jetsam explain (host/emit/explain_text.cc); the model is built by Explain (explain.h)

std::string ExplainText(const Json& explained, const TextStyle& style);

// --- jetsam diff (host/emit/diff_text.cc); the model is built by DiffRoles (diff.h)
std::string DiffText(const Json& diff, const TextStyle& style);

// --- lint, can, expand

std::string EmitLintText(const std::vector<Finding>& findings, const TextStyle& style);
std::string EmitLintJson(const std::vector<Finding>& findings);
// SARIF 2.1.0. `uri_prefix` is prepended to each finding's file (the checkout as seen from the
// working directory, "" or "samples/demo/"); `fallback_file` locates findings without one.
std::string EmitSarif(const std::vector<Finding>& findings, const std::string& uri_prefix,
                      const std::string& fallback_file);
std::string EmitCanText(const CanAnswer& answer, const TextStyle& style);
std::string EmitCanJson(const CanAnswer& answer);
// can --format json: one answer as EmitCanJson, several as one array of them.
std::string EmitCanJsonAnswers(const std::vector<CanAnswer>& answers);
// The answer as one JSON Lines record (can --batch): the JSON of EmitCanJson on one line, with
// the query's line number first.
std::string EmitCanJsonLine(const CanAnswer& answer, std::size_t line);
std::string EmitExpandText(const std::vector<Expansion>& expansions);
std::string EmitExpandJson(const std::vector<Expansion>& expansions);

}  // namespace jetsam
