// jetsam lint: privilege-escalation.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "analyze/lint_rules.h"
#include "analyze/policy_match.h"

namespace jetsam::lint {
namespace {

// Actions that escalate on their own, on every resource of their kind, with what they allow.
const std::vector<std::pair<std::string, std::string>> kSingle = {
    {"iam:PassRole", "pass any role to a service"},
    {"iam:CreatePolicyVersion", "rewrite any customer managed policy"},
    {"iam:SetDefaultPolicyVersion", "switch any policy to another version"},
    {"iam:AttachRolePolicy", "attach any policy to any role, itself included"},
    {"iam:AttachUserPolicy", "attach any policy to any user"},
    {"iam:AttachGroupPolicy", "attach any policy to any group"},
    {"iam:PutRolePolicy", "write an inline policy into any role, itself included"},
    {"iam:PutUserPolicy", "write an inline policy into any user"},
    {"iam:PutGroupPolicy", "write an inline policy into any group"},
    {"iam:CreateAccessKey", "create access keys for any user"},
    {"iam:CreateLoginProfile", "set a console password for any user"},
    {"iam:UpdateLoginProfile", "change any user's console password"},
    {"iam:UpdateAssumeRolePolicy", "let anyone assume any role"},
    {"iam:AddUserToGroup", "add any user to any group"},
    {"sts:AssumeRole", "assume any role whose trust policy admits this account"},
    {"lambda:UpdateFunctionCode", "replace the code of any function, which then runs with that function's role"},
};

struct Grant {
  const Policy* policy;
  const Statement* st;
};

}  // namespace

bool EscalatesAlone(std::string_view action) {
  return std::any_of(kSingle.begin(), kSingle.end(), [&](const auto& a) { return a.first == action; });
}

void PrivilegeEscalation(LintContext& ctx, const Role& role) {
  static const std::size_t kIamWrites = static_cast<std::size_t>(std::count_if(
      kSingle.begin(), kSingle.end(), [](const auto& a) { return a.first.rfind("iam:", 0) == 0; }));
  // Services that run code with a role passed to them.
  static const std::vector<std::string> kRunners = {
      "lambda:CreateFunction", "ec2:RunInstances", "cloudformation:CreateStack", "codebuild:CreateProject",
      "glue:CreateDevEndpoint", "ecs:RunTask", "sagemaker:CreateNotebookInstance", "datapipeline:CreatePipeline"};
  std::vector<std::string> defaults_say;
  std::map<const Statement*, std::vector<std::string>> by_statement;  // user statements -> actions
  std::vector<std::pair<std::string, Grant>> passers, runners;
  // Resource-aware: an action counts where the statement's Resources fit its resource types, and
  // "every resource" means every resource of such a type (arn:aws:iam::*:role/* as much as *).
  auto info = [&](const std::string& name) -> const iam::ActionInfo* {
    const auto& found = ctx.Actions(name);  // cached: each name is looked up once per run
    return found.size() == 1 ? &found.front() : nullptr;
  };
  auto broadly = [&](const Json& st, const std::string& name) {
    const iam::ActionInfo* a = info(name);
    return a && Grants(ctx, st, *a) && !BroadResources(ctx, st, *a).empty();
  };
  auto grants = [&](const Json& st, const std::string& name) {
    const iam::ActionInfo* a = info(name);
    return a && Grants(ctx, st, *a);
  };
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      const Json& st = s.json;
      if (analyze::Effect(st) != "Allow" || analyze::HasCondition(st)) continue;
      std::vector<std::string> hits;
      for (const auto& [action, why] : kSingle)
        if (broadly(st, action)) hits.push_back(action);
      if (!hits.empty()) by_statement[&s] = hits;
      if (broadly(st, "iam:PassRole")) passers.push_back({"iam:PassRole", {&p, &s}});
      if (grants(st, "iam:CreateRole")) passers.push_back({"iam:CreateRole", {&p, &s}});
      for (const auto& run : kRunners)
        if (grants(st, run)) runners.push_back({run, {&p, &s}});
    }
  }
  for (const auto& p : role.policies) {
    for (const auto& s : p.statements) {
      auto it = by_statement.find(&s);
      if (it == by_statement.end()) continue;
      const auto& hits = it->second;
      const auto iam_hits = static_cast<std::size_t>(
          std::count_if(hits.begin(), hits.end(), [](const std::string& h) { return h.rfind("iam:", 0) == 0; }));
      std::vector<std::string> others;
      for (const auto& h : hits)
        if (h.rfind("iam:", 0) != 0) others.push_back(h);
      const bool all_iam = iam_hits == kIamWrites;
      std::string what = all_iam ? "iam:* (every IAM write)" : Join(hits);
      if (all_iam && !others.empty()) what += ", " + Join(others);
      if (s.origin.empty()) {
        defaults_say.push_back(fmt::format("{} grants {} on *", p.name, what));
        ctx.default_where["privilege-escalation"].Add(role.logical_id, SettingOf(s, p));
        continue;
      }
      std::vector<std::string> whys;
      for (const auto& h : hits)
        for (const auto& [action, why] : kSingle)
          if (action == h && whys.size() < 3) whys.push_back(why);
      Finding f = StatementFinding("privilege-escalation", Severity::kWarning, role, p, s);
      f.message = fmt::format("{} lets {} {} on every resource of its kind: it may {}", f.setting, role.logical_id,
                              what, Join(whys, "; "));
      f.hint = "name the resources it needs (e.g. arn:aws:iam::ACCOUNT:role/NAME for iam:PassRole), or add a "
               "Condition such as iam:PassedToService";
      ctx.Add(std::move(f));
    }
  }
  // iam:PassRole on some roles named by a wildcard (role/app-*): not every role, but any role that
  // comes to match, to any service (Access Analyzer's pass role with star in resource). A
  // Condition (iam:PassedToService) scopes it; a statement reported above is not reported twice.
  if (const iam::ActionInfo* pass = info("iam:PassRole")) {
    for (const auto& p : role.policies) {
      for (const auto& s : p.statements) {
        const Json& st = s.json;
        if (s.origin.empty() || by_statement.count(&s) || analyze::Effect(st) != "Allow" ||
            analyze::HasCondition(st) || !Grants(ctx, st, *pass))
          continue;
        const std::vector<std::string> wild = WildcardResources(ctx, st, *pass);  // "*": reported above
        if (wild.empty()) continue;
        Finding f = StatementFinding("privilege-escalation", Severity::kWarning, role, p, s);
        f.message = fmt::format("{} lets {} iam:PassRole on every role matching {}: it may pass any of them, and any "
                                "role named so later, to any service",
                                f.setting, role.logical_id, Join(wild));
        f.hint = "name the roles it passes (arn:aws:iam::ACCOUNT:role/NAME), or add a Condition on "
                 "iam:PassedToService";
        ctx.Add(std::move(f));
      }
    }
  }
  // Pass (or create) a role and run code with it: a combination, blamed on its user-set part,
  // unless that statement is reported above already, or the passing half is a Jets default in a
  // role whose defaults escalate anyway (the combination then adds nothing new).
  bool defaults_escalate = false;
  for (const auto& [st, hits] : by_statement) defaults_escalate = defaults_escalate || st->origin.empty();
  std::map<const Statement*, std::pair<std::vector<std::string>, std::vector<std::string>>> combos;
  std::map<const Statement*, const Policy*> combo_policy;
  std::set<std::string> said;
  std::vector<std::string> default_runs;  // what Jets' defaults can run code with
  for (const auto& [pass, pg] : passers) {
    for (const auto& [run, rg] : runners) {
      const bool pass_user = !pg.st->origin.empty(), run_user = !rg.st->origin.empty();
      if (!pass_user && !run_user) {
        if (pass != "iam:PassRole") continue;
        if (said.insert("default|" + run).second) default_runs.push_back(run);
        ctx.default_where["privilege-escalation"].Add(role.logical_id, SettingOf(*pg.st, *pg.policy));
        continue;
      }
      if (!pass_user && defaults_escalate) continue;
      const Grant& blame = run_user ? rg : pg;
      if (by_statement.count(blame.st)) continue;
      auto& [passes, runs] = combos[blame.st];
      combo_policy[blame.st] = blame.policy;
      const std::string p = pass_user ? pass : pass + " (Jets' default)";
      const std::string r = run_user ? run : run + " (Jets' default)";
      if (std::find(passes.begin(), passes.end(), p) == passes.end()) passes.push_back(p);
      if (std::find(runs.begin(), runs.end(), r) == runs.end()) runs.push_back(r);
    }
  }
  for (const auto& [st, pr] : combos) {
    const Policy* policy = combo_policy[st];
    Finding f = StatementFinding("privilege-escalation", Severity::kWarning, role, *policy, *st);
    f.message = fmt::format("{} has {} with {}: it may start code (a function, an instance, a stack, a build) "
                            "that runs as any role it passes, a more powerful one included",
                            role.logical_id, Join(pr.first), Join(pr.second));
    f.hint = "scope iam:PassRole to the roles it must pass (with a Condition on iam:PassedToService), or "
             "drop one of the two";
    ctx.Add(std::move(f));
  }
  if (!default_runs.empty())
    defaults_say.push_back(fmt::format("with iam:PassRole, {} run code as another role", Join(default_runs)));
  if (!defaults_say.empty()) ctx.default_escalation.push_back(fmt::format("{} ({})", role.logical_id, Join(defaults_say, ", ")));
}

void DefaultsEscalation(LintContext& ctx) {
  if (ctx.default_escalation.empty()) return;
  Finding f;
  f.rule = "privilege-escalation";
  f.severity = Severity::kInfo;
  f.message = fmt::format("Jets' own default policies can escalate privileges, as deploying needs: {}",
                          Join(ctx.default_escalation, "; "));
  f.role = Join(ctx.default_where["privilege-escalation"].roles);
  f.setting = Join(ctx.default_where["privilege-escalation"].settings);
  f.hint = "shown once, as information; to narrow them override codebuild.iam.default_policy or "
           "ci.iam.default_policy, then test a deploy";
  ctx.Add(std::move(f));
}

}  // namespace jetsam::lint
