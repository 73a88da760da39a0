// What the host knows of the config's world once it is installed in a VM (eval/runtime.h): its
// classes and the symbols the natives use, found and interned once per VM. For the prepared VM,
// that is once per process (vm/warm_start.h), not once per evaluation.
#pragma once
#include <cstdint>

#include <mruby.h>

namespace jetsam::eval {

struct World {
  RClass* jetsam = nullptr;    // the prelude's module, hidden from configs
  RClass* options = nullptr;   // ActiveSupport::OrderedOptions
  RClass* list = nullptr;      // the class of settings lists
  RClass* inquirer = nullptr;  // ActiveSupport::StringInquirer
  RClass* indifferent = nullptr;  // ActiveSupport::HashWithIndifferentAccess: a Hash
  RClass* aws = nullptr;       // Jets::Aws
  RClass* env = nullptr;       // ENV's class
  RClass* configs[3] = {};     // Jets::Core::Config::Project, Bootstrap, Deploy
  RClass* defaults = nullptr;  // the prelude's Jets defaults
  mrb_sym values = 0;          // a node's Hash (a name Ruby cannot spell)
  mrb_sym root = 0;            // a config object's root node (@__root)
  mrb_sym keep = 0;            // the evaluation's keep list on Object
  mrb_sym objects[3] = {};     // project, bootstrap, deploy: the defaults' methods
  mrb_sym inputs[3] = {};      // project_inputs, ...: the defaults that read the inputs
  // Jets.project, .bootstrap and .deploy with the defaults that read no input, built with the VM
  // (eval/prebuilt_defaults.h), and for each, its nodes that Host.open or Host.vivify made:
  // [node, factory or nil, ...].
  mrb_value prebuilt[3] = {mrb_nil_value(), mrb_nil_value(), mrb_nil_value()};
  mrb_value prebuilt_open[3] = {mrb_nil_value(), mrb_nil_value(), mrb_nil_value()};
  // [list, snapshot of its items, ...] for each list the object holds, and how many settings it
  // holds (for the records' bound).
  mrb_value prebuilt_lists[3] = {mrb_nil_value(), mrb_nil_value(), mrb_nil_value()};
  uint32_t prebuilt_settings[3] = {};
  mrb_sym call = 0, name = 0, to_s = 0, namespace_ = 0;
};

}  // namespace jetsam::eval
