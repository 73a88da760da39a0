#include "script/session.h"

#include <algorithm>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/compile.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include <fmt/format.h>

#include "jetsam/emit.h"
#include "script/native.h"
#include "script/output.h"
#include "vm/isolate.h"
#include "vm/mruby_shim.h"

extern "C" const uint8_t jetsam_script_mrblib[];

namespace jetsam::script {
namespace {

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

std::string ScriptWords(std::string text) {
  ReplaceAll(&text, "the config", "the script");
  ReplaceAll(&text, "config files cannot", "scripts cannot");
  return text;
}

}  // namespace

Status AsScriptStatus(const Status& s) {
  if (s.ok()) return s;
  std::string message = ScriptWords(s.message()), hint = ScriptWords(s.hint());
  switch (s.code()) {
    case Status::Code::kLimit: return Status::Limit(message, s.where(), hint);
    case Status::Code::kConfig: return Status::Config(message, s.where(), hint);
    case Status::Code::kUsage: return Status::Usage(message, hint);
    default: return s;
  }
}

Status StoppedStatus(const Status& s, const Board& board) {
  Status said = AsScriptStatus(s);
  if (!board.project[0]) return said;
  std::string dir = board.project;
  Location where = s.where().empty() ? Location{dir, 0} : Location{dir + "/" + s.where().file, 0};
  return Status::Limit(said.message() + " (while it evaluated " + dir + " for Jetsam.load)", where, said.hint());
}

// The repl's parser state: one context for the whole session, which keeps its local variables.
struct Session::Repl {
  mrbc_context* cxt = nullptr;
};

Session::Session(const World& world) {
  state_.world = &world;
  state_.code.name = world.script_name;
  state_.code.text = world.script_text;
}

Session::~Session() {
  if (repl_ && repl_->cxt && vm_ && vm_->ok()) mrbc_context_free(vm_->mrb(), repl_->cxt);
}

Status Session::Open() {
  const World& world = *state_.world;
  // The script's own prelude, with nothing installed after it: DefineApi below binds the API.
  static const vm::Blueprint script_vm{jetsam_script_mrblib, nullptr, 0};
  vm_ = std::make_unique<vm::Vm>(world.limits.memory_bytes, vm::Vm::Start::kCold, &script_vm);
  if (!vm_->ok()) return Status::Limit("the memory limit is too small to start the Ruby VM", {}, "raise --memory-limit");
  vm_->context().user = &state_;
  state_.code.compiled = &vm_->context().code;
  mrb_state* mrb = vm_->mrb();
  return vm_->Protect([&] {
    DefineApi(mrb, &state_);
    mrb_value argv = mrb_ary_new_capa(mrb, static_cast<mrb_int>(world.args.size()));
    for (const auto& a : world.args) mrb_ary_push(mrb, argv, mrb_str_new(mrb, a.data(), a.size()));
    mrb_define_global_const(mrb, "ARGV", argv);
    mrb_value name = mrb_str_new(mrb, world.script_name.data(), world.script_name.size());
    mrb_gv_set(mrb, mrb_intern_lit(mrb, "$0"), name);
    mrb_gv_set(mrb, mrb_intern_lit(mrb, "$PROGRAM_NAME"), name);
    return Status::Ok();
  });
}

Status Session::Finish(Status s, int* exit_code) const {
  *exit_code = 0;
  if (s.ok()) return s;
  if (s.code() == Status::Code::kConfig && s.IsRuby(RubyError::Kind::kSystemExit)) {
    *exit_code = state_.exit_status;
    return Status::Ok();
  }
  if (s.message() == "Jetsam::ProjectError: " + state_.last_project_error && s.hint().empty()) {
    return Status::Config(s.message(), s.where(), state_.last_project_hint);
  }
  return AsScriptStatus(s);
}

Status Session::RunScript(int* exit_code) {
  const World& world = *state_.world;
  vm::ReportProgress(world.script_name);  // a timeout names the script
  Status s = vm_->LoadFile(world.script_name, world.script_text);
  return Finish(s, exit_code);
}

Session::Input Session::Evaluate(const std::string& code, int first_line, int* exit_code, bool setup) {
  mrb_state* mrb = vm_->mrb();
  if (!repl_) {
    repl_ = std::make_unique<Repl>();
    repl_->cxt = mrbc_context_new(mrb);
    repl_->cxt->capture_errors = TRUE;
    mrbc_filename(mrb, repl_->cxt, state_.code.name.c_str());
  }
  mrbc_context* cxt = repl_->cxt;
  const int keep = cxt->slen + 1;  // self and the locals of the inputs before this one
  Input outcome = Input::kDone;
  std::string result;  // "=> inspect"
  const int arena = mrb_gc_arena_save(mrb);
  Status s = vm_->Protect([&] {
    cxt->lineno = static_cast<uint16_t>(std::min(first_line, 65535));
    mrb_parser_state* parser = mrb_parser_new(mrb);
    parser->s = code.data();
    parser->send = code.data() + code.size();
    parser->lineno = cxt->lineno;
    mrb_parser_parse(parser, cxt);
    if (vm::shim::ParserWantsMore(parser)) {
      mrb_parser_free(parser);
      outcome = Input::kIncomplete;
      return Status::Ok();
    }
    if (parser->nerr > 0) {
      const auto& e = parser->error_buffer[0];
      Status error = Status::Config(e.message ? e.message : "syntax error", Location{state_.code.name, e.lineno});
      mrb_parser_free(parser);
      return error;
    }
    // The input joins the script's code: its errors name its lines, and Procs written in it can
    // become a project's code (script/variant.h).
    if (!setup) {
      std::string& text = state_.code.text;
      const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
      if (first_line - 1 > lines) text.append(static_cast<size_t>(first_line - 1 - lines), '\n');
      text += code;
      if (!code.empty() && code.back() != '\n') text += '\n';
    }
    bool gave_up = false;
    RProc* proc = vm::shim::Compile(mrb, parser, cxt, &gave_up);
    if (!proc) return Status::Config("the input is too complex for the Ruby compiler", Location{state_.code.name, first_line});
    mrb_value inputs = mrb_iv_get(mrb, mrb_obj_value(mrb->object_class), mrb_intern_lit(mrb, "jetsam repl inputs"));
    if (!mrb_array_p(inputs)) {
      inputs = mrb_ary_new(mrb);
      mrb_iv_set(mrb, mrb_obj_value(mrb->object_class), mrb_intern_lit(mrb, "jetsam repl inputs"), inputs);
    }
    mrb_ary_push(mrb, inputs, mrb_obj_value(proc));
    vm_->context().code.Add(proc);
    MRB_PROC_SET_TARGET_CLASS(proc, mrb->object_class);
    mrb_value value = mrb_top_run(mrb, proc, mrb_top_self(mrb), keep);
    if (mrb->exc) return vm_->TakeException();
    if (setup) return Status::Ok();
    mrb_value shown = mrb_inspect(mrb, value);
    result = "=> " + std::string(RSTRING_PTR(shown), RSTRING_LEN(shown)) + "\n";
    return Status::Ok();
  });
  mrb_gc_arena_restore(mrb, arena);
  if (outcome == Input::kIncomplete) return outcome;
  if (s.ok()) {
    if (!result.empty()) WriteOutput(state_.world->out_fd, result);
    return Input::kDone;
  }
  s = Finish(s, exit_code);
  if (s.ok()) return Input::kExit;  // exit(n)
  WriteOutput(state_.world->err_fd, StatusText(s) + "\n");
  return Input::kDone;
}

}  // namespace jetsam::script
