// Links only the core, iamdata and compile stages: a program that turns captured settings into
// roles carries no Ruby interpreter. Run by ctest (compile_links_without_mruby), which also checks
// the binary holds no mruby symbol.
#include <cstdio>

#include "jetsam/compile.h"

int main() {
  jetsam::EvalResult eval;  // no settings at all: Compile must say what is missing, not crash
  eval.facts.name = "demo";
  jetsam::Compiled compiled;
  jetsam::Status s = jetsam::Compile(eval, jetsam::CompileOptions{}, &compiled);
  std::printf("%s %zu\n", s.ok() ? "ok" : "error", compiled.roles.size());
  return 0;
}
