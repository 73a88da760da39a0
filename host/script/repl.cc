// jetsam repl's evaluating half: the checkouts read in the parent, one Session in a sandboxed
// worker (vm::Worker) for the whole session, started again after an input it had to stop.
#include <signal.h>

#include <atomic>

#include <fmt/format.h>

#include "jetsam/script.h"
#include "script/output.h"
#include "script/session.h"
#include "script/variant.h"
#include "vm/worker.h"

namespace jetsam {

struct Repl::Impl {
  ScriptOptions options;
  std::string dir;
  script::World world;
  script::Outputs outputs;
  std::unique_ptr<vm::Worker> worker;
  std::atomic<pid_t> pid{-1};         // the worker's, while it evaluates an input: for Interrupt
  std::atomic<bool> interrupted{false};
};

namespace {

// In the worker: "LINE\nCODE" -> "done", "more", "exit N"; line 0 is jetsam's own setup code.
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
  r.pid = -1;
  r.worker.reset();
  r.world.board->Clear();
  const script::World* world = &r.world;
  std::shared_ptr<script::Session> session;  // made in the worker, on its first request
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
  if (Status s = vm::Worker::Start(r.options.limits, handler, &r.worker, {r.world.out_fd, r.world.err_fd}); !s.ok())
    return s;
  std::string response;
  Status s = r.worker->Call("0\nproject = Jetsam.repl_project(" + script::RubyStringLiteral(r.dir) + ")", &response);
  if (s.ok() && response.rfind("exit ", 0) == 0) return Status::Internal("the repl's Ruby VM could not start");
  return s.ok() ? s : script::StoppedStatus(s, *r.world.board);
}

void Repl::Interrupt() {
  const pid_t pid = impl_->pid;
  if (pid <= 0) return;  // at the prompt: nothing runs
  impl_->interrupted = true;
  kill(pid, SIGKILL);  // async-signal-safe; Call sees the worker gone
}

Status Repl::Eval(const std::string& code, int line, Outcome* outcome, int* exit_code) {
  Impl& r = *impl_;
  *outcome = Outcome::kDone;
  *exit_code = 0;
  r.interrupted = false;
  std::string response;
  r.pid = r.worker->pid();
  Status s = r.worker->Call(fmt::format("{}\n{}", line, code), &response);
  r.pid = -1;
  if (!s.ok()) {
    Status said = r.interrupted ? Status::Limit("interrupted") : script::StoppedStatus(s, *r.world.board);
    if (!r.interrupted && r.worker->timed_out() && !r.world.board->project[0]) {
      said = Status::Limit(fmt::format("the input did not finish within the time limit of {:g} s",
                                       static_cast<double>(r.options.limits.cpu_ms) / 1000.0),
                           {}, "look for an endless loop; raise the limit with --timeout SECONDS");
    }
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
