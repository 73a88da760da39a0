#include "script/native.h"

#include <mruby/error.h>

namespace jetsam::script {
namespace {

struct Protect {
  const std::function<mrb_value()>* body;
};

mrb_value RunProtected(mrb_state*, void* data) { return (*static_cast<Protect*>(data)->body)(); }

}  // namespace

mrb_value Protected(mrb_state* mrb, const std::function<mrb_value()>& body, mrb_value* exc) {
  Protect p{&body};
  mrb_bool raised = FALSE;
  mrb_value v = mrb_protect_error(mrb, RunProtected, &p, &raised);
  if (raised) {
    *exc = v;
    return mrb_nil_value();
  }
  return v;
}

mrb_value NewException(mrb_state* mrb, RClass* cls, std::string_view message) {
  mrb_value exc = mrb_nil_value();
  mrb_value made = Protected(
      mrb, [&] { return mrb_exc_new(mrb, cls, message.data(), static_cast<mrb_int>(message.size())); }, &exc);
  return mrb_nil_p(exc) ? made : exc;
}

}  // namespace jetsam::script
