// The files of a checkout's config/ that config code may read, read by the host before the
// evaluation (whose child cannot open a file): bounded in number, size and total.
#pragma once
#include <string>

#include "jetsam/evaluate.h"

namespace jetsam::eval {

// Fills sources->checkout from the checkout at `dir`: its absolute path always; the files of
// config/ only when a config file could read one (it names File, YAML, require_relative, ...).
// Files that may not be handed over are kept with the reason: a symlink leading out of the
// checkout, a file larger than 1 MiB, files past the 2,000th or past 16 MiB in all.
Status ReadCheckoutFiles(const std::string& dir, Sources* sources);

// Why a path of the checkout cannot be read when the files come from a git revision.
void MarkCheckoutUnavailable(const std::string& dir, const std::string& why, Sources* sources);

}  // namespace jetsam::eval
