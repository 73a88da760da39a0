// The command line: the whole of `jetsam`'s main (host/cli/main.cc), in the cli stage so that it
// compiles with the commands (CLI11 is header-only and heavy to compile twice).
#include "cli/run.h"

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/process_io.h"
#include "jetsam/evaluate.h"
#include "jetsam/version.h"

namespace jetsam::cli {

int Run(int argc, char** argv) {
  OccupyClosedStandardFds();
  // The build's last step (CMakeLists.txt), not a command: a copy of this executable with the
  // prepared Ruby VM built in (host/vm/image.h).
  if (argc == 3 && std::string_view(argv[1]) == "--write-vm-image") {
    Status s = WriteExecutableWithVm(argv[2]);
    if (!s.ok()) fmt::print(stderr, "jetsam: {}\n", s.message());
    return s.ok() ? 0 : 1;
  }
  // Run by --write-vm-image in the copy it wrote (not a command either).
  if (argc == 2 && std::string_view(argv[1]) == kLearnVmWrites) {
    std::string written = LearnImageWrites();
    if (!written.empty()) fmt::print("{}\n", written);
    return written.empty() ? 1 : 0;
  }
  CLI::App app{"jetsam: the IAM roles a Jets project deploys, compiled offline from its config/jets/*.rb", "jetsam"};
  app.require_subcommand(1);
  // Lazily: the version names the IAM data, which compile never needs to read.
  app.set_version_flag("--version", [] { return VersionText(); });
  app.footer("Run `jetsam COMMAND --help` for a command's options. Exit: 0 ok, 1 config error, 2 usage error.");
  std::string_view invoked;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] != '-') {
      invoked = argv[i];
      break;
    }
  }
  if (int status = RejectUnknownCommand(invoked)) return status;
  // Its sandboxed child first: it sets up while this process parses and reads the checkout.
  if (EvaluatesCheckout(invoked)) StartEvaluationEarly();
  std::vector<Command> commands = RegisterAll(app, invoked);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // the contract: usage errors exit 2
  }
  for (const auto& c : commands) {
    if (c.app->parsed()) return RunWithCheckedOutput(c.run);
  }
  return 2;
}

}  // namespace jetsam::cli
