// jetsam watch: the roles once, then what each save changes (the diff view) or the error.
#include <poll.h>
#include <signal.h>
#include <time.h>

#include <atomic>
#include <ctime>

#include <fmt/format.h>

#include "jetsam/compile.h"
#include "jetsam/diff.h"
#include "jetsam/emit.h"
#include "jetsam/serve.h"
#include "serve/checkout.h"

namespace jetsam {
namespace {

std::atomic<bool> interrupted{false};

void OnSignal(int) { interrupted = true; }

// SIGINT and SIGTERM interrupt poll (no SA_RESTART) and end the loop.
void CatchSignals() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

std::string Clock() {
  time_t now = time(nullptr);
  tm t;
  localtime_r(&now, &t);
  return fmt::format("{:02}:{:02}:{:02}", t.tm_hour, t.tm_min, t.tm_sec);
}

Status Build(const WatchOptions& o, const Sources& sources, Compiled* out, std::vector<Notice>* notices,
             std::string* missing) {
  EvalOptions options;
  options.env = o.env;
  options.extra = o.extra;
  options.facts = o.checkout.facts;
  options.limits = o.checkout.limits;
  options.config_env = o.checkout.config_env;
  options.allow_require = o.checkout.allow_require;
  CompileOptions compile;
  if (Status s = ParseRoles(o.roles, &compile.roles, /*allow_deploy_user=*/true); !s.ok()) return s;
  EvalResult eval;
  const Status evaluated = Evaluate(sources, options, &eval);
  // The phase rule, as compile: a deploy.rb error does not stop --role codebuild. When it stops
  // a role asked for, this state is an error (the roles it could build are not a whole state).
  Status rest;
  const DeployUserOptions deploy_user{};
  if (Status s = CompileByPhase(eval, evaluated, compile, &deploy_user, out, &rest); !s.ok()) return s;
  if (!rest.ok()) {
    *missing = MissingRolesNote(eval, *out);
    return rest;
  }
  *notices = out->notices;
  return Status::Ok();
}

// Waits until the checkout changed and then stayed quiet for `debounce_ms` (an editor's save
// burst is one change). False when interrupted.
bool WaitForChange(serve::Checkout& checkout, uint64_t seen, int debounce_ms) {
  for (;;) {
    if (interrupted) return false;
    pollfd p{checkout.watch_fd(), POLLIN, 0};
    int r = poll(&p, checkout.watching() ? 1 : 0, checkout.watching() ? -1 : 500);
    if (interrupted) return false;
    if (r < 0) continue;
    // Quiet for debounce_ms: no more events (or, unwatched, the same content twice).
    uint64_t last = checkout.Current()->hash;
    for (;;) {
      timespec ts{debounce_ms / 1000, (debounce_ms % 1000) * 1000000L};
      while (nanosleep(&ts, &ts) != 0 && !interrupted) {
      }
      if (interrupted) return false;
      uint64_t now = checkout.Current()->hash;
      if (now == last) break;
      last = now;
    }
    if (last != seen) return true;
  }
}

}  // namespace

Status Watch(const WatchOptions& o) {
  interrupted = false;
  CatchSignals();
  PrepareEvaluations();
  serve::Checkout checkout(o.checkout.dir);
  const TextStyle style{o.color};
  std::optional<Compiled> good;
  uint64_t seen = 0;
  int changes = 0;
  for (;;) {
    auto snapshot = checkout.Current();
    seen = snapshot->hash;
    Compiled compiled;
    std::vector<Notice> notices;
    std::string missing;  // the roles a later phase's error stopped
    Status s = snapshot->read_status.ok() ? Build(o, snapshot->sources, &compiled, &notices, &missing) : snapshot->read_status;
    auto print_error = [&] {
      fmt::print("jetsam: {}\n", StatusText(s));
      if (!missing.empty()) fmt::print("jetsam: {}\n", TextSafe(missing));
    };
    if (s.code() == Status::Code::kUsage) return s;
    if (!good) {
      if (s.ok()) {
        for (const auto& n : notices) fmt::print(stderr, "{}\n", NoticeText(n));
        fmt::print("{}", JsonText(RolesResources(compiled, "Jets")));
        good = compiled;
      } else {
        print_error();
      }
    } else {
      fmt::print("--- {} change\n", Clock());
      if (s.ok()) {
        for (const auto& n : notices) fmt::print(stderr, "{}\n", NoticeText(n));
        const Json diff = DiffRoles(*good, compiled, "last good", "now");
        if (DiffHasChanges(diff)) fmt::print("{}", DiffText(diff, style));
        else fmt::print("the roles did not change\n");
        good = compiled;
      } else {
        print_error();
      }
    }
    std::fflush(stdout);
    if (o.max_changes > 0 && changes++ >= o.max_changes) return Status::Ok();
    if (!WaitForChange(checkout, seen, o.debounce_ms)) return Status::Ok();
  }
}

}  // namespace jetsam
