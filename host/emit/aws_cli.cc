// The deploy user's group as an aws-cli script: bash, strict mode, the policy in a quoted heredoc
// (nothing in it expands), every name single-quoted, safe to run twice.
#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "emit/text_safe.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

// 'text' with each ' written as '\''.
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

constexpr const char* kDelimiter = "JETSAM_POLICY_DOCUMENT";

}  // namespace

bool IsIamName(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && std::string_view("+=,.@_-").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  return true;
}

std::string EmitAwsCli(const Role& deploy_user, const AwsCliOptions& options) {
  std::string out = "#!/usr/bin/env bash\n";
  // The header names the project, which the config names: one comment line, whatever it holds
  // (a line break in it would end the comment and run the rest as a command).
  if (!options.header.empty()) out += "# " + TextSafe(options.header) + "\n";
  out +=
      "# Needs credentials that may manage IAM. Safe to run again: what exists is kept, the policy\n"
      "# is replaced, attachments are idempotent.\n"
      "set -euo pipefail\n\n";
  out += fmt::format("group={}\n", ShellQuote(options.group));
  if (!options.user.empty()) out += fmt::format("user={}\n", ShellQuote(options.user));
  out +=
      "policy_file=$(mktemp)\n"
      "trap 'rm -f \"$policy_file\"' EXIT\n\n"
      "if ! aws iam get-group --group-name \"$group\" >/dev/null 2>&1; then\n"
      "  aws iam create-group --group-name \"$group\"\n"
      "fi\n\n";
  for (const auto& p : deploy_user.policies) {
    std::string doc = PolicyDocument(p).dump(2, ' ', false, Json::error_handler_t::replace);
    out += fmt::format("cat <<'{}' >\"$policy_file\"\n{}\n{}\n", kDelimiter, doc, kDelimiter);
    out += fmt::format(
        "aws iam put-group-policy --group-name \"$group\" --policy-name {} \\\n"
        "  --policy-document \"file://$policy_file\"\n\n",
        ShellQuote(p.name));
  }
  for (const auto& m : deploy_user.managed)
    out += fmt::format("aws iam attach-group-policy --group-name \"$group\" --policy-arn {}\n", ShellQuote(m.arn));
  if (!deploy_user.managed.empty()) out += "\n";
  if (!options.user.empty()) {
    out +=
        "if ! aws iam get-user --user-name \"$user\" >/dev/null 2>&1; then\n"
        "  aws iam create-user --user-name \"$user\"\n"
        "fi\n"
        "aws iam add-user-to-group --user-name \"$user\" --group-name \"$group\"\n";
  }
  return out;
}

}  // namespace jetsam
