// Jets' defaults built once with the VM, not in every evaluation.
//
// Why: an evaluation's first use of Jets.deploy ran some 600 lines of Ruby that set some 430
// settings, each recorded as a Jets default: a third of a cold `jetsam compile`'s instructions.
// Nearly all of them read nothing of the evaluation's inputs. Those are built with the VM (so,
// for the embedded VM, at build time: vm/image.h), and the few that read ENV, Jets.aws, Jets.env
// or the project's name stay nil in their places. At an evaluation's first use of Jets.NAME, the
// host records the built object's settings as the assignments that built them would have
// (AdoptDefaults), then runs Defaults.NAME_inputs, which sets those few: what a config sees and
// what is captured are as if the whole of Jets' defaults had run then.
#pragma once
#include <mruby.h>

#include "eval/world.h"

namespace jetsam::eval {

// Builds Jets.project, .bootstrap and .deploy with Jets' defaults that read no input, into
// `w->prebuilt` (kept alive by the VM). Part of the world's install: `w` has its classes and
// symbols. Raises when a default fails or reads an input (which belongs in NAME_inputs).
void PrebuildDefaults(mrb_state* mrb, World* w);

}  // namespace jetsam::eval
