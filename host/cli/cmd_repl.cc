// jetsam repl [DIR]: the scripting API at a prompt, with the checkout loaded as `project`. This
// process edits the lines (libedit: editing and history); a sandboxed child evaluates them
// (host/script, jetsam::Repl, on vm::Worker), each input bounded by --timeout.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <clocale>
#include <iostream>
#include <optional>

#include <editline/readline.h>
#include <fmt/format.h>

#include "cli/common.h"
#include "jetsam/script.h"

namespace jetsam::cli {
namespace {

struct ReplArgs {
  ProjectOptions project;
  std::vector<std::string> allow_read;
};

std::atomic<bool> interrupted{false};
std::atomic<Repl*> running{nullptr};  // the session Ctrl-C stops an input of

void OnInterrupt(int) {
  interrupted = true;
  if (Repl* repl = running.load()) repl->Interrupt();
}

// libedit's own key reader retries a read that a signal interrupted, and a Ctrl-C that arrives
// while it is not inside read() (a pasted line being echoed) is lost: the prompt would wait for
// another key. This reader keeps SIGINT blocked from the check of `interrupted` until ppoll
// unblocks it atomically, so a Ctrl-C is seen wherever it lands, and readline returns.
// Bytes are decoded from UTF-8 here: libedit stores what this returns as one wide character.
int ReadKey(FILE*) {
  sigset_t block, before;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigprocmask(SIG_BLOCK, &block, &before);
  sigset_t unblocked = before;
  sigdelset(&unblocked, SIGINT);
  int code = -1;
  int more = 0;  // continuation bytes still to come
  for (;;) {
    if (interrupted) break;
    pollfd in{STDIN_FILENO, POLLIN, 0};
    if (ppoll(&in, 1, nullptr, &unblocked) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    // Non-blocking: a Ctrl-C between ppoll and read empties the input queue (and stays pending,
    // blocked), so a blocking read would wait for a key that never comes.
    unsigned char byte = 0;
    const int flags = fcntl(STDIN_FILENO, F_GETFL);
    fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK);
    const ssize_t n = read(STDIN_FILENO, &byte, 1);
    const int read_errno = errno;
    fcntl(STDIN_FILENO, F_SETFL, flags);
    if (n < 0 && (read_errno == EINTR || read_errno == EAGAIN || read_errno == EWOULDBLOCK)) continue;
    if (n <= 0) break;
    if (more > 0 && (byte & 0xC0) == 0x80) {
      code = (code << 6) | (byte & 0x3F);
      if (--more == 0) break;
      continue;
    }
    if (byte >= 0x80 && byte < 0xC0) {  // a stray continuation byte
      code = 0xFFFD;
      break;
    }
    more = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
    code = more == 3 ? byte & 0x07 : more == 2 ? byte & 0x0F : more == 1 ? byte & 0x1F : byte;
    if (more == 0) break;
  }
  if (interrupted) code = -1;
  sigprocmask(SIG_SETMASK, &before, nullptr);
  return code;
}

// A line from the terminal (with editing) or from a pipe; nullopt at the end of input, or when
// Ctrl-C interrupted the line (then `interrupted` is set).
std::optional<std::string> ReadLine(const std::string& prompt, bool terminal) {
  if (!terminal) {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
  }
  char* raw = readline(prompt.c_str());
  if (!raw) return std::nullopt;
  std::string line(raw);
  free(raw);
  if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
  return line;
}

int RunRepl(ReplArgs& a) {
  ScriptOptions options;
  if (Status s = BuildEvalOptions(a.project, &options.eval); !s.ok()) return Fail(s);
  options.limits = options.eval.limits;
  options.allow_read = a.allow_read;
  const bool terminal = isatty(STDIN_FILENO) == 1;
  if (terminal) fmt::print(stderr, "jetsam repl: the scripting API of `jetsam run --help`; Ctrl-D ends it\n");
  std::unique_ptr<Repl> repl;
  if (Status s = Repl::Start(options, a.project.dir, &repl); !s.ok()) return Fail(s);
  if (terminal) {
    running = repl.get();
    setlocale(LC_CTYPE, "C.UTF-8");  // libedit turns the wide characters of a line back into UTF-8
    rl_catch_signals = 0;  // Ctrl-C is OnInterrupt's, seen by ReadKey
    rl_getc_function = ReadKey;
    using_history();
    struct sigaction on_interrupt {};
    on_interrupt.sa_handler = OnInterrupt;  // no SA_RESTART: a read at the prompt returns
    sigaction(SIGINT, &on_interrupt, nullptr);
  }
  int line = 1;  // the first line of the input being read
  std::string input;
  for (;;) {
    const int lines = static_cast<int>(std::count(input.begin(), input.end(), '\n'));
    const std::string prompt = fmt::format("jetsam:{:03}{} ", line + lines, input.empty() ? '>' : '*');
    interrupted = false;
    std::optional<std::string> got = ReadLine(prompt, terminal);
    if (!got) {
      if (interrupted) {  // Ctrl-C at the prompt drops what was typed
        fmt::print("\n");
        input.clear();
        continue;
      }
      if (!input.empty()) return Fail(Status::Config("the input ended inside an unfinished expression", Location{"(repl)", line}));
      if (terminal) fmt::print("\n");
      running = nullptr;
      return 0;
    }
    input += *got + "\n";
    Repl::Outcome outcome;
    int exit_code = 0;
    std::fflush(stdout);
    Status s = repl->Eval(input, line, &outcome, &exit_code);
    if (!s.ok()) {
      Fail(s);
      fmt::print(stderr, "jetsam: the session starts again: its variables are gone, `project` is loaded anew\n");
    } else if (outcome == Repl::Outcome::kMore) {
      continue;
    } else if (outcome == Repl::Outcome::kExit) {
      running = nullptr;
      return exit_code;
    }
    line += static_cast<int>(std::count(input.begin(), input.end(), '\n'));
    input.clear();
  }
}

}  // namespace

Command RegisterRepl(CLI::App& root) {
  static ReplArgs args;
  auto* cmd = root.add_subcommand("repl", "An interactive Ruby prompt with the scripting API and the checkout as `project`");
  cmd->footer(
      "Each input is Ruby evaluated in one session, sandboxed as `jetsam run` is: the API of `jetsam run --help`,\n"
      "with DIR (default: the current directory) loaded as `project`. Results are shown as `p` shows them;\n"
      "an input the parser finds unfinished continues on the next line. --timeout bounds each input's CPU time:\n"
      "an input stopped at it (or by Ctrl-C) starts the session again. Ctrl-D ends the session; exit(n) too.\n\n"
      "Example:\n"
      "  $ jetsam repl samples/demo --facts samples/facts.yml\n"
      "  jetsam:001> project.role(\"lambda\").wildcards\n"
      "  => [\"logs:*\", \"s3:Get*\", \"s3:List*\", \"ses:*\"]\n");
  AddProjectOptions(cmd, &args.project, /*with_dir=*/true);
  cmd->add_option("--allow-read", args.allow_read, "another checkout Jetsam.load may read; repeatable")
      ->type_name("DIR")
      ->allow_extra_args(false);
  cmd->get_option("--timeout")->description("CPU seconds one input may use (default 3)");
  cmd->get_option("--memory-limit")->description("MiB the session's Ruby VM may hold, and each project's (default 256)");
  return {cmd, [] { return RunRepl(args); }};
}

}  // namespace jetsam::cli
