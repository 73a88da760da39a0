#include "serve_client.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jetsam_test {
namespace {

int64_t NowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int Connect(const std::string& address) {
  if (address.rfind("unix:", 0) == 0) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strncpy(sa.sun_path, address.c_str() + 5, sizeof sa.sun_path - 1);
    if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
      close(fd);
      return -1;
    }
    return fd;
  }
  size_t colon = address.rfind(':');
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(std::stoi(address.substr(colon + 1))));
  inet_pton(AF_INET, address.substr(0, colon).c_str(), &sa.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

HttpConnection::HttpConnection(const std::string& address) : fd_(Connect(address)) {}

HttpConnection::~HttpConnection() {
  if (fd_ >= 0) close(fd_);
}

bool HttpConnection::Send(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

HttpReply HttpConnection::Receive(int timeout_ms) {
  HttpReply reply;
  const int64_t deadline = NowMs() + timeout_ms;
  size_t header_end = std::string::npos;
  size_t length = 0;
  for (;;) {
    if (header_end == std::string::npos) {
      header_end = buffer_.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::istringstream head(buffer_.substr(0, header_end));
        std::string line;
        std::getline(head, line);
        if (line.size() > 12) reply.status = std::atoi(line.c_str() + 9);
        while (std::getline(head, line)) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          size_t colon = line.find(':');
          if (colon == std::string::npos) continue;
          std::string value = line.substr(colon + 1);
          value.erase(0, value.find_first_not_of(' '));
          reply.headers[Lower(line.substr(0, colon))] = value;
        }
        length = reply.headers.count("content-length") ? std::stoul(reply.headers["content-length"]) : 0;
      }
    }
    if (header_end != std::string::npos && buffer_.size() >= header_end + 4 + length) {
      reply.body = buffer_.substr(header_end + 4, length);
      buffer_.erase(0, header_end + 4 + length);
      return reply;
    }
    int64_t left = deadline - NowMs();
    pollfd p{fd_, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) return HttpReply{};
    char chunk[65536];
    ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return HttpReply{};
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

HttpReply HttpConnection::Get(const std::string& target, const std::vector<std::string>& headers) {
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n";
  for (const auto& h : headers) req += h + "\r\n";
  req += "\r\n";
  if (!Send(req)) return HttpReply{};
  return Receive();
}

bool HttpConnection::ClosedWithin(int timeout_ms) {
  const int64_t deadline = NowMs() + timeout_ms;
  for (;;) {
    int64_t left = deadline - NowMs();
    pollfd p{fd_, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    char chunk[4096];
    ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return true;  // EOF (or reset): closed
  }
}

HttpReply HttpGet(const std::string& address, const std::string& target, const std::vector<std::string>& headers) {
  HttpConnection c(address);
  return c.ok() ? c.Get(target, headers) : HttpReply{};
}

pid_t SpawnJetsam(const std::vector<std::string>& args, int stdout_fd, int stderr_fd) {
  pid_t pid = fork();
  if (pid == 0) {
    dup2(stdout_fd, STDOUT_FILENO);
    dup2(stderr_fd, STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    std::vector<std::string> argv_s = {JETSAM_BINARY};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    const char* env[] = {"PATH=/usr/bin:/bin", "NO_COLOR=1", nullptr};
    execve(JETSAM_BINARY, argv.data(), const_cast<char**>(env));
    _exit(127);
  }
  return pid;
}

ServerProcess::ServerProcess(const std::vector<std::string>& args) {
  char tmpl[] = "/tmp/jetsam-serve-log-XXXXXX";
  int log = mkstemp(tmpl);
  stderr_path_ = tmpl;
  int out[2];
  if (pipe(out) != 0) return;
  std::vector<std::string> argv = {"serve"};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = SpawnJetsam(argv, out[1], log);
  close(out[1]);
  close(log);
  // The first line: "jetsam serve: listening on ADDRESS".
  std::string line;
  const int64_t deadline = NowMs() + 20000;
  while (line.find('\n') == std::string::npos && NowMs() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char c[256];
    ssize_t n = read(out[0], c, sizeof c);
    if (n <= 0) break;
    line.append(c, static_cast<size_t>(n));
  }
  close(out[0]);
  const std::string marker = "listening on ";
  size_t at = line.find(marker);
  if (at != std::string::npos) address_ = line.substr(at + marker.size(), line.find('\n') - at - marker.size());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::filesystem::remove(stderr_path_);
}

int ServerProcess::Wait(int timeout_ms) {
  const int64_t deadline = NowMs() + timeout_ms;
  while (NowMs() < deadline) {
    int st;
    pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    usleep(10000);
  }
  return -1;
}

int ServerProcess::Stop(int sig, int timeout_ms) {
  kill(pid_, sig);
  return Wait(timeout_ms);
}

std::string ServerProcess::Stderr() const {
  std::ifstream in(stderr_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace jetsam_test
