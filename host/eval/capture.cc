#include "eval/capture.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "eval/ruby_value.h"
#include "core/suggest.h"

namespace jetsam::eval {
namespace {

// Walks a settings tree (Jetsam::Options) natively, reading the node's own records: building
// rows in Ruby first cost a fifth of a whole evaluation.
class TreeWalker {
 public:
  explicit TreeWalker(mrb_state* mrb)
      : mrb_(mrb),
        options_(mrb_class_get_under(mrb, mrb_module_get(mrb, "Jetsam"), "Options")),
        origins_(mrb_const_get(mrb, mrb_obj_value(mrb_class_get_under(mrb, mrb_module_get(mrb, "Jetsam"), "List")),
                               mrb_intern_lit(mrb, "ORIGINS"))),
        path_(mrb_intern_lit(mrb, "@__path")),
        where_(mrb_intern_lit(mrb, "@__where")),
        history_(mrb_intern_lit(mrb, "@__history")),
        known_(mrb_intern_lit(mrb, "@__known")),
        open_(mrb_intern_lit(mrb, "@__open")),
        values_(mrb_intern_lit(mrb, "@__values")) {}

  void Walk(mrb_value node, ConfigSettings* out) {
    Node n{this, node, out, Ivar(node, path_), Ivar(node, where_), Ivar(node, history_),
           Ivar(node, known_), mrb_test(Ivar(node, open_))};
    mrb_value values = Ivar(node, values_);
    if (mrb_hash_p(values)) mrb_hash_foreach(mrb_, mrb_hash_ptr(values), Visit, &n);
  }

 private:
  struct Node {
    TreeWalker* walker;
    mrb_value self;
    ConfigSettings* out;
    mrb_value path, where, history, known;
    bool open;
  };

  mrb_value Ivar(mrb_value obj, mrb_sym name) { return mrb_iv_get(mrb_, obj, name); }

  mrb_value Lookup(mrb_value hash, mrb_value key) {
    return mrb_hash_p(hash) ? mrb_hash_fetch(mrb_, hash, key, mrb_nil_value()) : mrb_nil_value();
  }

  static int Visit(mrb_state* mrb, mrb_value key, mrb_value value, void* data) {
    auto* n = static_cast<Node*>(data);
    TreeWalker* w = n->walker;
    int arena = mrb_gc_arena_save(mrb);
    if (mrb_obj_is_kind_of(mrb, value, w->options_)) {
      w->Walk(value, n->out);
    } else {
      std::string parent = RubyString(n->path);
      std::string name = RubyString(key);
      Setting s;
      s.path = parent.empty() ? name : parent + "." + name;
      s.value = RubyToValue(mrb, value);
      mrb_value where = w->Lookup(n->where, key);
      s.where = RubyLocation(where);
      mrb_value history = w->Lookup(n->history, key);
      if (mrb_array_p(history)) {
        for (mrb_int h = 0; h < RARRAY_LEN(history); ++h) {
          mrb_value change = mrb_ary_ref(mrb, history, h);
          s.history.push_back({RubyLocation(mrb_ary_ref(mrb, change, 0)), RubyString(mrb_ary_ref(mrb, change, 1))});
        }
      }
      // A list's items remember where each was added (Jetsam::List::ORIGINS, by object id; ""
      // is a Jets default). No table: every item shares the setting's origin.
      if (mrb_array_p(value)) {
        mrb_value origins = w->Lookup(w->origins_, mrb_int_value(mrb, mrb_obj_id(value)));
        if (mrb_hash_p(origins)) {
          for (mrb_int i = 0; i < RARRAY_LEN(value); ++i) {
            mrb_value id = mrb_int_value(mrb, mrb_obj_id(mrb_ary_ref(mrb, value, i)));
            mrb_value loc = mrb_hash_fetch(mrb, origins, id, mrb_undef_value());
            s.item_origins.push_back(mrb_undef_p(loc) ? s.where : RubyLocation(loc));
          }
        }
      }
      s.known = n->open || mrb_test(w->Lookup(n->known, key));
      n->out->settings.push_back(std::move(s));
    }
    mrb_gc_arena_restore(mrb, arena);
    return 0;
  }

  mrb_state* mrb_;
  RClass* options_;
  mrb_value origins_;
  // Interned once per walk: interning them at each of a few hundred nodes cost ~0.4 M instructions.
  mrb_sym path_, where_, history_, known_, open_, values_;
};

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
    ConfigSettings walked;
    TreeWalker(mrb).Walk(mrb_iv_get(mrb, object, mrb_intern_lit(mrb, "@__root")), &walked);
    // Sorted by path (ConfigSettings::Find bisects): order indices, then move each setting once.
    std::vector<size_t> order(walked.settings.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return walked.settings[a].path < walked.settings[b].path; });
    targets[i]->settings.reserve(order.size());
    for (size_t k : order) targets[i]->settings.push_back(std::move(walked.settings[k]));
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

}  // namespace jetsam::eval
