// Jetsam::Role's natives: one compiled role of a project (or the deploy user's policy), as data,
// and `can`, the offline policy evaluator.
#include <mruby.h>
#include <mruby/class.h>
#include <mruby/data.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <fmt/format.h>

#include "jetsam/analyze.h"
#include "jetsam/emit.h"
#include "script/api.h"
#include "script/native.h"

namespace jetsam::script {
namespace {

struct RoleBox {
  std::shared_ptr<Project> project;  // keeps the role alive
  int index = -1;                    // into project->compiled.roles; -1: `own`
  std::unique_ptr<Role> own;         // the deploy user's, compiled on request
  const Role& role() const { return own ? *own : project->compiled.roles[static_cast<size_t>(index)]; }
};

void FreeRole(mrb_state*, void* data) { delete static_cast<RoleBox*>(data); }

const mrb_data_type kRoleType = {"Jetsam::Role", FreeRole};

const Role& TheRole(mrb_state* mrb, mrb_value self) {
  auto* box = static_cast<RoleBox*>(mrb_data_check_get_ptr(mrb, self, &kRoleType));
  if (!box) mrb_raisef(mrb, E_TYPE_ERROR, "expected a Jetsam::Role (from Project#role), got %C", mrb_obj_class(mrb, self));
  return box->role();
}

template <class Build>
mrb_value AboutRole(mrb_state* mrb, mrb_value self, Build&& build) {
  const Role& role = TheRole(mrb, self);
  return Answer(mrb, [&](Reply& r) { r.json = build(role); });
}

mrb_value RoleName(mrb_state* mrb, mrb_value self) { return AboutRole(mrb, self, [](const Role& r) { return Json(r.logical_id); }); }
mrb_value Kind(mrb_state* mrb, mrb_value self) {
  return AboutRole(mrb, self, [](const Role& r) { return Json(std::string(RoleKindName(r.kind))); });
}
mrb_value Service(mrb_state* mrb, mrb_value self) {
  return AboutRole(mrb, self, [](const Role& r) { return r.service.empty() ? Json(nullptr) : Json(r.service); });
}
mrb_value ToH(mrb_state* mrb, mrb_value self) { return AboutRole(mrb, self, RoleResourceJson); }
mrb_value Policies(mrb_state* mrb, mrb_value self) { return AboutRole(mrb, self, RolePoliciesJson); }
mrb_value Statements(mrb_state* mrb, mrb_value self) { return AboutRole(mrb, self, RoleStatementsJson); }
mrb_value Actions(mrb_state* mrb, mrb_value self) { return AboutRole(mrb, self, RoleActionsJson); }
mrb_value Managed(mrb_state* mrb, mrb_value self) { return AboutRole(mrb, self, RoleManagedJson); }
mrb_value AccessLevels(mrb_state* mrb, mrb_value self) { return AboutRole(mrb, self, RoleAccessLevelsJson); }

mrb_value ProjectValue(mrb_state* mrb, mrb_value self) {
  TheRole(mrb, self);
  return mrb_iv_get(mrb, self, mrb_intern_lit(mrb, "project"));
}

// can(action, resource = nil): the answer of `jetsam can --format json`.
mrb_value CanDo(mrb_state* mrb, mrb_value self) {
  mrb_value action, resource = mrb_nil_value();
  mrb_get_args(mrb, "S|o", &action, &resource);
  const Role& role = TheRole(mrb, self);
  if (!mrb_nil_p(resource) && !mrb_string_p(resource)) {
    mrb_raise(mrb, E_TYPE_ERROR, "can: the resource is an ARN String, or nil for any resource");
  }
  return Answer(mrb, [&](Reply& r) {
    CanAnswer answer;
    Status s = Can(role, CanRequest{StringArg(mrb, action), StringArg(mrb, resource)}, &answer);
    if (!s.ok()) return r.Fail(E_ARGUMENT_ERROR, s.hint().empty() ? s.message() : s.message() + " (" + s.hint() + ")");
    r.json = Json::parse(EmitCanJson(answer));
  });
}

mrb_value RoleNoCopy(mrb_state* mrb, mrb_value) {
  mrb_raise(mrb, E_TYPE_ERROR, "a Jetsam::Role cannot be copied: it does not change");
}

}  // namespace

mrb_value WrapRole(mrb_state* mrb, mrb_value project, std::shared_ptr<Project> owner, int index,
                   std::unique_ptr<Role> own) {
  State* st = StateOf(mrb);
  RData* data = mrb_data_object_alloc(mrb, st->role_class, nullptr, &kRoleType);
  data->data = new RoleBox{std::move(owner), index, std::move(own)};
  mrb_value role = mrb_obj_value(data);
  mrb_iv_set(mrb, role, mrb_intern_lit(mrb, "project"), project);  // no "@": Ruby cannot reach it
  return role;
}

void DefineRoleNatives(mrb_state* mrb, State* st) {
  RClass* c = st->role_class;
  DefineHostClass(mrb, c, RoleNoCopy);
  mrb_define_method(mrb, c, "name", RoleName, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "kind", Kind, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "service", Service, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "project", ProjectValue, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "to_h", ToH, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "policies", Policies, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "statements", Statements, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "actions", Actions, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "managed_policies", Managed, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "access_levels", AccessLevels, MRB_ARGS_NONE());
  mrb_define_method(mrb, c, "can", CanDo, MRB_ARGS_ARG(1, 1));
}

}  // namespace jetsam::script
