// config/jets/env/.env files, read as Jets 6.0.5 reads them (Jets::Dotenv, with the parser of the
// dotenv gem 3.1.5 and later: Jets asks for dotenv >= 3.1, and 3.1.8 and 3.2.0 parse alike;
// tests/dotenv_diff checks this parser against the gem's): which files, in which order, and what
// each line sets. Plain C++: the host parses, the VM only sees the resulting ENV.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jetsam/status.h"

namespace jetsam::eval {

// A `$(command)` in a value: the gem runs it in a shell when Jets loads the file. jetsam runs
// nothing, so the value holds `placeholder` instead of its output.
struct DotenvCommand {
  std::string command;
  std::string placeholder;  // "<command:git rev-parse HEAD>"
};

// One variable a .env file sets.
struct DotenvVar {
  std::string name;
  std::string value;
  int line = 0;  // the line of its name
  std::vector<DotenvCommand> commands;
};

// The files Jets loads, the most specific first (Jets::Dotenv#dotenv_files):
// config/jets/env/.env.ENV.EXTRA (when there is an extra), .env.ENV, .env. No .env.local: Jets
// 6.0.5 reads none.
std::vector<std::string> DotenvFiles(const std::string& env, const std::string& extra);

// Parses the text of one file as Dotenv::Parser#call does: comments, `export`, `KEY: value`,
// single quotes (literal), double quotes (escapes, multi-line), `$VAR` and `${VAR}` (from the
// file's earlier lines, else `environment`, else ""), `\$` for a literal $. A variable that
// `environment` already holds keeps that value, as the gem does. `file` names the file in errors:
// kConfig at the line of an `export NAME` that nothing has set (the gem's FormatError).
Status ParseDotenv(std::string_view text, const std::string& file,
                   const std::map<std::string, std::string>& environment, std::vector<DotenvVar>* out);

// A variable Dotenv.load added to ENV, and where it was set.
struct LoadedVar {
  std::string name;
  std::string value;
  Location where;
  std::vector<DotenvCommand> commands;
};

// Dotenv.load(*files) over the files `sources` holds (path -> text): each file in turn is parsed
// against `environment` and merged into it, a variable already there keeping its value (so the
// real environment, then the most specific file, wins). `loaded` gets what was added, in order:
// what Jets then resolves SSM references in.
Status LoadDotenv(const std::map<std::string, std::string>& sources, const std::vector<std::string>& files,
                  std::map<std::string, std::string>* environment, std::vector<LoadedVar>* loaded);

}  // namespace jetsam::eval
