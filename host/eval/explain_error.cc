#include "eval/explain_error.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "core/lines.h"
#include "core/suggest.h"
#include "eval/jets5.h"
#include "jetsam/version.h"

namespace jetsam::eval {
namespace {

constexpr const char* kObjects[] = {"project", "bootstrap", "deploy"};

using Kind = RubyError::Kind;

// The name a NameError (not a NoMethodError) or a NoMethodError says is missing, or "".
std::string Missing(const Status& error, Kind kind) { return error.IsRuby(kind) ? error.ruby_error()->name : ""; }

// Top-level settings of each object, for "`ci` is a deploy setting".
std::vector<std::string> TopLevelKeys(const ConfigSettings& object) {
  std::vector<std::string> keys;
  for (const auto& s : object.settings) {
    std::string top = s.path.substr(0, s.path.find('.'));
    if (keys.empty() || keys.back() != top) keys.push_back(top);
  }
  return keys;
}

// Every known path and every name space above one: what a misspelling is compared against.
std::vector<std::string> KnownPaths(const Settings& defaults) {
  std::vector<std::string> known;
  for (const char* name : kObjects) {
    for (const auto& s : defaults.Object(name)->settings) {
      known.push_back(s.path);
      for (size_t dot = s.path.find('.'); dot != std::string::npos; dot = s.path.find('.', dot + 1)) known.push_back(s.path.substr(0, dot));
    }
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  return known;
}

// The line of the first ERB tag, or 0.
int ErbLine(const std::string& text) {
  size_t at = text.find("<%");
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// The line of the first ERB tag where Ruby code would be, or 0: one inside a string or a comment
// (`ERB.new("<%= x %>")`) is Ruby that parses, so it cannot be what broke the file. A line's
// quotes and `#` are counted from its start (a heredoc's lines count as code).
int ErbTagInCode(std::string_view text) {
  int line = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    const std::string_view l = text.substr(start, end - start);
    char quote = 0;
    for (size_t i = 0; i + 1 < l.size(); ++i) {
      const char c = l[i];
      if (quote) {
        if (c == '\\') ++i;
        else if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        break;
      } else if (c == '<' && l[i + 1] == '%') {
        return line;
      }
    }
    start = end + 1;
  }
  return 0;
}

// Jets 5's API, which Jets 6 took away: a Jets 5 config or snippet in a Jets 6 file meets it.
struct Jets5Api {
  RubyError::Kind kind;
  const char* name;      // what the NameError or NoMethodError says is missing
  const char* written;   // how the line writes it
  const char* message;
  const char* hint;
};
constexpr Jets5Api kJets5Api[] = {
    {RubyError::Kind::kNameError, "Application", "Jets::Application",
     "Jets::Application is Jets 5's (config/application.rb): Jets 6 has no such class",
     "Jets 6 deploys config.lambda.iam.default_policy (what Jets 5's Jets::Application.default_iam_policy gave) "
     "as its own DefaultPolicy beside config.lambda.iam.policy: leave it out of the list"},
    {RubyError::Kind::kNoMethodError, "application", "Jets.application",
     "Jets.application is Jets 5's: Jets 6 has no application object",
     "configure Jets 6 with Jets.project.configure (config/jets/project.rb), Jets.bootstrap.configure "
     "(config/jets/bootstrap.rb) and Jets.deploy.configure (config/jets/deploy.rb)"},
    {RubyError::Kind::kNoMethodError, "config", "Jets.config",
     "Jets.config is Jets 5's: Jets 6 keeps each setting on its object",
     "read it from the object that holds it: Jets.project.config.name, Jets.bootstrap.config.codebuild..., "
     "Jets.deploy.config.lambda..."},
    {RubyError::Kind::kNoMethodError, "project_namespace", "Jets.project_namespace",
     "Jets.project_namespace is Jets 5's", "Jets 6 has it as Jets.project.namespace"},
};

// Whether `line` has `written` as a whole name (`Jets.config` but not `Jets.configure`).
bool Writes(std::string_view line, std::string_view written) {
  for (size_t at = line.find(written); at != std::string_view::npos; at = line.find(written, at + 1)) {
    const size_t after = at + written.size();
    const char c = after < line.size() ? line[after] : ' ';
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return true;
  }
  return false;
}

std::optional<Status> Jets5ApiError(const Status& error, const Sources& sources) {
  auto file = sources.files.find(error.where().file);
  if (file == sources.files.end() || !error.ruby_error()) return std::nullopt;
  const std::string_view line = LineOf(file->second, error.where().line);
  for (const auto& api : kJets5Api) {
    if (!error.IsRuby(api.kind) || error.ruby_error()->name != api.name || !Writes(line, api.written)) continue;
    return Status::Config(fmt::format("{} ({})", api.message, error.message()), error.where(),
                          fmt::format("{}; the upgrade guide: {}", api.hint, kUpgradeGuide));
  }
  return std::nullopt;
}

// What jetsam's sandbox leaves out, and why a config meets it: Ruby that Jets' process has, but
// that would let a config file reach the machine.
struct Refused {
  const char* name;
  const char* what;
};
constexpr Refused kConstants[] = {
    {"File", "read or write files"},         {"Dir", "read or write files"},        {"IO", "read or write files"},
    {"FileUtils", "read or write files"},    {"Pathname", "read or write files"},   {"Tempfile", "read or write files"},
    {"Socket", "open network connections"},  {"TCPSocket", "open network connections"},
    {"TCPServer", "open network connections"}, {"UDPSocket", "open network connections"},
    {"UNIXSocket", "open network connections"}, {"UNIXServer", "open network connections"},
    {"BasicSocket", "open network connections"}, {"Addrinfo", "open network connections"},
    {"Net", "open network connections"},     {"Process", "start or signal processes"},
    {"Open3", "start processes"},            {"PTY", "start processes"},            {"Signal", "signal processes"},
};
constexpr Refused kMethods[] = {
    {"system", "start processes"}, {"exec", "start processes"},  {"spawn", "start processes"},
    {"fork", "start processes"},   {"`", "start processes"},     {"syscall", "make system calls"},
    {"open", "open files or pipes"}, {"trap", "handle signals"}, {"exit!", "end the process"},
};

Status Sandbox(const Status& error) {
  // The exception's class and the name it says is missing decide, whatever its message says: a
  // NameError raised with only a message names nothing.
  const std::string constant = Missing(error, Kind::kNameError);
  for (const auto& r : kConstants) {
    if (constant.empty() || constant != r.name) continue;
    return Status::Config(fmt::format("the sandbox refuses {}: config files cannot {} here ({})", r.name, r.what,
                                      error.message()),
                          error.where(),
                          "jetsam evaluates config files with no access to the machine; pass what the file would "
                          "read in the environment (--pass-env NAME) or answer it in a --facts file");
  }
  const std::string method = Missing(error, Kind::kNoMethodError);
  for (const auto& r : kMethods) {
    if (method.empty() || method != r.name) continue;
    const std::string shown = method == "`" ? "backticks (`...`, %x{...})" : "`" + method + "`";
    return Status::Config(fmt::format("the sandbox refuses {}: config files cannot {} here ({})", shown, r.what,
                                      error.message()),
        error.where(),
        "jetsam evaluates config files with no access to the machine; compute the value before jetsam runs and pass "
        "it in the environment (--pass-env NAME)");
  }
  return error;
}

Status UnknownTop(const Status& error, const Recorder::UnknownTop& top, const Sources& sources,
                  const std::function<Settings()>& defaults_of) {
  auto file = sources.files.find(error.where().file);
  const std::string path =
      file == sources.files.end() ? top.key : SettingPathAt(LineOf(file->second, error.where().line), top.key);
  if (auto moved = Jets5Mapping(path)) {
    std::string hint = fmt::format("did you mean config.{}? (in config/jets/{}.rb, inside Jets.{}.configure", moved->jets6,
                                   moved->object, moved->object);
    if (!moved->note.empty()) hint += "; " + moved->note;
    return Status::Config(fmt::format("config.{} is a Jets 5 setting: Jets 6 has it as config.{} in Jets.{}", moved->jets5,
                                      moved->jets6, moved->object),
                          error.where(), fmt::format("{}; the upgrade guide: {})", hint, kUpgradeGuide));
  }
  Settings defaults = defaults_of();
  for (const char* other : kObjects) {
    if (other == top.object) continue;
    auto keys = TopLevelKeys(*defaults.Object(other));
    if (std::find(keys.begin(), keys.end(), top.key) != keys.end()) {
      return Status::Config(
          fmt::format("config.{} is not a Jets.{} setting: `{}` belongs to Jets.{}", top.key, top.object, top.key, other),
          error.where(),
          fmt::format("move it into a `Jets.{}.configure do ... end` block in config/jets/{}.rb (Jets {} rejects it here)",
                      other, other, kJetsVersion));
    }
  }
  const ConfigSettings* own = defaults.Object(top.object);
  auto keys = own ? TopLevelKeys(*own) : std::vector<std::string>{};
  auto guesses = Suggest(top.key, keys, 1);
  return Status::Config(fmt::format("config.{} is not a Jets.{} setting", top.key, top.object), error.where(),
                        guesses.empty() ? fmt::format("Jets.{} has: {}", top.object, fmt::join(keys, ", "))
                                        : fmt::format("did you mean config.{}?", guesses[0]));
}

// mruby 3.1 says "undefined method '<<'" without naming the receiver: the unknown read at the
// very same line is what made it nil.
Status UnknownRead(const Status& error, const Recorder::UnknownRead& read, const std::function<Settings()>& defaults_of) {
  auto guesses = Suggest(read.path, KnownPaths(defaults_of()), 1);
  // The message after its "NoMethodError: " (ExceptionToStatus), which mruby 3.1 never ends
  // with the receiver (the mruby shim admits no other mruby).
  const std::string what = error.message().substr(error.message().find(':') + 2) + " for nil";
  return Status::Config(fmt::format("config.{} is not a Jets setting, so it is nil here ({})", read.path, what),
                        error.where(),
                        guesses.empty() ? "check the setting's name against the Jets config reference"
                                        : fmt::format("did you mean config.{}?", guesses[0]));
}

}  // namespace

Status TemplateError(const std::string& path, const std::string& text) {
  const std::string rendered = path.substr(0, path.size() - 3);
  return Status::Config(
      fmt::format("an ERB template, not a config file: Jets' generator (`jets init`) renders it into {}, which is "
                  "what Jets reads",
                  rendered),
      Location{path, ErbLine(text)},
      fmt::format("render it with `jets init`, or copy it to {} and replace each <% ... %> tag with what it stands for",
                  rendered));
}

namespace {

Status Explain(const Status& error, const Recorder& recorder, const Sources& sources,
               const std::function<Settings()>& defaults) {
  const std::string& message = error.message();
  if (error.IsRuby(Kind::kSyntaxError)) {
    auto file = sources.files.find(error.where().file);
    const int erb = file == sources.files.end() || file->second.find("%>") == std::string::npos
                        ? 0
                        : ErbTagInCode(file->second);
    if (erb > 0 && erb <= error.where().line) {
      return Status::Config(
          fmt::format("ERB tags (<% ... %>) in a Ruby file: this is a template, which neither Jets nor jetsam can "
                      "load ({})",
                      message),
          Location{error.where().file, erb},
          "render the template (jets init), or replace each <% ... %> tag with what it stands for");
    }
    // mruby 3.1's parser predates pattern matching: `case x in {...}` and `x in pattern` stop at `in`.
    if (message.find("keyword_in") != std::string::npos) {
      return Status::Config(
          fmt::format("pattern matching (`case ... in`, `value in pattern`) is Ruby 3 syntax that jetsam's embedded "
                      "mruby 3.1 cannot parse ({})",
                      message),
          error.where(),
          "write it with case/when, if/elsif, or Hash#dig and #fetch: that runs the same in Jets and in jetsam");
    }
    return error;
  }
  if (error.IsRuby(Kind::kNoMethodError)) {
    if (recorder.last_unknown_top && recorder.last_unknown_top->where == error.where()) {
      return UnknownTop(error, *recorder.last_unknown_top, sources, defaults);
    }
    if (recorder.last_unknown_read && recorder.last_unknown_read->where == error.where()) {
      return UnknownRead(error, *recorder.last_unknown_read, defaults);
    }
  }
  if (auto jets5 = Jets5ApiError(error, sources)) return *std::move(jets5);
  // Code of the app (app/, lib/) that a config loads, as Jets 5's config/application.rb could.
  if (error.IsRuby(Kind::kOther) && message.find("jetsam reads the checkout's config/ only") != std::string::npos) {
    return Status::Config(message, error.where(),
                          "jetsam runs the config and none of the app: put what the config needs in a file under "
                          "config/ (require_relative reaches it there), or pass the value it computes in the "
                          "environment (--pass-env NAME)");
  }
  if (error.IsRuby(Kind::kOther) && message.find("cannot load such file -- ") != std::string::npos) {
    auto file = sources.files.find(error.where().file);
    if (file != sources.files.end() &&
        LineOf(file->second, error.where().line).find("require_relative") != std::string_view::npos) {
      return Status::Config(message, error.where(),
                            fmt::format("require_relative finds a file from the directory of the file that calls it "
                                        "({}/ here), and jetsam has no such file in the checkout's config/",
                                        error.where().file.substr(0, error.where().file.rfind('/'))));
    }
  }
  // A Regexp given to a String method that takes only Strings (include?, end_with?, tr,
  // delete_prefix ...): mruby's type check names only the types. Ruby refuses it too.
  if (error.IsRuby(Kind::kOther)) {
    if (message.find("Regexp cannot be converted to ") != std::string::npos ||
        message.find("type mismatch: Regexp given") != std::string::npos) {
      return Status::Config(fmt::format("a Regexp where a String method takes only a String ({})", message),
                            error.where(),
                            "match a Regexp with match?, =~, sub, gsub, scan, split, index, [] or start_with?; "
                            "this method takes a String, in Ruby too");
    }
  }
  // A fetch that found no key (ENV's, a settings object's: mrblib/env.rb and options.rb say
  // which key); another KeyError names no key.
  if (error.IsRuby(Kind::kKeyError) && !error.ruby_error()->name.empty()) {
    return Status::Config(message, error.where(),
                          "if it is ENV's: Jets' ENV also holds the config/jets/env/.env files and (dotenv.ssm.autoload "
                          "is on by default) the SSM parameters under /PROJECT/ENV/; set the variable in the "
                          "environment that runs jetsam or in a .env file, or answer the parameter in a --facts file "
                          "under ssm:");
  }
  return Sandbox(error);
}

}  // namespace

Status ExplainError(const Status& error, const Recorder& recorder, const Sources& sources,
                    const std::function<Settings()>& defaults) {
  if (error.code() != Status::Code::kConfig) return error;
  Status explained = Explain(error, recorder, sources, defaults);
  // Explained in other words, it is still that exception.
  if (error.ruby_error() && !explained.ruby_error()) return std::move(explained).WithRubyError(*error.ruby_error());
  return explained;
}

}  // namespace jetsam::eval
