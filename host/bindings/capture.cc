#include "bindings/capture.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <mruby.h>
#include <mruby/array.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "bindings/ruby_value.h"
#include "core/suggest.h"

namespace jetsam::bindings {
namespace {

void CopyRows(mrb_state* mrb, mrb_value rows, ConfigSettings* out) {
  for (mrb_int i = 0; i < RARRAY_LEN(rows); ++i) {
    mrb_value row = mrb_ary_ref(mrb, rows, i);
    Setting s;
    s.path = RubyString(mrb_ary_ref(mrb, row, 0));
    s.value = RubyToValue(mrb, mrb_ary_ref(mrb, row, 1));
    s.where = RubyLocation(mrb_ary_ref(mrb, row, 2));
    mrb_value history = mrb_ary_ref(mrb, row, 3);
    for (mrb_int h = 0; h < RARRAY_LEN(history); ++h) {
      mrb_value change = mrb_ary_ref(mrb, history, h);
      s.history.push_back({RubyLocation(mrb_ary_ref(mrb, change, 0)), RubyString(mrb_ary_ref(mrb, change, 1))});
    }
    mrb_value items = mrb_ary_ref(mrb, row, 4);
    if (mrb_array_p(items)) {
      for (mrb_int k = 0; k < RARRAY_LEN(items); ++k) s.item_origins.push_back(RubyLocation(mrb_ary_ref(mrb, items, k)));
    }
    s.known = mrb_test(mrb_ary_ref(mrb, row, 5));
    out->settings.push_back(std::move(s));
  }
  std::stable_sort(out->settings.begin(), out->settings.end(),
                   [](const Setting& a, const Setting& b) { return a.path < b.path; });
}

// Every known path and every name space above one: what a misspelling is compared against.
std::vector<std::string> KnownPaths(const ConfigSettings& object) {
  std::set<std::string> paths;
  for (const auto& s : object.settings) {
    if (!s.known) continue;
    std::string p = s.path;
    paths.insert(p);
    for (size_t dot = p.rfind('.'); dot != std::string::npos; dot = p.rfind('.', dot - 1)) {
      paths.insert(p.substr(0, dot));
      if (dot == 0) break;
    }
  }
  return {paths.begin(), paths.end()};
}

void UnknownSettingNotices(const ConfigSettings& object, std::vector<Notice>* notices) {
  bool any = std::any_of(object.settings.begin(), object.settings.end(), [](const Setting& s) { return !s.known; });
  if (!any) return;
  std::vector<std::string> known = KnownPaths(object);
  for (const auto& s : object.settings) {
    if (s.known) continue;
    auto guesses = Suggest(s.path, known, 1);
    Notice n;
    n.code = "unknown-setting";
    n.where = s.where;
    if (!guesses.empty()) {
      n.severity = Notice::Severity::kWarning;
      n.message = fmt::format("config.{} is not a Jets.{} setting; did you mean config.{}?", s.path, object.object, guesses[0]);
      n.hint = fmt::format("Jets keeps the misspelt value and ignores it: config.{} stays as it was", guesses[0]);
    } else {
      // Jets 6 defines deploy settings in its closed remote runner: jetsam's table may lack some.
      n.severity = object.object == "deploy" ? Notice::Severity::kInfo : Notice::Severity::kWarning;
      n.message = fmt::format("config.{} is not a setting jetsam knows for Jets.{}", s.path, object.object);
      n.hint = "check the name against the Jets config reference; IAM output does not depend on it";
    }
    notices->push_back(std::move(n));
  }
}

std::string UnresolvedHint(const std::string& name) {
  if (name == "aws.region") return "pass --region, set JETS_AWS_REGION or AWS_REGION, or put region: in a --facts file";
  if (name == "aws.account") return "pass --account, set aws_account in config/jets/info.yml, or put account: in a --facts file";
  if (name == "aws.s3_bucket") return "pass --s3-bucket or put s3_bucket: in a --facts file";
  std::string kind = name.substr(0, name.find('('));
  return fmt::format("add the answer to a --facts file under {}: (see samples/facts.yml)", kind);
}

void UnresolvedNotices(const Recorder& recorder, std::vector<Notice>* notices) {
  std::map<std::string, std::vector<Location>> uses;
  std::map<std::string, std::string> placeholders;
  std::vector<std::string> order;
  for (const auto& u : recorder.unresolved) {
    if (!uses.count(u.name)) order.push_back(u.name);
    auto& list = uses[u.name];
    if (std::find(list.begin(), list.end(), u.where) == list.end()) list.push_back(u.where);
    placeholders[u.name] = u.placeholder;
  }
  for (const auto& name : order) {
    const auto& list = uses[name];
    std::vector<std::string> where;
    bool by_default = false;
    for (const auto& loc : list) {
      if (loc.empty()) by_default = true;
      else where.push_back(loc.str());
    }
    if (by_default) where.push_back("Jets' defaults");
    Notice n;
    n.code = "unresolved-lookup";
    n.severity = Notice::Severity::kWarning;
    // Point at the config's own first use; Jets' defaults have no line.
    n.where = {};
    for (const auto& loc : list) {
      if (!loc.empty()) {
        n.where = loc;
        break;
      }
    }
    n.message = fmt::format("{} is not known offline: the output shows {} (used by {})", name, placeholders[name],
                            fmt::join(where, ", "));
    n.hint = UnresolvedHint(name);
    notices->push_back(std::move(n));
  }
}

}  // namespace

Status Capture(vm::Vm& vm, const HostFacts& host, const Recorder& recorder, EvalResult* result) {
  mrb_state* mrb = vm.mrb();
  int arena = mrb_gc_arena_save(mrb);
  mrb_value jets = mrb_obj_value(mrb_module_get(mrb, "Jets"));
  const char* names[] = {"project", "bootstrap", "deploy"};
  ConfigSettings* targets[] = {&result->settings.project, &result->settings.bootstrap, &result->settings.deploy};
  for (int i = 0; i < 3; ++i) {
    mrb_value object = mrb_funcall(mrb, jets, names[i], 0);
    if (mrb->exc) return vm.TakeException();
    mrb_value rows = mrb_funcall(mrb, object, "__export", 0);
    if (mrb->exc) return vm.TakeException();
    CopyRows(mrb, rows, targets[i]);
    mrb_gc_arena_restore(mrb, arena);
  }
  mrb_value project = mrb_funcall(mrb, jets, "project", 0);
  mrb_value name = mrb_funcall(mrb, project, "name", 0);
  if (mrb->exc) return vm.TakeException();
  mrb_value name_s = mrb_funcall(mrb, name, "to_s", 0);
  mrb_value ns = mrb_funcall(mrb, project, "namespace", 0);
  if (mrb->exc) return vm.TakeException();

  ProjectFacts& f = result->facts;
  f.name = RubyString(name_s);
  f.namespace_ = RubyString(ns);
  f.env = host.env;
  f.extra = host.extra;
  f.region = host.region.value_or("<aws.region>");
  f.account = host.account.value_or("<aws.account>");
  f.s3_bucket = host.s3_bucket.value_or("<aws.s3_bucket>");
  mrb_gc_arena_restore(mrb, arena);

  for (ConfigSettings* object : targets) UnknownSettingNotices(*object, &result->notices);
  UnresolvedNotices(recorder, &result->notices);
  result->output = recorder.output;
  return Status::Ok();
}

}  // namespace jetsam::bindings
