// The sidecar: `jetsam serve` answers policy questions about one checkout over HTTP (loopback or
// a Unix socket), and `jetsam watch` prints what changes as its files are saved.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>
#include <string>

#include "jetsam/facts.h"
#include "jetsam/limits.h"
#include "jetsam/status.h"

namespace jetsam {

// What every evaluation of the checkout shares; env, extra and role come with each request.
struct CheckoutOptions {
  std::string dir = ".";
  Facts facts;  // --region/--account/--s3-bucket merged over --facts
  Limits limits;
  // As EvalOptions::config_env: set, the config's ENV holds only these variables.
  std::optional<std::set<std::string>> config_env;
  std::vector<std::string> allow_require;  // as EvalOptions::allow_require
};

struct ServeOptions {
  CheckoutOptions checkout;
  // "127.0.0.1:8080", "[::1]:0" (0: an ephemeral port), "unix:/run/jetsam.sock".
  std::string listen = "127.0.0.1:0";
  std::string token_file;  // required to listen on an address other than loopback
  int workers = 2;         // pre-forked evaluation processes
  int max_queue = 64;      // requests waiting for a worker; past it: 503
  int max_connections = 512;
  int request_timeout_ms = 5000;  // to read a whole request: a slow client gets 408
  size_t cache_bytes = 64u << 20;
  bool log_json = false;
  // Called once the server listens, with the address it listens on ("127.0.0.1:43121",
  // "unix:/run/jetsam.sock"): the CLI prints it.
  std::function<void(const std::string&)> on_listening;
};

// Serves until SIGTERM or SIGINT (then finishes the requests in flight and returns Ok).
Status Serve(const ServeOptions& options);

struct WatchOptions {
  CheckoutOptions checkout;
  std::string env, extra;
  std::vector<std::string> roles;  // --role values; empty: all
  int debounce_ms = 150;
  bool color = false;
  // Test hook: stop after this many changes were reported (0: until SIGINT/SIGTERM).
  int max_changes = 0;
};

// Prints the roles, then on every change of config/jets/ what changed since the last good state
// (or the error). Returns Ok on SIGINT/SIGTERM.
Status Watch(const WatchOptions& options);

}  // namespace jetsam
