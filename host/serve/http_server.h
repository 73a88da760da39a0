// HTTP/1.1 on Boost.Beast: keep-alive, bounded headers, bodies, connections and time to read a
// request, on TCP or a Unix socket; graceful stop on SIGTERM/SIGINT. It knows nothing of
// jetsam: each request goes to a handler that answers now or later, from any thread.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "jetsam/status.h"

namespace jetsam::serve {

struct HttpRequest {
  std::string method, target;  // target: "/v1/roles?env=dev"
  std::string authorization, if_none_match, cache_control;
  std::string peer;  // "127.0.0.1:50312" or "unix"
  // Set (from the connection's thread) when the client hangs up before its answer is written:
  // whoever computes the answer may stop, since nobody will read it.
  std::shared_ptr<std::atomic<bool>> abandoned = std::make_shared<std::atomic<bool>>(false);
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Respond = std::function<void(HttpResponse)>;
using HttpHandler = std::function<void(const HttpRequest&, Respond)>;

struct HttpOptions {
  std::string listen;  // "127.0.0.1:8080", "[::1]:0", "unix:/path.sock"
  int max_connections = 512;
  int request_timeout_ms = 5000;
  int threads = 2;
  std::function<void(const std::string&)> on_listening;
  std::function<void()> on_stop;  // the signal arrived: new connections are refused from now on
  // Called for a request that never reached the handler (malformed, too large, too slow), with
  // the status sent: the access log.
  std::function<void(const HttpRequest&, int status)> on_rejected;
};

// The address `listen` names, checked: kUsage for a malformed one. `loopback`: 127.0.0.0/8,
// ::1 or a Unix socket.
Status ParseListen(const std::string& listen, bool* loopback);

// Listens and serves until SIGTERM or SIGINT; then stops accepting, closes idle connections,
// lets requests in flight finish, and returns Ok.
Status RunHttpServer(const HttpOptions& options, HttpHandler handler);

}  // namespace jetsam::serve
