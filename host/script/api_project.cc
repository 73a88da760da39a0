// Jetsam::Project's natives, and Native.with and Native.deploy_user, which make new projects and
// roles from one.
#include <mruby.h>
#include <mruby/class.h>
#include <mruby/data.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <fmt/format.h>

#include "jetsam/explain.h"
#include "script/api.h"
#include "script/native.h"

namespace jetsam::script {
namespace {

struct ProjectBox {
  std::shared_ptr<Project> project;
  State* state;
};

void FreeProject(mrb_state*, void* data) {
  auto* box = static_cast<ProjectBox*>(data);
  box->state->project_bytes -= box->project->bytes;
  delete box;
}

const mrb_data_type kProjectType = {"Jetsam::Project", FreeProject};

// The natives that answer with JSON about one project.
template <class Build>
mrb_value About(mrb_state* mrb, mrb_value self, Build&& build) {
  const auto& p = ProjectOf(mrb, self);
  return Answer(mrb, [&](Reply& r) { r.json = build(*p); });
}

mrb_value Label(mrb_state* mrb, mrb_value self) { return About(mrb, self, [](const Project& p) { return Json(p.Label()); }); }
mrb_value Dir(mrb_state* mrb, mrb_value self) {
  return About(mrb, self, [](const Project& p) { return Json(p.checkout->given); });
}
mrb_value Env(mrb_state* mrb, mrb_value self) { return About(mrb, self, [](const Project& p) { return Json(p.eval.facts.env); }); }
mrb_value Extra(mrb_state* mrb, mrb_value self) {
  return About(mrb, self, [](const Project& p) { return p.eval.facts.extra.empty() ? Json(nullptr) : Json(p.eval.facts.extra); });
}
mrb_value Name(mrb_state* mrb, mrb_value self) { return About(mrb, self, [](const Project& p) { return Json(p.eval.facts.name); }); }
mrb_value Namespace(mrb_state* mrb, mrb_value self) {
  return About(mrb, self, [](const Project& p) { return Json(p.eval.facts.namespace_); });
}
mrb_value ProjectFactsOf(mrb_state* mrb, mrb_value self) {
  return About(mrb, self, [](const Project& p) { return FactsJson(p.eval.facts); });
}
mrb_value Files(mrb_state* mrb, mrb_value self) { return About(mrb, self, [](const Project& p) { return Json(p.eval.files); }); }
mrb_value Notices(mrb_state* mrb, mrb_value self) {
  return About(mrb, self, [](const Project& p) { return NoticesJson(p.compiled.notices); });
}
mrb_value Output(mrb_state* mrb, mrb_value self) { return About(mrb, self, [](const Project& p) { return Json(p.eval.output); }); }
mrb_value Cfn(mrb_state* mrb, mrb_value self) { return About(mrb, self, [](const Project& p) { return CfnResources(p.compiled); }); }
mrb_value ExplainOf(mrb_state* mrb, mrb_value self) {
  return About(mrb, self, [](const Project& p) { return Explain(p.compiled, p.eval.settings); });
}

mrb_value SettingsOf(mrb_state* mrb, mrb_value self) {
  mrb_bool changed;
  mrb_get_args(mrb, "b", &changed);
  return About(mrb, self, [&](const Project& p) { return SettingsJson(p.eval.settings, changed); });
}

mrb_value SettingOf(mrb_state* mrb, mrb_value self) {
  mrb_value path;
  mrb_get_args(mrb, "S", &path);
  return About(mrb, self, [&](const Project& p) { return FindSettingJson(p.eval.settings, StringArg(mrb, path)); });
}

mrb_value LintOf(mrb_state* mrb, mrb_value self) {
  const auto& p = ProjectOf(mrb, self);
  return Answer(mrb, [&](Reply& r) {
    if (!p->findings) p->findings = Lint(p->eval, p->compiled);
    r.json = FindingsJson(*p->findings);
  });
}

mrb_value RoleOf(mrb_state* mrb, mrb_value self) {
  mrb_value name;
  mrb_get_args(mrb, "o", &name);
  const auto& p = ProjectOf(mrb, self);
  return Answer(mrb, [&](Reply& r) {
    const std::string wanted = StringArg(mrb, name);
    if (wanted == "deploy-user" || wanted == "deploy_user") {
      r.value = Protected(mrb, [&] { return mrb_funcall(mrb, self, "deploy_user", 0); }, &r.exception);
      return;
    }
    const Role* role = FindRole(p->compiled, wanted);
    if (!role) {
      return r.Fail(E_ARGUMENT_ERROR, fmt::format("no role {:?}: codebuild, lambda, ci or deploy-user (or a logical id: "
                                                  "CodebuildRole, IamRole, CiRole)",
                                                  wanted));
    }
    const int index = static_cast<int>(role - p->compiled.roles.data());
    r.value = Protected(mrb, [&] { return WrapRole(mrb, self, p, index, nullptr); }, &r.exception);
  });
}

// --- Native.with(project, env, extra, facts, project_code, bootstrap_code, deploy_code)

mrb_value With(mrb_state* mrb, mrb_value) {
  mrb_value self, env, extra, facts, code[3];
  mrb_get_args(mrb, "ooooooo", &self, &env, &extra, &facts, &code[0], &code[1], &code[2]);
  const auto& base = ProjectOf(mrb, self);
  State* st = StateOf(mrb);
  const Location call = vm::CallerLocation(mrb, st->code.compiled);
  return Answer(mrb, [&](Reply& r) {
    EvalOptions options = base->options;
    std::vector<std::string> notes = base->notes;
    if (!ApplyLoadOptions(mrb, env, extra, facts, &options, &r)) return;
    // env and extra show in the label already; facts do not.
    if (!mrb_nil_p(facts)) notes.push_back("facts at " + call.str());
    static const char* const kObjects[] = {"project", "bootstrap", "deploy"};
    std::string error;
    bool ok = true;
    Protected(
        mrb,
        [&] {
          for (int i = 0; i < 3 && ok; ++i) {
            ok = AddVariantCode(mrb, &st->code, kObjects[i], code[i], call, &options.after, &notes, &error);
          }
          return mrb_nil_value();
        },
        &r.exception);
    if (!mrb_nil_p(r.exception)) return;
    if (!ok) return r.Fail(E_ARGUMENT_ERROR, error);
    LoadInto(mrb, *base->checkout, std::move(options), std::move(notes), &r);
  });
}

mrb_value DeployUser(mrb_state* mrb, mrb_value) {
  mrb_value self, scope, prefix;
  mrb_get_args(mrb, "oSo", &self, &scope, &prefix);
  const auto& p = ProjectOf(mrb, self);
  return Answer(mrb, [&](Reply& r) {
    DeployUserOptions options;
    const auto parsed = ParseDeployScope(StringArg(mrb, scope));
    if (!parsed) {
      return r.Fail(E_ARGUMENT_ERROR, fmt::format("deploy_user({:?}): the scopes are baseline, least, local and tailored",
                                                  StringArg(mrb, scope)));
    }
    options.scope = *parsed;
    options.prefix = StringArg(mrb, prefix);
    auto role = std::make_unique<Role>();
    Status s = CompileDeployUser(p->eval, options, role.get());
    if (!s.ok()) return r.Fail(E_ARGUMENT_ERROR, s.hint().empty() ? s.message() : s.message() + " (" + s.hint() + ")");
    r.value = Protected(mrb, [&] { return WrapRole(mrb, self, p, -1, std::move(role)); }, &r.exception);
  });
}

mrb_value NoCopy(mrb_state* mrb, mrb_value) {
  mrb_raise(mrb, E_TYPE_ERROR, "a Jetsam::Project cannot be copied: it does not change (vary it with #with)");
}

}  // namespace

const std::shared_ptr<Project>& ProjectOf(mrb_state* mrb, mrb_value self) {
  auto* box = static_cast<ProjectBox*>(mrb_data_check_get_ptr(mrb, self, &kProjectType));
  if (!box) {
    mrb_raisef(mrb, E_TYPE_ERROR, "expected a Jetsam::Project (from Jetsam.load), got %C", mrb_obj_class(mrb, self));
  }
  return box->project;
}

mrb_value WrapProject(mrb_state* mrb, std::shared_ptr<Project> project) {
  State* st = StateOf(mrb);
  const size_t bytes = project->bytes;
  RData* data = mrb_data_object_alloc(mrb, st->project_class, nullptr, &kProjectType);
  data->data = new ProjectBox{std::move(project), st};
  st->project_bytes += bytes;
  return mrb_obj_value(data);
}

void DefineProjectNatives(mrb_state* mrb, State* st) {
  RClass* c = st->project_class;
  DefineHostClass(mrb, c, NoCopy);
  mrb_define_method(mrb, c, "label", Label, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "dir", Dir, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "env", Env, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "extra", Extra, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "name", Name, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "namespace", Namespace, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "facts", ProjectFactsOf, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "files", Files, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "notices", Notices, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "output", Output, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "cfn", Cfn, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "explain", ExplainOf, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "__settings", SettingsOf, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, c, "setting", SettingOf, MRB_ARGS_REQ(1));
  mrb_define_method(mrb, c, "lint", LintOf, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "role", RoleOf, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, st->native, "with", With, MRB_ARGS_REQ(7));
  mrb_define_module_function(mrb, st->native, "deploy_user", DeployUser, MRB_ARGS_REQ(3));
}

}  // namespace jetsam::script
