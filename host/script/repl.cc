// jetsam repl's evaluating half: the checkouts read in the parent, one Session in a sandboxed
// child for the whole session, started again after an input it had to stop.
#include <fmt/format.h>

#include "jetsam/script.h"
#include "script/output.h"
#include "script/repl_child.h"
#include "script/session.h"
#include "script/variant.h"

namespace jetsam {

struct Repl::Impl {
  ScriptOptions options;
  std::string dir;
  script::World world;
  script::Outputs outputs;
  std::unique_ptr<script::ReplChild> child;
};

namespace {

// In the child: "LINE\nCODE" -> "done", "more", "exit N"; line 0 is jetsam's own setup code.
std::string Answer(script::Session* session, const std::string& request) {
  const size_t newline = request.find('\n');
  const int line = std::atoi(request.substr(0, newline).c_str());
  const std::string code = newline == std::string::npos ? "" : request.substr(newline + 1);
  int exit_code = 0;
  switch (session->Evaluate(code, line, &exit_code, /*setup=*/line == 0)) {
    case script::Session::Input::kIncomplete: return "more";
    case script::Session::Input::kExit: return fmt::format("exit {}", exit_code);
    default: return "done";
  }
}

}  // namespace

Repl::Repl() : impl_(std::make_unique<Impl>()) {}
Repl::~Repl() = default;

Status Repl::Start(const ScriptOptions& options, const std::string& dir, std::unique_ptr<Repl>* out) {
  std::unique_ptr<Repl> repl(new Repl());
  Impl& r = *repl->impl_;
  r.options = options;
  r.dir = dir.empty() ? "." : dir;
  if (r.dir != ".") r.options.allow_read.push_back(r.dir);  // the checkout the user named
  r.world.script_name = "(repl)";
  if (Status s = script::ReadCheckouts(r.options, &r.world); !s.ok()) return s;
  PrepareEvaluations();  // each Jetsam.load starts from a copy of the VM, built once here
  if (Status s = r.outputs.Open(&r.world); !s.ok()) return s;
  if (Status s = repl->Restart(); !s.ok()) return s;
  *out = std::move(repl);
  return Status::Ok();
}

Status Repl::Restart() {
  Impl& r = *impl_;
  r.child.reset();
  r.world.board->Clear();
  const script::World* world = &r.world;
  std::shared_ptr<script::Session> session;  // made in the child, on its first request
  auto handler = [world, session](const std::string& request) mutable -> std::string {
    if (!session) {
      session = std::make_shared<script::Session>(*world);
      if (Status s = session->Open(); !s.ok()) {
        script::WriteOutput(world->err_fd, "jetsam: " + s.message() + "\n");
        return "exit 1";
      }
    }
    return Answer(session.get(), request);
  };
  if (Status s = script::ReplChild::Start(r.options.limits, handler, &r.child); !s.ok()) return s;
  std::string response;
  Status s = r.child->Call("0\nproject = Jetsam.repl_project(" + script::RubyStringLiteral(r.dir) + ")", &response, {});
  if (s.ok() && response.rfind("exit ", 0) == 0) return Status::Internal("the repl's Ruby VM could not start");
  return s.ok() ? s : script::StoppedStatus(s, *r.world.board);
}

Status Repl::Eval(const std::string& code, int line, const std::function<bool()>& interrupted, Outcome* outcome,
                  int* exit_code) {
  Impl& r = *impl_;
  *outcome = Outcome::kDone;
  *exit_code = 0;
  std::string response;
  Status s = r.child->Call(fmt::format("{}\n{}", line, code), &response, interrupted);
  if (!s.ok()) {
    Status said = script::StoppedStatus(s, *r.world.board);
    if (Status again = Restart(); !again.ok()) return again;
    return said;
  }
  if (response == "more") *outcome = Outcome::kMore;
  if (response.rfind("exit ", 0) == 0) {
    *outcome = Outcome::kExit;
    *exit_code = std::atoi(response.c_str() + 5);
  }
  return Status::Ok();
}

}  // namespace jetsam
