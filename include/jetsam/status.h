// Errors are values: every stage returns a Status instead of throwing across module lines.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace jetsam {

// Where in a config file something happened. An empty file means "no location"
// (a Jets default, or an error that belongs to no line).
struct Location {
  std::string file;  // relative to the project directory, e.g. "config/jets/deploy.rb"
  int line = 0;
  bool empty() const { return file.empty(); }
  // "file:line" for people. A file name with a character other than letters, digits and
  // ._-/+()@, is quoted ("deploy.rb:1: info: x.rb":2), so that it cannot read as another
  // file's line.
  std::string str() const;
  bool operator==(const Location&) const = default;
};

// What a Ruby exception was, recorded by the VM when it made the Status, so that the code that
// explains an error reads facts rather than the text of Ruby's messages.
struct RubyError {
  // The nearest of the classes jetsam tells apart (a subclass counts as its class).
  enum class Kind : uint8_t {
    kOther = 0,
    kSyntaxError,    // the parser's, or a raised SyntaxError
    kNameError,      // a NameError that is not a NoMethodError
    kNoMethodError,
    kKeyError,
    kSystemExit,     // where the VM defines it (scripts' `exit`)
  };
  static constexpr Kind kLastKind = Kind::kSystemExit;
  // Names longer than this are not recorded: no name jetsam compares against comes near it.
  static constexpr size_t kMaxName = 256;
  Kind kind = Kind::kOther;
  // The missing name of a NameError or NoMethodError (its `name`: "File", "system"), the key a
  // KeyError says it lacks (its `key`, when the raiser set one); empty when the exception has none.
  std::string name;
  bool operator==(const RubyError&) const = default;
};

class Status {
 public:
  enum class Code {
    kOk = 0,
    kConfig,    // the config cannot be evaluated or compiled: exit 1
    kUsage,     // the call is wrong: exit 2
    kLimit,     // a time or memory bound was hit: exit 1
    kInternal,  // a bug in jetsam: exit 1
  };
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Config(std::string msg, Location where = {}, std::string hint = {}) {
    return Status(Code::kConfig, std::move(msg), std::move(where), std::move(hint));
  }
  static Status Usage(std::string msg, std::string hint = {}) {
    return Status(Code::kUsage, std::move(msg), {}, std::move(hint));
  }
  static Status Limit(std::string msg, Location where = {}, std::string hint = {}) {
    return Status(Code::kLimit, std::move(msg), std::move(where), std::move(hint));
  }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg), {}, {}); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& where() const { return where_; }
  const std::string& hint() const { return hint_; }
  // The Ruby exception this status was made from, if it was made from one.
  const std::optional<RubyError>& ruby_error() const { return ruby_error_; }
  bool IsRuby(RubyError::Kind kind) const { return ruby_error_ && ruby_error_->kind == kind; }
  Status WithRubyError(RubyError error) && {
    ruby_error_ = std::move(error);
    return std::move(*this);
  }
  // "config/jets/deploy.rb:3: message\n  hint: ..." as a person reads it.
  std::string ToString() const;
  // The process exit code the CLI uses for this status (0, 1 or 2).
  int ExitCode() const { return ok() ? 0 : code_ == Code::kUsage ? 2 : 1; }

 private:
  Status(Code c, std::string m, Location w, std::string h)
      : code_(c), message_(std::move(m)), where_(std::move(w)), hint_(std::move(h)) {}
  Code code_ = Code::kOk;
  std::string message_;
  Location where_;
  std::string hint_;
  std::optional<RubyError> ruby_error_;
};

}  // namespace jetsam
