// ActiveSupport::OrderedOptions and settings lists in C++: every read, every assignment and
// every change of a list goes through the host, which records where it came from
// (eval/provenance.h) in a place Ruby code cannot reach.
#pragma once
#include <string>
#include <vector>

#include <mruby.h>

#include "eval/setting_names.h"
#include "eval/world.h"

namespace jetsam::eval {

// Defines the natives of ActiveSupport::OrderedOptions and of the settings list class (whose
// Ruby parts mrblib/options.rb and list.rb hold), once per VM (ConfigWorld).
void InstallOptionsNative(mrb_state* mrb, const World& world);

// Gives OrderedOptions a reader and a writer of its own for each of `names` it has no method
// for: they do what method_missing does, without its dispatch (a method search that fails, then
// the arguments packed into an Array), at the most frequent call of an evaluation. Call before
// the class is frozen.
void DefineSettingAccessors(mrb_state* mrb, RClass* options, const std::vector<SettingName>& names);

// A settings node (an initialized OrderedOptions)?
bool IsNode(mrb_state* mrb, mrb_value v);

// The Hash of a node's values (key String => value), or nil.
mrb_value NodeValues(mrb_state* mrb, mrb_value node);

// Makes `node` a node whose missing keys are made by `factory.call(key)` as Jets defaults, or
// whose keys are all the user's own names (open).
void VivifyNode(mrb_state* mrb, mrb_value node, mrb_value factory);
void OpenNode(mrb_state* mrb, mrb_value node);

// Records the tree under `root` (a config object's root node, built with the VM:
// eval/prebuilt_defaults.h) as Jets' defaults, as the assignments that built it would have in
// this evaluation: each key a default, each node its path, each list its owners and the
// snapshot that `lists` ([list, snapshot, ...]) holds for it. `settings`: how many there are,
// counted against the records' bound. May raise (memory, or the bound).
void AdoptDefaults(mrb_state* mrb, mrb_value root, mrb_value lists, size_t settings);

// Whether `list` holds exactly the items recorded last (a change the host did not see, not).
bool ListUnchanged(mrb_state* mrb, mrb_value list);

}  // namespace jetsam::eval
