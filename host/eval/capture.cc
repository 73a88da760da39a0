#include "eval/capture.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "eval/options_native.h"
#include "eval/ruby_value.h"
#include "core/suggest.h"

namespace jetsam::eval {
namespace {

// Walks a settings tree natively: the values from each node, where they came from from the
// host's records. Paths are the keys walked, whatever a node was once told.
class TreeWalker {
 public:
  TreeWalker(mrb_state* mrb, const Recorder& recorder) : mrb_(mrb), r_(recorder) {}

  void Walk(mrb_value node, const std::string& path, ConfigSettings* out) {
    if (!status_.ok()) return;
    for (const void* p : visiting_) {
      if (p == mrb_ptr(node)) {
        Fail(Status::Config(fmt::format("config.{} holds itself: settings cannot nest in a loop", path)));
        return;
      }
    }
    visiting_.push_back(mrb_ptr(node));
    Node n{this, node, out, &path, r_.prov.Node(mrb_ptr(node)), 0};
    mrb_value values = NodeValues(mrb_, node);
    if (mrb_hash_p(values)) mrb_hash_foreach(mrb_, mrb_hash_ptr(values), Visit, &n);
    visiting_.pop_back();
  }

  const Status& status() const { return status_; }

 private:
  struct Node {
    TreeWalker* walker;
    mrb_value self;
    ConfigSettings* out;
    const std::string* path;
    const NodeRecord* record;
    size_t index;  // of the key visited, in the node's order
  };

  void Fail(Status s) {
    if (status_.ok()) status_ = std::move(s);
  }

  static int Visit(mrb_state* mrb, mrb_value key, mrb_value value, void* data) {
    auto* n = static_cast<Node*>(data);
    TreeWalker* w = n->walker;
    if (!w->status_.ok()) return 1;
    const size_t index = n->index++;
    int arena = mrb_gc_arena_save(mrb);
    // A node's keys are Strings (options_native.cc: KeyValue).
    const std::string_view name = mrb_string_p(key) ? View(key) : std::string_view();
    std::string path;
    path.reserve(n->path->size() + 1 + name.size());
    if (!n->path->empty()) path.append(*n->path).push_back('.');
    path.append(name);
    if (IsNode(mrb, value)) {
      w->Walk(value, path, n->out);
    } else {
      Setting s;
      s.value = RubyToValue(mrb, value);
      const KeyRecord* k = nullptr;
      if (n->record) k = n->record->FindKey(name);
      if (k) {
        s.where = k->where;
        s.history = k->history;
      }
      s.known = (n->record && (n->record->open || index < n->record->prebuilt_keys)) || (k && k->known);
      s.path = std::move(path);
      if (mrb_array_p(value)) w->ListOrigins(value, &s);
      if (!mrb_immediate_p(value) && mrb_class(mrb, value) != mrb_obj_class(mrb, value) && w->status_.ok()) {
        w->Fail(Status::Config(
            fmt::format("config.{} has methods of its own (def on the value, extend or singleton_class): Jets "
                        "would call them, so jetsam cannot tell what Jets would see",
                        s.path),
            s.where, "store plain values in settings"));
      }
      n->out->settings.push_back(std::move(s));
    }
    mrb_gc_arena_restore(mrb, arena);
    return w->status_.ok() ? 0 : 1;
  }

  // A list's items remember where each was added ("" file: a Jets default). No table: every
  // item shares the setting's origin.
  void ListOrigins(mrb_value list, Setting* s) {
    const ListRecord* l = r_.prov.List(mrb_ptr(list));
    if (!l) return;
    if (!ListUnchanged(mrb_, list)) {
      Fail(Status::Config(fmt::format("config.{} was changed in a way jetsam cannot follow (an Array method called "
                                      "on it directly?), so jetsam cannot say where its items came from",
                                      s->path),
                          s->where, "change settings lists with <<, push, +=, -=, delete, or assign a new Array"));
      return;
    }
    if (!l->origins) return;
    for (mrb_int i = 0; i < RARRAY_LEN(list); ++i) {
      auto it = l->origins->find(KeyOf(mrb_ary_ref(mrb_, list, i)));
      s->item_origins.push_back(it == l->origins->end() ? s->where : it->second);
    }
  }

  mrb_state* mrb_;
  const Recorder& r_;
  std::vector<const void*> visiting_;
  Status status_;
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

void UnresolvedLookups(const std::vector<Recorder::Unresolved>& unresolved, std::vector<Notice>* notices) {
  std::map<std::string, std::vector<Location>> uses;
  std::map<std::string, std::string> placeholders;
  std::vector<std::string> order;
  for (const auto& u : unresolved) {
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

// While the host reads the settings, a config's code it runs (a name's to_s) changes nothing.
class Sealed {
 public:
  explicit Sealed(Recorder& r) : r_(r), was_(r.sealed) { r_.sealed = true; }
  ~Sealed() { r_.sealed = was_; }

 private:
  Recorder& r_;
  bool was_;
};

}  // namespace

Status CaptureObject(vm::Vm& vm, Recorder& recorder, int which, ConfigSettings* out, std::vector<Notice>* notices,
                     bool seal) {
  mrb_state* mrb = vm.mrb();
  int arena = mrb_gc_arena_save(mrb);
  // Builds one no file asked for, so that its Jets defaults count.
  mrb_bool failed = false;
  mrb_value object = mrb_protect_error(
      mrb, [](mrb_state* m, void* w) { return ConfigObject(m, *static_cast<int*>(w)); }, &which, &failed);
  if (failed) {
    mrb->exc = mrb_obj_ptr(object);
    return vm.TakeException();
  }
  std::optional<Sealed> sealed;
  if (seal) sealed.emplace(recorder);
  ConfigSettings walked;
  walked.settings.reserve(512);  // Jets.deploy's defaults alone are some 300
  TreeWalker walker(mrb, recorder);
  walker.Walk(mrb_iv_get(mrb, object, recorder.world->root), "", &walked);
  mrb_gc_arena_restore(mrb, arena);
  if (!walker.status().ok()) return walker.status();
  // Sorted by path (ConfigSettings::Find bisects): order indices, then move each setting once.
  std::vector<size_t> order(walked.settings.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return walked.settings[a].path < walked.settings[b].path; });
  out->settings.clear();
  out->settings.reserve(order.size());
  for (size_t k : order) out->settings.push_back(std::move(walked.settings[k]));
  UnknownSettingNotices(*out, notices);
  return Status::Ok();
}

Status CaptureFacts(vm::Vm& vm, const HostFacts& host, Recorder& recorder, ProjectFacts* f) {
  mrb_state* mrb = vm.mrb();
  int arena = mrb_gc_arena_save(mrb);
  mrb_bool failed = false;
  int project_index = 0;
  mrb_value project = mrb_protect_error(
      mrb, [](mrb_state* m, void* w) { return ConfigObject(m, *static_cast<int*>(w)); }, &project_index, &failed);
  if (failed) {
    mrb->exc = mrb_obj_ptr(project);
    return vm.TakeException();
  }
  // Not sealed: a name's to_s is the config's own code, and may use the objects of later phases.
  const World& w = *recorder.world;
  mrb_value name = mrb_funcall_argv(mrb, project, w.name, 0, nullptr);
  if (mrb->exc) return vm.TakeException();
  mrb_value name_s = mrb_funcall_argv(mrb, name, w.to_s, 0, nullptr);
  mrb_value ns = mrb_funcall_argv(mrb, project, w.namespace_, 0, nullptr);
  if (mrb->exc) return vm.TakeException();
  f->name = RubyString(name_s);
  f->namespace_ = RubyString(ns);
  f->env = host.env;
  f->extra = host.extra;
  f->region = host.region.value_or("<aws.region>");
  f->account = host.account.value_or("<aws.account>");
  f->s3_bucket = host.s3_bucket.value_or("<aws.s3_bucket>");
  mrb_gc_arena_restore(mrb, arena);
  return Status::Ok();
}

void UnresolvedNotices(const Recorder& recorder, size_t count, std::vector<Notice>* notices) {
  std::vector<Recorder::Unresolved> upto(recorder.unresolved.begin(),
                                         recorder.unresolved.begin() + std::min(count, recorder.unresolved.size()));
  UnresolvedLookups(upto, notices);
}

Status Capture(vm::Vm& vm, const HostFacts& host, Recorder& recorder, EvalResult* result) {
  ConfigSettings* targets[] = {&result->settings.project, &result->settings.bootstrap, &result->settings.deploy};
  for (int i = 0; i < 3; ++i) {
    if (Status s = CaptureObject(vm, recorder, i, targets[i], &result->notices, true); !s.ok()) return s;
  }
  if (Status s = CaptureFacts(vm, host, recorder, &result->facts); !s.ok()) return s;
  UnresolvedNotices(recorder, recorder.unresolved.size(), &result->notices);
  AppendRuntimeReport(recorder, result);
  result->output = vm::WithoutAddresses(recorder.output);
  return Status::Ok();
}

}  // namespace jetsam::eval
