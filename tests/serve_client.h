// Tests' side of `jetsam serve`: starting the real binary and speaking HTTP/1.1 to it over TCP or
// a Unix socket, with nothing but POSIX sockets (what a client would do, byte for byte).
#pragma once
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace jetsam_test {

struct HttpReply {
  int status = 0;  // 0: no reply (the connection closed or timed out)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// One connection, kept alive across requests.
class HttpConnection {
 public:
  explicit HttpConnection(const std::string& address);  // "127.0.0.1:PORT" or "unix:/path"
  ~HttpConnection();
  bool ok() const { return fd_ >= 0; }
  // Sends raw bytes (a request, or part of one).
  bool Send(const std::string& bytes);
  // Reads one response (Content-Length framed); status 0 when the server closed first or
  // nothing came within `timeout_ms`.
  HttpReply Receive(int timeout_ms = 10000);
  HttpReply Get(const std::string& target, const std::vector<std::string>& headers = {});
  // Whether the server closed the connection within `timeout_ms`.
  bool ClosedWithin(int timeout_ms);

 private:
  int fd_ = -1;
  std::string buffer_;
};

// One request on a fresh connection.
HttpReply HttpGet(const std::string& address, const std::string& target, const std::vector<std::string>& headers = {});

// Starts `jetsam ARGS` with stdin from /dev/null, stdout and stderr on the given descriptors, and
// a clean environment (PATH, NO_COLOR=1).
pid_t SpawnJetsam(const std::vector<std::string>& args, int stdout_fd, int stderr_fd);

// `jetsam serve ARGS` in the background; its stderr (the access log) goes to a file.
class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& args);
  ~ServerProcess();  // SIGKILL if still running
  // The address it printed ("127.0.0.1:PORT"), empty if it exited first.
  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }
  // Sends `sig` and waits for the exit status (-1 when it did not exit within `timeout_ms`).
  int Stop(int sig, int timeout_ms = 10000);
  // Waits for it to exit by itself.
  int Wait(int timeout_ms = 10000);
  std::string Stderr() const;

 private:
  pid_t pid_ = -1;
  std::string address_, stderr_path_;
};

}  // namespace jetsam_test
