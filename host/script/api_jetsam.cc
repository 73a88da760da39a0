// Jetsam::Native's functions: load, expand, diff, output and exit, and what the API's files share.
#include <mruby.h>
#include <mruby/array.h>
#include <mruby/class.h>
#include <mruby/data.h>
#include <mruby/hash.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <fmt/format.h>

#include "jetsam/analyze.h"
#include "jetsam/diff.h"
#include "jetsam/emit.h"
#include "jetsam/version.h"
#include "script/api.h"
#include "script/native.h"
#include "script/output.h"
#include "vm/exception.h"
#include "vm/isolate.h"
#include "vm/mruby_shim.h"

extern "C" const uint8_t jetsam_script_stdlib[];

namespace jetsam::script {
namespace {

// The Jetsam::ProjectError for a project that failed, with its parts as attributes.
mrb_value ProjectError(mrb_state* mrb, const Readable& checkout, const Status& s) {
  State* st = StateOf(mrb);
  const std::string where = WhereIn(checkout, s.where());
  std::string message = !where.empty()                             ? where + ": " + s.message()
                        : s.message().rfind(checkout.given, 0) == 0 ? s.message()
                                                                    : checkout.given + ": " + s.message();
  st->last_project_error = message;
  st->last_project_hint = s.hint();
  mrb_value exc = NewException(mrb, st->project_error, message);
  if (mrb_obj_class(mrb, exc) != st->project_error) return exc;  // no memory for it
  mrb_value failed = mrb_nil_value();
  Protected(
      mrb,
      [&] {
        auto set = [&](const char* name, mrb_value v) { mrb_iv_set(mrb, exc, mrb_intern_cstr(mrb, name), v); };
        auto str = [&](const std::string& t) { return t.empty() ? mrb_nil_value() : mrb_str_new(mrb, t.data(), t.size()); };
        set("@dir", str(checkout.given));
        set("@file", str(s.where().file));
        set("@line", s.where().line > 0 ? mrb_int_value(mrb, s.where().line) : mrb_nil_value());
        set("@hint", str(s.hint()));
        return mrb_nil_value();
      },
      &failed);
  return mrb_nil_p(failed) ? exc : failed;
}

// --- Jetsam::Native

mrb_value Write(mrb_state* mrb, mrb_value) {
  mrb_int fd;
  mrb_value text;
  mrb_get_args(mrb, "iS", &fd, &text);
  const World& w = *StateOf(mrb)->world;
  if (!WriteOutput(fd == 2 ? w.err_fd : w.out_fd, std::string_view(RSTRING_PTR(text), RSTRING_LEN(text)))) {
    // The reader has gone (`jetsam run x.rb | head`): end the script as Ruby would on EPIPE.
    mrb_value exc = mrb_obj_new(mrb, mrb_class_get(mrb, "SystemExit"), 0, nullptr);
    StateOf(mrb)->exit_status = 1;
    mrb_exc_raise(mrb, exc);
  }
  return mrb_int_value(mrb, RSTRING_LEN(text));
}

mrb_value ExitStatus(mrb_state* mrb, mrb_value) {
  mrb_int status;
  mrb_get_args(mrb, "i", &status);
  StateOf(mrb)->exit_status = static_cast<int>(status & 0xFF);
  return mrb_nil_value();
}

mrb_value Load(mrb_state* mrb, mrb_value) {
  mrb_value dir, env, extra, facts;
  mrb_get_args(mrb, "oooo", &dir, &env, &extra, &facts);
  State* st = StateOf(mrb);
  return Answer(mrb, [&](Reply& r) {
    if (!mrb_string_p(dir)) return r.Fail(E_TYPE_ERROR, "Jetsam.load takes the checkout's directory as a String");
    const std::string given = StringArg(mrb, dir);
    const Readable* checkout = FindReadable(*st->world, given);
    if (!checkout) {
      return r.Fail(st->not_allowed,
                    fmt::format("Jetsam.load({:?}): this script may not read {} (it may read the current checkout "
                                "and the directories given with --allow-read): pass --allow-read {} to jetsam run",
                                given, LexicalAbsolute(st->world->cwd, given), given));
    }
    EvalOptions options = st->world->eval;
    if (!ApplyLoadOptions(mrb, env, extra, facts, &options, &r)) return;
    LoadInto(mrb, *checkout, std::move(options), {}, &r);
  });
}

mrb_value Expand(mrb_state* mrb, mrb_value) {
  mrb_value pattern;
  mrb_get_args(mrb, "S", &pattern);
  return Answer(mrb, [&](Reply& r) {
    Expansion e;
    Status s = ExpandPattern(StringArg(mrb, pattern), &e);
    if (!s.ok()) return r.Fail(E_ARGUMENT_ERROR, s.hint().empty() ? s.message() : s.message() + " (" + s.hint() + ")");
    r.json = Json::parse(EmitExpandJson({e}))[0];
  });
}

mrb_value Diff(mrb_state* mrb, mrb_value) {
  mrb_value a, b;
  mrb_get_args(mrb, "oo", &a, &b);
  const auto& pa = ProjectOf(mrb, a);
  const auto& pb = ProjectOf(mrb, b);
  return Answer(mrb, [&](Reply& r) { r.json = DiffRoles(pa->compiled, pb->compiled, pa->Label(), pb->Label()); });
}

mrb_value ReadableDirs(mrb_state* mrb, mrb_value) {
  return Answer(mrb, [&](Reply& r) {
    Json dirs = Json::array();
    for (const auto& d : StateOf(mrb)->world->readable) dirs.push_back(d.given);
    r.json = std::move(dirs);
  });
}

mrb_value VersionString(mrb_state* mrb, mrb_value) {
  return Answer(mrb, [&](Reply& r) { r.json = Json(std::string(Version())); });
}

// Set, YAML, Digest and Date (mrblib/stdlib/), defined the first time a script names one of them
// (host/script/ruby/kernel.rb calls this once). An error in them raises here, at the script's line.
mrb_value LoadStdlib(mrb_state* mrb, mrb_value) {
  State* st = StateOf(mrb);
  if (st->stdlib_loaded) return mrb_false_value();
  st->stdlib_loaded = true;
  vm::shim::RunBytecodeAtTopLevel(mrb, jetsam_script_stdlib);
  return mrb_true_value();
}

}  // namespace

State* StateOf(mrb_state* mrb) { return static_cast<State*>(vm::ContextOf(mrb)->user); }

std::string StringArg(mrb_state* mrb, mrb_value v) {
  if (mrb_string_p(v)) return std::string(RSTRING_PTR(v), RSTRING_LEN(v));
  if (mrb_symbol_p(v)) return mrb_sym_name(mrb, mrb_symbol(v));
  return {};
}

bool ApplyLoadOptions(mrb_state* mrb, mrb_value env, mrb_value extra, mrb_value facts, EvalOptions* options,
                      Reply* reply) {
  auto text = [&](mrb_value v, const char* name, std::string* out) {
    if (mrb_nil_p(v)) return true;
    if (!mrb_string_p(v) && !mrb_symbol_p(v)) {
      reply->Fail(E_TYPE_ERROR, fmt::format("{}: takes a String, not a {}", name, mrb_obj_classname(mrb, v)));
      return false;
    }
    *out = StringArg(mrb, v);
    return true;
  };
  if (!text(env, "env", &options->env) || !text(extra, "extra", &options->extra)) return false;
  if (mrb_nil_p(facts)) return true;
  if (!mrb_hash_p(facts)) {
    reply->Fail(E_TYPE_ERROR, fmt::format("facts: takes a Hash such as {{region: \"us-west-2\", account: "
                                          "\"111122223333\"}}, not a {}",
                                          mrb_obj_classname(mrb, facts)));
    return false;
  }
  std::string json_text, error;
  if (!eval::WriteJson(mrb, facts, false, &json_text, &error, &reply->exception)) {
    if (mrb_nil_p(reply->exception)) reply->Fail(E_ARGUMENT_ERROR, "facts: " + error);
    return false;
  }
  const Json json = Json::parse(json_text);
  Facts over;
  for (auto it = json.begin(); it != json.end(); ++it) {
    std::optional<std::string>* field = it.key() == "region"      ? &over.region
                                        : it.key() == "account"   ? &over.account
                                        : it.key() == "s3_bucket" ? &over.s3_bucket
                                                                  : nullptr;
    if (!field) {
      over.lookups[it.key()] = nlohmann::json::parse(it.value().dump());
    } else if (it.value().is_string()) {
      *field = it.value().get<std::string>();
    } else {
      reply->Fail(E_TYPE_ERROR, fmt::format("facts: {} takes a String (quote an account id)", it.key()));
      return false;
    }
  }
  options->facts.MergeFrom(over);
  return true;
}

void LoadInto(mrb_state* mrb, const Readable& checkout, EvalOptions options, std::vector<std::string> notes,
              Reply* reply) {
  State* st = StateOf(mrb);
  if (!checkout.status.ok()) {
    reply->exception = ProjectError(mrb, checkout, checkout.status);
    return;
  }
  // The projects a script holds live outside its VM's heap: bounded by the memory limit too.
  const size_t budget = static_cast<size_t>(st->world->limits.memory_bytes);
  if (st->project_bytes > budget) mrb_full_gc(mrb);  // frees the projects nothing refers to any more
  if (st->project_bytes > budget) {
    return reply->Fail(st->error, fmt::format("the projects this script holds take more than the memory limit of {} "
                                              "MiB: keep fewer of them (a project nothing refers to is freed), or "
                                              "raise --memory-limit",
                                              budget >> 20));
  }
  std::shared_ptr<Project> project;
  if (st->world->board) st->world->board->Set(checkout.given);
  Status s = LoadProject(checkout, std::move(options), std::move(notes), &project);
  if (st->world->board) st->world->board->Clear();
  vm::ReportProgress(st->world->script_name);  // the script runs again: a timeout names it
  if (!s.ok()) {
    reply->exception = ProjectError(mrb, checkout, s);
    return;
  }
  reply->value = Protected(mrb, [&] { return WrapProject(mrb, project); }, &reply->exception);
}

void DefineHostClass(mrb_state* mrb, RClass* c, mrb_func_t no_copy) {
  MRB_SET_INSTANCE_TT(c, MRB_TT_DATA);
  mrb_undef_class_method(mrb, c, "new");
  mrb_define_method(mrb, c, "initialize_copy", no_copy, MRB_ARGS_REQ(1));
}

void DefineApi(mrb_state* mrb, State* st) {
  RClass* jetsam = mrb_module_get(mrb, "Jetsam");
  st->native = mrb_module_get_under(mrb, jetsam, "Native");
  st->project_class = mrb_class_get_under(mrb, jetsam, "Project");
  st->role_class = mrb_class_get_under(mrb, jetsam, "Role");
  st->error = mrb_class_get_under(mrb, jetsam, "Error");
  st->project_error = mrb_class_get_under(mrb, jetsam, "ProjectError");
  st->not_allowed = mrb_class_get_under(mrb, jetsam, "NotAllowed");
  RClass* n = st->native;
  mrb_define_module_function(mrb, n, "write", Write, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, n, "exit_status", ExitStatus, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, n, "load", Load, MRB_ARGS_REQ(4));
  mrb_define_module_function(mrb, n, "expand", Expand, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, n, "diff", Diff, MRB_ARGS_REQ(2));
  mrb_define_module_function(mrb, n, "readable", ReadableDirs, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, n, "version", VersionString, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, n, "load_stdlib", LoadStdlib, MRB_ARGS_NONE());
  // JSON, YAML, Digest and regular expressions (mrblib/stdlib/, mrblib/regexp.rb, which the
  // script's prelude shares with a config's) on the natives a config's VM has.
  RClass* host = mrb_define_module_under(mrb, jetsam, "Host");
  eval::InstallJsonNative(mrb, host);
  eval::InstallYamlNative(mrb, host);
  eval::InstallRegexpNative(mrb, host);
  eval::InstallDigestNative(mrb, host);
  DefineProjectNatives(mrb, st);
  DefineRoleNatives(mrb, st);
}

}  // namespace jetsam::script
