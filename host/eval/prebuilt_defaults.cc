#include "eval/prebuilt_defaults.h"

#include <mruby/array.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/variable.h>

#include <cstring>

#include "eval/options_native.h"
#include "eval/runtime.h"
#include "vm/exception.h"

namespace jetsam::eval {
namespace {

struct Prebuild {
  World* w;
  Recorder* scratch;
};

// [node, factory or nil, ...] for `node` and the nodes under it that Host.open or Host.vivify
// made while the defaults were built: the scratch records that made them are gone by the time
// an evaluation adopts the tree.
struct OpenNodes {
  const Recorder* r;
  mrb_value out;
  int depth;
};

void CollectOpen(mrb_state* mrb, OpenNodes c, mrb_value node);

int CollectOpenPair(mrb_state* mrb, mrb_value, mrb_value value, void* data) {
  const auto* c = static_cast<const OpenNodes*>(data);
  if (IsNode(mrb, value) && c->depth < 64) CollectOpen(mrb, OpenNodes{c->r, c->out, c->depth + 1}, value);
  return 0;
}

void CollectOpen(mrb_state* mrb, OpenNodes c, mrb_value node) {
  const NodeRecord* n = c.r->prov.Node(mrb_ptr(node));
  if (n && n->open) {
    mrb_ary_push(mrb, c.out, node);
    mrb_ary_push(mrb, c.out, n->vivify >= 0 ? mrb_ary_ref(mrb, c.r->keep, n->vivify) : mrb_nil_value());
  }
  mrb_hash_foreach(mrb, mrb_hash_ptr(NodeValues(mrb, node)), CollectOpenPair, &c);
}

// The lists of the tree under `node`, each once with a copy of its items (the snapshot an
// evaluation's records start from), and how many settings its nodes hold. Its nodes go to
// `nodes`: the records name nodes and lists by their addresses, so those stay alive with the VM
// even when a config replaces them.
struct Lists {
  mrb_value out;
  mrb_value nodes;
  uint32_t settings;
  int depth;
};

void CollectLists(mrb_state* mrb, Lists* c, mrb_value node);

int CollectListsPair(mrb_state* mrb, mrb_value, mrb_value value, void* data) {
  auto* c = static_cast<Lists*>(data);
  if (mrb_array_p(value)) {
    for (mrb_int i = 0; i < RARRAY_LEN(c->out); i += 2) {
      if (mrb_ptr(RARRAY_PTR(c->out)[i]) == mrb_ptr(value)) return 0;
    }
    mrb_ary_push(mrb, c->out, value);
    mrb_ary_push(mrb, c->out, mrb_ary_new_from_values(mrb, RARRAY_LEN(value), RARRAY_PTR(value)));
  } else if (IsNode(mrb, value) && c->depth < 64) {
    ++c->depth;
    CollectLists(mrb, c, value);
    --c->depth;
  }
  return 0;
}

void CollectLists(mrb_state* mrb, Lists* c, mrb_value node) {
  mrb_ary_push(mrb, c->nodes, node);
  mrb_value values = NodeValues(mrb, node);
  c->settings += static_cast<uint32_t>(mrb_hash_size(mrb, values));
  mrb_hash_foreach(mrb, mrb_hash_ptr(values), CollectListsPair, c);
}

struct PrebuildCall {
  mrb_value object;
  RClass* defaults;
  mrb_sym name;
};

mrb_value RunBuild(mrb_state* mrb, void* data) {
  auto* b = static_cast<PrebuildCall*>(data);
  return mrb_funcall_argv(mrb, mrb_obj_value(b->defaults), b->name, 1, &b->object);
}

mrb_value PrebuildAll(mrb_state* mrb, void* data) {
  auto* p = static_cast<Prebuild*>(data);
  World* w = p->w;
  // The keep list, alive on Object while the defaults are built (an evaluation's replaces it).
  p->scratch->keep = mrb_ary_new(mrb);
  mrb_iv_set(mrb, mrb_obj_value(mrb->object_class), w->keep, p->scratch->keep);
  // Alive with the VM: the three objects, and for each its open nodes, its lists with their
  // snapshots, and its nodes.
  mrb_value pinned = mrb_ary_new(mrb);
  mrb_iv_set(mrb, mrb_obj_value(mrb->object_class), mrb_intern_lit(mrb, "jetsam defaults"), pinned);
  for (int which = 0; which < 3; ++which) {
    mrb_value object = mrb_obj_new(mrb, w->configs[which], 0, nullptr);
    mrb_ary_push(mrb, pinned, object);
    mrb_value root = mrb_iv_get(mrb, object, w->root);
    if (!IsNode(mrb, root)) mrb_raise(mrb, E_RUNTIME_ERROR, "a config object without settings");
    PrebuildCall call{object, w->defaults, w->objects[which]};
    RunAsDefaults(mrb, RunBuild, &call);
    mrb_value open = mrb_ary_new(mrb);
    mrb_ary_push(mrb, pinned, open);
    CollectOpen(mrb, OpenNodes{p->scratch, open, 0}, root);
    Lists lists{mrb_ary_new(mrb), mrb_ary_new(mrb), 0, 0};
    mrb_ary_push(mrb, pinned, lists.out);
    mrb_ary_push(mrb, pinned, lists.nodes);
    CollectLists(mrb, &lists, root);
    w->prebuilt[which] = object;
    w->prebuilt_open[which] = open;
    w->prebuilt_lists[which] = lists.out;
    w->prebuilt_settings[which] = lists.settings;
  }
  return mrb_nil_value();
}

// Builds them with a recorder of its own, which nothing keeps: the exception when that failed,
// or nil.
mrb_value PrebuildWithScratch(mrb_state* mrb, World* w) {
  Recorder scratch;
  vm::ConfigCode no_config;
  scratch.world = w;
  scratch.code = &no_config;
  scratch.prebuilding = true;
  vm::VmContext context;
  context.world = w;
  context.user = &scratch;
  void* ud = mrb->ud;
  mrb->ud = &context;
  Prebuild p{w, &scratch};
  mrb_bool failed = false;
  mrb_value result = mrb_protect_error(mrb, PrebuildAll, &p, &failed);
  mrb_iv_remove(mrb, mrb_obj_value(mrb->object_class), w->keep);
  mrb->ud = ud;
  return failed ? result : mrb_nil_value();
}

}  // namespace

void PrebuildDefaults(mrb_state* mrb, World* w) {
  mrb_value exc = PrebuildWithScratch(mrb, w);
  if (!mrb_nil_p(exc)) mrb_exc_raise(mrb, exc);
}

}  // namespace jetsam::eval
