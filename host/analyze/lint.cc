// jetsam lint: the rules (ids in LintRules()) over one evaluated and compiled checkout.
// A finding on a Jets default (no file:line) is information, reported once: Jets' own defaults
// are not the user's to fix, and repeating them would drown what is.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "analyze/policy_match.h"
#include "jetsam/analyze.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

constexpr std::size_t kInlineChars = 10240, kManagedDefault = 10, kManagedMax = 20, kPolicyName = 128;

std::string Join(const std::vector<std::string>& v, const char* sep = ", ") {
  return fmt::format("{}", fmt::join(v, sep));
}

std::string Where(const Location& l) { return l.empty() ? "Jets' default" : l.str(); }

class Linter {
 public:
  Linter(const EvalResult& eval, const Compiled& compiled)
      : eval_(eval), compiled_(compiled), cat_(iam::Catalog::Get()) {}

  std::vector<Finding> Run() {
    Notices();
    for (const auto& role : compiled_.roles) {
      Actions(role);
      Resources(role);
      Managed(role);
      Limits(role);
      Redundant(role);
      Escalation(role);
    }
    DefaultEscalation();
    VpcWithoutVpc();
    Dedupe();
    return std::move(out_);
  }

 private:
  void Add(Finding f) {
    if (f.where.empty()) f.severity = Severity::kInfo;  // on a Jets default: information
    out_.push_back(std::move(f));
  }

  // A notice about several uses ("used by Jets' defaults, config/jets/deploy.rb:7") may carry the
  // defaults' empty location: the first file:line its message names is the user's.
  static Location FirstUserLocation(const std::string& message) {
    for (std::size_t at = message.find("config/jets/"); at != std::string::npos;
         at = message.find("config/jets/", at + 1)) {
      std::size_t colon = message.find(".rb:", at);
      if (colon == std::string::npos) break;
      colon += 3;
      std::size_t end = colon + 1;
      while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
      if (end == colon + 1) continue;
      return Location{message.substr(at, colon - at), std::stoi(message.substr(colon + 1, end - colon - 1))};
    }
    return {};
  }

  // Whether a placeholder the message names ("<aws.account>") appears in the roles as deployed.
  bool InPolicies(const std::string& message) {
    if (!cfn_ready_) {
      cfn_ = CfnResources(compiled_);
      cfn_ready_ = true;
    }
    if (cfn_text_.empty()) cfn_text_ = cfn_.dump();
    for (std::size_t lt = message.find('<'); lt != std::string::npos; lt = message.find('<', lt + 1)) {
      const std::size_t gt = message.find('>', lt);
      if (gt == std::string::npos) break;
      if (cfn_text_.find(message.substr(lt, gt - lt + 1)) != std::string::npos) return true;
    }
    return false;
  }

  // --- notices of evaluation and compile, under their own code
  void Notices() {
    for (const auto& n : compiled_.notices) {
      Finding f;
      bool known = false;
      for (const auto& r : LintRules()) known = known || n.code == r.id;
      f.rule = known ? n.code : "config-notice";
      f.severity = n.severity == Notice::Severity::kWarning ? Severity::kWarning : Severity::kInfo;
      f.message = n.message;
      f.where = n.where.empty() ? FirstUserLocation(n.message) : n.where;
      f.hint = n.hint;
      if (f.where.empty()) f.severity = Severity::kInfo;  // Jets' defaults alone: information
      if (n.code == "unresolved-lookup" && !InPolicies(n.message)) {
        f.severity = Severity::kInfo;  // a look-up no policy holds (a certificate, a subnet)
        f.message += "; no IAM policy depends on it";
      }
      out_.push_back(std::move(f));
    }
  }

  // --- unknown-service, unknown-action
  void Actions(const Role& role) {
    for (const auto& p : role.policies) {
      for (const auto& s : p.statements) {
        for (const char* key : {"Action", "NotAction"}) {
          auto it = s.json.find(key);
          if (it == s.json.end()) continue;
          std::vector<std::string> actions = analyze::Strings(*it);
          for (std::size_t i = 0; i < actions.size(); ++i) {
            const Location& where = i < s.action_origins.size() && !s.action_origins[i].empty()
                                        ? s.action_origins[i] : s.origin;
            CheckAction(actions[i], where, s.setting.empty() ? p.setting : s.setting, role, p.name);
          }
        }
      }
    }
  }

  void CheckAction(const std::string& a, const Location& where, const std::string& setting, const Role& role,
                   const std::string& policy) {
    if (a == "*") return;
    const std::string key = fmt::format("{}|{}|{}", a, where.str(), setting);
    if (!checked_actions_.insert(key).second) return;
    Finding f;
    f.where = where;
    f.setting = setting;
    f.role = role.logical_id;
    const std::string in = fmt::format("{} of {}, {}", policy, role.logical_id, setting);
    const auto colon = a.find(':');
    if (colon == std::string::npos || colon == 0) {
      f.rule = "unknown-action";
      f.severity = Severity::kError;
      f.message = fmt::format("\"{}\" is not an action (service:Action) ({})", a, in);
      f.hint = "write service:Action, e.g. \"s3:GetObject\", or service:* for a whole service";
      return Add(std::move(f));
    }
    const std::string prefix = a.substr(0, colon), name = a.substr(colon + 1);
    if (prefix.find_first_of("*?") == std::string::npos && !cat_.HasService(prefix)) {
      auto s = cat_.SuggestService(prefix, 3);
      f.rule = "unknown-service";
      f.severity = Severity::kError;
      f.message = fmt::format("{}: no AWS service has the prefix \"{}\", so it grants nothing ({})", a, prefix, in);
      f.hint = s.empty() ? "check the prefix in the AWS service authorization reference"
                         : fmt::format("did you mean {}:{}?", s[0], name);
      return Add(std::move(f));
    }
    if (!cat_.ExpandNames(a).empty()) return;
    auto s = cat_.SuggestAction(a, 3);
    f.rule = "unknown-action";
    f.severity = Severity::kError;
    f.message = fmt::format("{} matches no action of {}, so it grants nothing ({})", a, prefix, in);
    f.hint = s.empty() ? fmt::format("`jetsam expand {}:*` lists the actions of {}", prefix, prefix)
                       : fmt::format("did you mean {}?", Join(s));
    Add(std::move(f));
  }

  // --- unknown-arn-form
  void Resources(const Role& role) {
    for (const auto& p : role.policies) {
      for (const auto& s : p.statements) {
        for (const char* key : {"Resource", "NotResource"}) {
          auto it = s.json.find(key);
          if (it == s.json.end()) continue;
          for (const auto& r : analyze::Strings(*it)) CheckArn(r, s, p, role);
        }
      }
    }
  }

  void CheckArn(const std::string& raw, const Statement& s, const Policy& p, const Role& role) {
    if (raw == "*") return;
    const std::string key = fmt::format("{}|{}", raw, s.origin.str());
    if (!checked_arns_.insert(key).second) return;
    const std::string arn = analyze::WildcardPlaceholders(raw);  // <aws.account> is no fault of the ARN
    Finding f;
    f.rule = "unknown-arn-form";
    f.severity = Severity::kWarning;
    f.where = s.origin;
    f.setting = s.setting.empty() ? p.setting : s.setting;
    f.role = role.logical_id;
    if (arn.rfind("arn:", 0) != 0) {
      f.message = fmt::format("Resource \"{}\" is neither \"*\" nor an ARN ({} of {})", raw, p.name, role.logical_id);
      f.hint = "IAM matches resources by ARN: write arn:aws:SERVICE:REGION:ACCOUNT:..., or \"*\"";
      return Add(std::move(f));
    }
    std::vector<std::string> fields;
    for (std::size_t b = 0, e; fields.size() < 3; b = e + 1) {
      e = arn.find(':', b);
      fields.push_back(arn.substr(b, e == std::string::npos ? std::string::npos : e - b));
      if (e == std::string::npos) break;
    }
    if (fields.size() < 3 || fields[2].find_first_of("*?") != std::string::npos) return;
    const std::string& service = fields[2];
    if (!cat_.HasService(service)) {
      auto sug = cat_.SuggestService(service, 1);
      f.message = fmt::format("Resource {}: no AWS service has the prefix \"{}\" ({} of {})", raw, service,
                              p.name, role.logical_id);
      f.hint = sug.empty() ? "check the ARN's service field" : fmt::format("did you mean arn:aws:{}:...?", sug[0]);
      return Add(std::move(f));
    }
    if (!cat_.MatchResourceTypes(arn).empty()) return;
    std::vector<std::string> formats;
    for (const auto& rt : cat_.ResourceTypes(service)) {
      if (formats.size() == 3) break;
      formats.push_back(rt.arn_format);
    }
    f.message = fmt::format("Resource {} has no ARN form of {} that the AWS service reference knows, so it "
                            "may match no resource ({} of {})", raw, service, p.name, role.logical_id);
    f.hint = formats.empty() ? "check the ARN" : fmt::format("{} ARNs look like: {}", service, Join(formats, "; "));
    Add(std::move(f));
  }

  // --- unknown-managed-policy
  void Managed(const Role& role) {
    for (const auto& m : role.managed) {
      const auto at = m.arn.find(":iam::aws:policy/");
      if (m.arn.rfind("arn:", 0) != 0 || at == std::string::npos) continue;  // customer managed: unknowable
      if (cat_.FindManagedPolicy(m.arn)) continue;
      const std::string written = m.arn.substr(at + std::string_view(":iam::aws:policy/").size());
      Finding f;
      f.rule = "unknown-managed-policy";
      f.severity = Severity::kError;
      f.where = m.origin;
      f.setting = m.setting;
      f.role = role.logical_id;
      f.message = fmt::format("\"{}\" is no AWS managed policy: {} cannot be attached to {}", written, m.arn,
                              role.logical_id);
      const std::string name = written.substr(written.rfind('/') == std::string::npos ? 0 : written.rfind('/') + 1);
      if (auto other = cat_.FindManagedPolicyByName(name)) {
        f.hint = fmt::format("{} lives at path {}: write \"{}\"", name, other->path, other->QualifiedName());
      } else {
        auto s = cat_.SuggestManagedPolicy(m.arn, 3);
        f.hint = s.empty() ? "check the name in the IAM console's list of AWS managed policies"
                           : fmt::format("did you mean {}?", Join(s));
      }
      Add(std::move(f));
    }
  }

  // --- IAM limits (reference/policies.md §6) on the policies as deployed
  void Limits(const Role& role) {
    if (!cfn_ready_) {
      cfn_ = CfnResources(compiled_);
      cfn_ready_ = true;
    }
    // The location to blame: the last user-set policy statement, else the setting.
    Location blame;
    std::string blame_setting;
    for (const auto& p : role.policies)
      for (const auto& s : p.statements)
        if (!s.origin.empty()) blame = s.origin, blame_setting = s.setting;
    std::size_t total = 0;
    auto res = cfn_.find(role.logical_id);
    if (res != cfn_.end()) {
      const Json& props = (*res)["Properties"];
      if (auto pol = props.find("Policies"); pol != props.end() && pol->is_array()) {
        for (const auto& p : *pol) {
          if (!p.contains("PolicyDocument")) continue;
          for (char c : p["PolicyDocument"].dump())
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r') ++total;
        }
      }
    }
    if (total > kInlineChars) {
      Finding f;
      f.rule = "inline-policy-size";
      f.severity = Severity::kError;
      f.where = blame;
      f.setting = blame_setting;
      f.role = role.logical_id;
      f.message = fmt::format("the inline policies of {} add up to {} characters (whitespace not counted); IAM "
                              "allows {} per role, so the deploy fails", role.logical_id, total, kInlineChars);
      f.hint = "merge statements with the same Resource, use wildcards, or move statements into a customer "
               "managed policy (6,144 characters each) listed in managed_policy";
      Add(std::move(f));
    }
    if (role.managed.size() > kManagedDefault) {
      Location last;
      std::string setting;
      for (const auto& m : role.managed)
        if (!m.origin.empty()) last = m.origin, setting = m.setting;
      Finding f;
      f.rule = "managed-policy-count";
      f.severity = role.managed.size() > kManagedMax ? Severity::kError : Severity::kWarning;
      f.where = last;
      f.setting = setting;
      f.role = role.logical_id;
      f.message = role.managed.size() > kManagedMax
                      ? fmt::format("{} has {} managed policies attached; IAM allows {} at most", role.logical_id,
                                    role.managed.size(), kManagedMax)
                      : fmt::format("{} has {} managed policies attached; IAM's default quota is {} per role "
                                    "(it can be raised to {})", role.logical_id, role.managed.size(),
                                    kManagedDefault, kManagedMax);
      f.hint = "drop policies another one covers, or ask AWS to raise \"Managed policies per role\"";
      Add(std::move(f));
    }
    for (const auto& p : role.policies) {
      if (p.name.size() <= kPolicyName) continue;
      Finding f;
      f.rule = "policy-name-length";
      f.severity = Severity::kError;
      f.where = p.statements.empty() ? Location{} : p.statements.front().origin;
      f.setting = p.setting;
      f.role = role.logical_id;
      f.message = fmt::format("PolicyName \"{}...\" has {} characters; IAM allows {}", p.name.substr(0, 32),
                              p.name.size(), kPolicyName);
      f.hint = "shorten the PolicyName: value";
      Add(std::move(f));
    }
  }

  // --- redundant-statement: a user-set action another Allow of the same role already grants
  static bool Plain(const Json& st) {
    return analyze::Effect(st) == "Allow" && !analyze::HasCondition(st) && st.contains("Action") &&
           st.contains("Resource") && !st.contains("NotResource");
  }
  static bool ResourcesCovered(const Json& outer, const Json& inner) {
    for (const auto& r : analyze::Strings(inner.at("Resource"))) {
      bool covered = false;
      for (const auto& o : analyze::Strings(outer.at("Resource")))
        covered = covered || analyze::PatternCovers(analyze::WildcardPlaceholders(o), analyze::WildcardPlaceholders(r), false);
      if (!covered) return false;
    }
    return true;
  }
  static bool SameCi(const std::string& a, const std::string& b) {
    return a.size() == b.size() && analyze::PatternCovers(a, b, true) && analyze::PatternCovers(b, a, true);
  }

  void Redundant(const Role& role) {
    struct Ref {
      const Policy* policy;
      const Statement* st;
      std::size_t order;
    };
    std::vector<Ref> all;
    for (const auto& p : role.policies)
      for (const auto& s : p.statements) all.push_back({&p, &s, all.size()});
    for (const auto& r : all) {
      const Json& st = r.st->json;
      if (!Plain(st)) continue;
      std::vector<std::string> actions = analyze::Strings(st.at("Action"));
      for (std::size_t i = 0; i < actions.size(); ++i) {
        const Location& where = i < r.st->action_origins.size() && !r.st->action_origins[i].empty()
                                    ? r.st->action_origins[i] : r.st->origin;
        if (where.empty()) continue;  // Jets' own overlaps are not the user's
        const std::string& a = actions[i];
        if (a != "*" && cat_.ExpandNames(a).empty()) continue;  // unknown-action's business
        for (const auto& o : all) {
          const Json& ot = o.st->json;
          if (!Plain(ot)) continue;
          std::vector<std::string> others = analyze::Strings(ot.at("Action"));
          std::string by;
          for (std::size_t k = 0; k < others.size() && by.empty(); ++k) {
            if (o.st == r.st && k == i) continue;
            if (!analyze::PatternCovers(others[k], a, true)) continue;
            const bool equal = SameCi(others[k], a);
            // Of two equal grants, the later one is the redundant one.
            if (equal && !o.st->origin.empty() && (o.st == r.st ? k > i : o.order > r.order) &&
                ResourcesCovered(st, ot))
              continue;
            if (!ResourcesCovered(ot, st)) continue;
            by = others[k];
          }
          if (by.empty()) continue;
          Finding f;
          f.rule = "redundant-statement";
          // Re-granting what Jets grants by default may be deliberate (defaults change, and an
          // override of default_policy drops them): information. Repeating oneself: a warning.
          f.severity = o.st->origin.empty() ? Severity::kInfo : Severity::kWarning;
          f.where = where;
          f.setting = r.st->setting.empty() ? r.policy->setting : r.st->setting;
          f.role = role.logical_id;
          const std::string res = Join(analyze::Strings(st.at("Resource")));
          f.message = fmt::format("{} on {} is already granted by {} in {} of {} ({}, {})", a, res, by,
                                  o.policy->name, role.logical_id, Where(o.st->origin),
                                  o.st->setting.empty() ? o.policy->setting : o.st->setting);
          f.hint = o.st->origin.empty()
                       ? fmt::format("Jets grants it by default: drop it from {}", f.setting)
                       : fmt::format("drop one of the two; keep {}", by);
          Add(std::move(f));
          break;
        }
      }
    }
  }

  // --- privilege-escalation
  struct Grant {
    const Policy* policy;
    const Statement* st;
  };
  static bool Broad(const Json& st) {
    if (st.contains("NotResource")) return true;
    if (!st.contains("Resource")) return false;
    for (const auto& r : analyze::Strings(st.at("Resource"))) {
      const std::string p = analyze::WildcardPlaceholders(r);
      for (const char* probe : {"arn:aws:iam::000000000000:role/jetsam-probe", "arn:aws:iam::000000000000:user/jetsam-probe",
                                "arn:aws:iam::000000000000:policy/jetsam-probe"})
        if (iam::IamWildcardMatch(p, probe, false)) return true;
    }
    return false;
  }

  void Escalation(const Role& role) {
    static const std::vector<std::pair<std::string, std::string>> kSingle = {
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
    };
    // Services that run code with a role passed to them.
    static const std::vector<std::string> kRunners = {
        "lambda:CreateFunction", "ec2:RunInstances", "cloudformation:CreateStack", "codebuild:CreateProject",
        "glue:CreateDevEndpoint", "ecs:RunTask", "sagemaker:CreateNotebookInstance", "datapipeline:CreatePipeline"};
    std::vector<std::string> defaults_say;
    std::map<const Statement*, std::vector<std::string>> by_statement;  // user statements -> actions
    std::vector<std::pair<std::string, Grant>> passers, runners;
    for (const auto& p : role.policies) {
      for (const auto& s : p.statements) {
        const Json& st = s.json;
        if (analyze::Effect(st) != "Allow" || analyze::HasCondition(st)) continue;
        const bool broad = Broad(st);
        std::vector<std::string> hits;
        for (const auto& [action, why] : kSingle)
          if (broad && analyze::StatementHasAction(st, action)) hits.push_back(action);
        if (!hits.empty()) by_statement[&s] = hits;
        if (broad && analyze::StatementHasAction(st, "iam:PassRole")) passers.push_back({"iam:PassRole", {&p, &s}});
        if (analyze::StatementHasAction(st, "iam:CreateRole")) passers.push_back({"iam:CreateRole", {&p, &s}});
        for (const auto& run : kRunners)
          if (analyze::StatementHasAction(st, run)) runners.push_back({run, {&p, &s}});
      }
    }
    for (const auto& p : role.policies) {
      for (const auto& s : p.statements) {
        auto it = by_statement.find(&s);
        if (it == by_statement.end()) continue;
        const auto& hits = it->second;
        const bool all_iam = hits.size() + 1 >= kSingle.size();
        const std::string what = all_iam ? "iam:* (every IAM write)" : Join(hits);
        if (s.origin.empty()) {
          defaults_say.push_back(fmt::format("{} grants {} on *", p.name, what));
          continue;
        }
        std::vector<std::string> whys;
        for (const auto& h : hits)
          for (const auto& [action, why] : kSingle)
            if (action == h && whys.size() < 3) whys.push_back(why);
        Finding f;
        f.rule = "privilege-escalation";
        f.severity = Severity::kWarning;
        f.where = s.origin;
        f.setting = s.setting.empty() ? p.setting : s.setting;
        f.role = role.logical_id;
        f.message = fmt::format("{} lets {} {} on every resource: it may {}", f.setting, role.logical_id, what,
                                Join(whys, "; "));
        f.hint = "name the resources it needs (e.g. arn:aws:iam::ACCOUNT:role/NAME for iam:PassRole), or add a "
                 "Condition such as iam:PassedToService";
        Add(std::move(f));
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
          if (pass == "iam:PassRole" && said.insert("default|" + run).second) default_runs.push_back(run);
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
      Finding f;
      f.rule = "privilege-escalation";
      f.severity = Severity::kWarning;
      f.where = st->origin;
      f.setting = st->setting.empty() ? policy->setting : st->setting;
      f.role = role.logical_id;
      f.message = fmt::format("{} has {} with {}: it may start code (a function, an instance, a stack, a build) "
                              "that runs as any role it passes, a more powerful one included",
                              role.logical_id, Join(pr.first), Join(pr.second));
      f.hint = "scope iam:PassRole to the roles it must pass (with a Condition on iam:PassedToService), or "
               "drop one of the two";
      Add(std::move(f));
    }
    if (!default_runs.empty())
      defaults_say.push_back(fmt::format("with iam:PassRole, {} run code as another role", Join(default_runs)));
    if (!defaults_say.empty()) default_escalation_.push_back(fmt::format("{} ({})", role.logical_id, Join(defaults_say, ", ")));
  }

  void DefaultEscalation() {
    if (default_escalation_.empty()) return;
    Finding f;
    f.rule = "privilege-escalation";
    f.severity = Severity::kInfo;
    f.message = fmt::format("Jets' own default policies can escalate privileges, as deploying needs: {}",
                            Join(default_escalation_, "; "));
    f.hint = "shown once, as information; to narrow them override codebuild.iam.default_policy or "
             "ci.iam.default_policy, then test a deploy";
    Add(std::move(f));
  }

  // --- vpc-policy-without-vpc (CodeBuild: Jets 6.0.5 adds VpcPolicy with or without a VPC)
  void VpcWithoutVpc() {
    for (const auto& role : compiled_.roles) {
      if (role.kind != RoleKind::kCodebuild) continue;
      const Policy* vpc = nullptr;
      for (const auto& p : role.policies)
        if (p.setting == "codebuild.iam.default_vpc_policy") vpc = &p;
      if (!vpc) continue;
      for (const auto& s : eval_.settings.bootstrap.settings) {
        if (s.path.find("vpc") == std::string::npos || s.path.rfind("codebuild.iam.", 0) == 0) continue;
        if (s.value.truthy() && !(s.value.is_hash() && s.value.pairs().empty())) return;  // a VPC is configured
      }
      const Setting* set = eval_.settings.bootstrap.Find("codebuild.iam.default_vpc_policy");
      std::vector<std::string> actions;
      for (const auto& s : vpc->statements)
        if (s.json.contains("Action"))
          for (const auto& a : analyze::Strings(s.json.at("Action"))) actions.push_back(a);
      Finding f;
      f.rule = "vpc-policy-without-vpc";
      f.severity = Severity::kInfo;
      f.where = set ? set->where : Location{};
      f.setting = "codebuild.iam.default_vpc_policy";
      f.role = role.logical_id;
      f.message = fmt::format("Jets adds VpcPolicy ({} on *) to {} though the runner has no VPC config",
                              Join(actions), role.logical_id);
      f.hint = "if the runner uses no VPC, set config.codebuild.iam.default_vpc_policy = [] in "
               "config/jets/bootstrap.rb, as Jets' docs advise";
      Add(std::move(f));
    }
  }

  void Dedupe() {
    std::set<std::string> seen;
    std::vector<Finding> kept;
    for (auto& f : out_) {
      if (!seen.insert(f.rule + "|" + f.where.str() + "|" + f.message).second) continue;
      kept.push_back(std::move(f));
    }
    out_ = std::move(kept);
  }

  const EvalResult& eval_;
  const Compiled& compiled_;
  const iam::Catalog& cat_;
  std::vector<Finding> out_;
  std::set<std::string> checked_actions_, checked_arns_;
  std::vector<std::string> default_escalation_;
  Json cfn_;
  std::string cfn_text_;
  bool cfn_ready_ = false;
};

}  // namespace

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "info";
}

const std::vector<LintRule>& LintRules() {
  static const std::vector<LintRule> rules = {
      {"unknown-service", Severity::kError, "An action's service prefix is no AWS service",
       "An action such as \"dyanmodb:*\" names no service in the AWS service authorization reference: IAM "
       "accepts the policy and the statement grants nothing."},
      {"unknown-action", Severity::kError, "An action or action pattern matches no action",
       "A misspelt action (\"s3:GetObjekt\") or a pattern that matches nothing (\"s3:Fetch*\") grants nothing."},
      {"unknown-managed-policy", Severity::kError, "A managed policy name is no AWS managed policy",
       "Jets turns a name into arn:aws:iam::aws:policy/NAME; when AWS has no such policy the deploy fails. "
       "Policies under a path (service-role/...) must be written with it."},
      {"unknown-arn-form", Severity::kWarning, "A Resource has no ARN form the AWS service reference knows",
       "A Resource that fits no resource type of its service probably matches nothing, so the statement "
       "grants less than it seems. Look-ups jetsam cannot answer offline (<aws.account>) are not faults."},
      {"lambda-logs-dropped", Severity::kWarning, "lambda.iam.default_policy drops CloudWatch Logs",
       "Overriding lambda.iam.default_policy replaces Jets' defaults; without logs:CreateLogStream and "
       "logs:PutLogEvents the functions cannot log, which makes them hard to debug (Jets' IAM docs)."},
      {"inline-policy-size", Severity::kError, "A role's inline policies exceed 10,240 characters",
       "IAM limits the inline policies of a role to 10,240 characters in all, whitespace not counted; "
       "counted on the policies as jetsam compiles them."},
      {"managed-policy-count", Severity::kWarning, "More managed policies than IAM's quota allows",
       "IAM attaches 10 managed policies per role by default (a warning) and 20 at most (an error)."},
      {"policy-name-length", Severity::kError, "A PolicyName longer than 128 characters",
       "IAM limits policy names to 128 characters."},
      {"privilege-escalation", Severity::kWarning, "A statement lets the role gain more privileges",
       "iam:PassRole, iam:* and other IAM writes on every resource, or passing a role together with a service "
       "that runs code with it (lambda:CreateFunction, ec2:RunInstances, ...), let whoever controls the role "
       "act as a more powerful one. Jets' own defaults need some of this to deploy: they are reported once, as "
       "information."},
      {"redundant-statement", Severity::kWarning, "An action another statement of the role already grants",
       "A user-set action that another statement of the same role already grants on the same resources adds "
       "nothing. A warning when the other statement is the user's too; information when it is one of Jets' "
       "defaults (re-granting it may be deliberate)."},
      {"unknown-setting", Severity::kWarning, "A setting Jets does not define",
       "An assignment to a setting Jets does not know (often a typo) is kept and ignored by Jets."},
      {"unresolved-lookup", Severity::kWarning, "An AWS look-up jetsam cannot answer offline",
       "The compiled output holds a placeholder such as <aws.account>; pass --account/--region or a --facts "
       "file for the real value."},
      {"camelized-condition-key", Severity::kWarning, "Jets camelizes a key IAM will not match",
       "Jets camelizes every key of its templates; a condition key such as aws:SourceArn becomes "
       "Aws:SourceArn. Case-only changes of context keys are information."},
      {"vpc-policy-without-vpc", Severity::kInfo, "VpcPolicy on the CodeBuild role without a VPC",
       "Jets 6.0.5 adds VpcPolicy (ec2) to the CodeBuild role whenever codebuild.iam.default_vpc_policy is not "
       "empty, VPC or not."},
      {"config-notice", Severity::kInfo, "Another notice of evaluation or compile",
       "A notice jetsam's evaluation or compile gave that no other rule covers."},
  };
  return rules;
}

std::vector<Finding> Lint(const EvalResult& eval, const Compiled& compiled) {
  std::vector<Finding> out = Linter(eval, compiled).Run();
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.where.empty() != b.where.empty()) return b.where.empty();
    if (a.where.file != b.where.file) return a.where.file < b.where.file;
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.message < b.message;
  });
  return out;
}

LintSummary Summarize(const std::vector<Finding>& findings) {
  LintSummary s;
  for (const auto& f : findings) {
    if (f.severity == Severity::kError) ++s.errors;
    else if (f.severity == Severity::kWarning) ++s.warnings;
    else ++s.infos;
  }
  return s;
}

}  // namespace jetsam
