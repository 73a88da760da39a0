// The natives behind the scripting API (host/script/ruby/jetsam.rb is their Ruby half): one
// file per Ruby-visible class, sharing the session's state through the VM's context.
#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include <mruby.h>

#include "jetsam/status.h"
#include "script/native.h"
#include "script/project.h"
#include "script/variant.h"
#include "script/world.h"

namespace jetsam::script {

// What the natives of one script's VM share (vm::VmContext::user).
struct State {
  const World* world = nullptr;
  ScriptCode code;
  RClass* native = nullptr;         // Jetsam::Native
  RClass* project_class = nullptr;  // Jetsam::Project
  RClass* role_class = nullptr;     // Jetsam::Role
  RClass* error = nullptr;          // Jetsam::Error
  RClass* project_error = nullptr;  // Jetsam::ProjectError
  RClass* not_allowed = nullptr;    // Jetsam::NotAllowed
  int exit_status = 0;              // the last SystemExit's
  bool stdlib_loaded = false;       // Set, YAML, Digest and Date defined (Native.load_stdlib)
  size_t project_bytes = 0;         // what the projects alive hold, about
  // The last ProjectError made: if it ends the script, its hint is shown too.
  std::string last_project_error, last_project_hint;
};

State* StateOf(mrb_state* mrb);

// Defines Jetsam::Native's functions and the natives of Jetsam::Project and Jetsam::Role; the
// Ruby half (the prelude) has defined the classes.
void DefineApi(mrb_state* mrb, State* state);

// --- shared by the api_*.cc files

// The Project behind a Jetsam::Project (raises TypeError for anything else: call it before any
// C++ object is made).
const std::shared_ptr<Project>& ProjectOf(mrb_state* mrb, mrb_value self);
// A new Jetsam::Project for `project` (its memory counted in State::project_bytes until the
// object is collected).
mrb_value WrapProject(mrb_state* mrb, std::shared_ptr<Project> project);
// A Jetsam::Role for role `index` of `project`'s compiled roles, or for `own` (the deploy user).
mrb_value WrapRole(mrb_state* mrb, mrb_value project, std::shared_ptr<Project> owner, int index,
                   std::unique_ptr<Role> own);

// Loads `checkout` with `options` into reply->value (a Jetsam::Project), or a
// Jetsam::ProjectError into reply->exception.
void LoadInto(mrb_state* mrb, const Readable& checkout, EvalOptions options, std::vector<std::string> notes,
              Reply* reply);

// Sets env, extra and facts of `options` from a script's arguments (nil: unchanged); false when
// one is of the wrong type, with the message in reply.
bool ApplyLoadOptions(mrb_state* mrb, mrb_value env, mrb_value extra, mrb_value facts, EvalOptions* options,
                      Reply* reply);

// A String argument's bytes ("" for nil); a Symbol's name.
std::string StringArg(mrb_state* mrb, mrb_value v);

// Makes `c` a class of host objects (MRB_TT_DATA) that Ruby can neither make (no `new`) nor copy
// (`no_copy`, its initialize_copy, raises TypeError).
void DefineHostClass(mrb_state* mrb, RClass* c, mrb_func_t no_copy);

void DefineProjectNatives(mrb_state* mrb, State* state);
void DefineRoleNatives(mrb_state* mrb, State* state);

}  // namespace jetsam::script
