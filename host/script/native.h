// How the script's natives talk to mruby safely. mruby raises with longjmp: a C++ object alive
// in a frame it unwinds is never destroyed. So a native does its C++ work inside Answer, which
// returns only after every C++ object of that work is gone, and raises (or converts) only then;
// mruby calls that may raise within the work go through Protected.
#pragma once
#include <cstdio>
#include <functional>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include <mruby.h>

#include "eval/digest_native.h"
#include "eval/json_native.h"
#include "eval/regexp_native.h"
#include "eval/yaml_native.h"
#include "jetsam/policy.h"

namespace jetsam::script {

// Calls `body` (mruby code that may raise) under a handler: its value, or nil with the exception
// in *exc.
mrb_value Protected(mrb_state* mrb, const std::function<mrb_value()>& body, mrb_value* exc);

// A new exception of class `cls` with `message` (the NoMemoryError when there is no room for it).
mrb_value NewException(mrb_state* mrb, RClass* cls, std::string_view message);

// What a native's C++ work hands back: a value, JSON to convert, or an error to raise.
struct Reply {
  mrb_value value = mrb_nil_value();
  std::optional<Json> json;
  RClass* error = nullptr;
  std::string message;
  mrb_value exception = mrb_nil_value();  // an exception already made (by Protected)
  void Fail(RClass* cls, std::string msg) {
    error = cls;
    message = std::move(msg);
  }
};

// Runs `work` (C++ that must not let mruby raise: see Protected), then, with its objects gone,
// converts or raises what it replied. A C++ exception becomes NoMemoryError (bad_alloc) or a
// RuntimeError naming it.
template <class Work>
mrb_value Answer(mrb_state* mrb, Work&& work) {
  mrb_value value = mrb_nil_value(), exc = mrb_nil_value();
  bool no_memory = false;
  char failure[256] = "";
  try {
    Reply reply;
    work(reply);
    if (!mrb_nil_p(reply.exception)) {
      exc = reply.exception;
    } else if (reply.error) {
      exc = NewException(mrb, reply.error, reply.message);
    } else if (reply.json) {
      // As JSON.parse makes it (eval's binding, the one for every VM): String keys, plain data.
      value = Protected(mrb, [&] { return eval::JsonToRuby(mrb, *reply.json, false); }, &exc);
    } else {
      value = reply.value;
    }
  } catch (const std::bad_alloc&) {
    no_memory = true;
  } catch (const std::exception& e) {
    std::snprintf(failure, sizeof failure, "internal error in jetsam: %s", e.what());
  }
  if (no_memory) mrb_exc_raise(mrb, mrb_obj_value(mrb->nomem_err));
  if (failure[0]) mrb_raise(mrb, E_RUNTIME_ERROR, failure);
  if (!mrb_nil_p(exc)) mrb_exc_raise(mrb, exc);
  return value;
}

}  // namespace jetsam::script
