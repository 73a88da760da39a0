// jetsam run's parent: reads what the script may see, forks the sandboxed child that runs it,
// and turns what comes back into an exit code or an error.
#include <stdlib.h>

#include <fmt/format.h>

#include "eval/bounded_read.h"
#include "jetsam/script.h"
#include "script/session.h"
#include "vm/isolate.h"
#include "jetsam/json_compact.h"

namespace jetsam {
namespace {

using script::World;

constexpr size_t kMaxScriptBytes = 4u << 20;  // as a config file

Status PrepareWorld(const ScriptOptions& o, World* world) {
  switch (eval::ReadBounded(o.script, kMaxScriptBytes, &world->script_text)) {
    case eval::BoundedRead::kOk: break;
    case eval::BoundedRead::kCannotRead:
      return Status::Usage(fmt::format("{}: cannot read the script", o.script), "give the path of a Ruby file");
    case eval::BoundedRead::kTooLarge:
      return Status::Usage(fmt::format("{}: the script is larger than {} MiB", o.script, kMaxScriptBytes >> 20));
  }
  world->script_name = o.script;
  world->args = o.args;
  return script::ReadCheckouts(o, world);
}

// The child's answer: "exit N", or "fail" and the failing Status as JSON.
std::string Encode(const Status& s, int exit_code) {
  if (s.ok()) return fmt::format("exit {}", exit_code);
  nlohmann::json j = {{"code", static_cast<int>(s.code())},
                      {"message", s.message()},
                      {"file", s.where().file},
                      {"line", s.where().line},
                      {"hint", s.hint()}};
  return "fail " + CompactJson(j);
}

Status Decode(const std::string& payload, int* exit_code) {
  if (payload.rfind("exit ", 0) == 0) {
    *exit_code = std::atoi(payload.c_str() + 5);
    return Status::Ok();
  }
  nlohmann::json j = nlohmann::json::parse(payload.substr(std::min<size_t>(5, payload.size())), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Internal("the script's process answered nonsense");
  Location where{j.value("file", ""), j.value("line", 0)};
  std::string message = j.value("message", ""), hint = j.value("hint", "");
  switch (static_cast<Status::Code>(j.value("code", 0))) {
    case Status::Code::kLimit: return Status::Limit(message, where, hint);
    case Status::Code::kUsage: return Status::Usage(message, hint);
    case Status::Code::kInternal: return Status::Internal(message);
    default: return Status::Config(message, where, hint);
  }
}

std::string RunInChild(const World& world) {
  script::Session session(world);
  int exit_code = 0;
  Status s = session.Open();
  if (s.ok()) s = session.RunScript(&exit_code);
  return Encode(s, exit_code);
}

}  // namespace

Status RunScript(const ScriptOptions& options, int* exit_code) {
  *exit_code = 0;
  World world;
  if (Status s = PrepareWorld(options, &world); !s.ok()) return s;
  if (!options.isolate) {
    script::Session session(world);
    Status s = session.Open();
    return s.ok() ? session.RunScript(exit_code) : s;
  }
  PrepareEvaluations();  // each Jetsam.load starts from a copy of the VM, built once here
  script::Outputs outputs;
  if (Status s = outputs.Open(&world); !s.ok()) return s;
  std::string payload;
  // The script writes its output itself (escaped, script/output.h): the child keeps those two.
  Status s = vm::RunIsolated(options.limits, [&] { return RunInChild(world); }, &payload, {world.out_fd, world.err_fd});
  if (!s.ok()) s = script::StoppedStatus(s, *world.board);
  return s.ok() ? Decode(payload, exit_code) : s;
}

}  // namespace jetsam
