// Boost.Beast and Asio (header-only, Debian's libboost-dev) for HTTP: a maintained parser with
// limits, keep-alive and timers, statically linkable; the only file that includes them.
#include "serve/http_server.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

namespace jetsam::serve {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using local = asio::local::stream_protocol;

constexpr size_t kHeaderLimit = 8192;
constexpr size_t kBodyLimit = 65536;

struct SessionBase {
  virtual ~SessionBase() = default;
  virtual void Drain() = 0;  // close when idle; finish the request in flight first
};

// Shared by the sessions: the last one may end on another thread (one that computed an answer
// and still holds the session), after the server's own call returned.
struct State {
  asio::io_context ioc;
  const HttpOptions options;
  HttpHandler handler;
  std::atomic<int> connections{0};
  std::atomic<bool> draining{false};
  std::mutex mu;
  std::map<SessionBase*, std::weak_ptr<SessionBase>> sessions;
  explicit State(const HttpOptions& o, HttpHandler h) : options(o), handler(std::move(h)) {}
};

template <class Protocol>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Protocol>> {
 public:
  using Stream = beast::basic_stream<Protocol>;
  Session(typename Protocol::socket socket, std::shared_ptr<State> state, std::string peer)
      : state_(std::move(state)), stream_(std::move(socket)), peer_(std::move(peer)) {
    state_->connections++;
  }
  ~Session() override {
    state_->connections--;
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->sessions.erase(this);
  }
  void Start() {
    {
      std::lock_guard<std::mutex> lock(state_->mu);
      state_->sessions[this] = this->shared_from_this();
    }
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->Read(); });
  }
  void Drain() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (!self->busy_) self->Close();
    });
  }

 private:
  void Read() {
    if (state_->draining) return Close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kBodyLimit);
    busy_ = false;
    stream_.expires_after(std::chrono::milliseconds(state_->options.request_timeout_ms));
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    busy_ = true;
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted) return Close();
    HttpRequest req;
    req.peer = peer_;
    if (ec) {
      int status = ec == beast::error::timeout           ? 408
                   : ec == http::error::header_limit     ? 431
                   : ec == http::error::body_limit       ? 413
                   : ec == asio::error::connection_reset ? 0
                                                         : 400;
      if (status == 0 || ec == asio::error::eof) return Close();
      if (state_->options.on_rejected) state_->options.on_rejected(req, status);
      // At the timeout the stream has closed the socket already: the 408 is only logged.
      if (status == 408) return Close();
      HttpResponse r;
      r.status = status;
      r.body = fmt::format("{{\"error\": {{\"kind\": \"usage\", \"message\": \"{}\"}}}}\n",
                           status == 408 ? "the request was not read within the time limit"
                           : status == 431 ? "the request's headers are too large"
                           : status == 413 ? "the request's body is too large"
                                           : "a malformed HTTP request");
      return Write(std::move(r), /*keep_alive=*/false);
    }
    auto& m = parser_->get();
    req.method = std::string(m.method_string());
    req.target = std::string(m.target());
    req.authorization = std::string(m[http::field::authorization]);
    req.if_none_match = std::string(m[http::field::if_none_match]);
    req.cache_control = std::string(m[http::field::cache_control]);
    const bool keep_alive = m.keep_alive();
    stream_.expires_never();  // the handler may take a while (an evaluation): it bounds itself
    // Until the answer is written, the io_context keeps running (even when a stop signal closed
    // the listener and every idle connection meanwhile) and the session stays. The guard goes
    // first, while the session (and with it the io_context) still lives, whichever thread
    // drops the last reference.
    struct Pending {
      std::shared_ptr<Session> self;
      asio::executor_work_guard<typename Stream::executor_type> guard;
      bool keep_alive;
    };
    auto pending = std::make_shared<Pending>(Pending{this->shared_from_this(), asio::make_work_guard(stream_.get_executor()), keep_alive});
    answered_ = false;
    auto abandoned = req.abandoned;
    // dispatch, not post: an answer given at once (from the cache, on this strand) is written
    // at once, without another trip through the io_context's queue; one from a pool thread is
    // queued to the session's strand.
    state_->handler(req, [pending](HttpResponse r) {
      asio::dispatch(pending->self->stream_.get_executor(),
                     [pending, r = std::move(r)]() mutable { pending->self->Write(std::move(r), pending->keep_alive); });
    });
    if (!answered_) WatchForHangUp(std::move(abandoned));  // not answered at once: an evaluation
  }

  // While an answer is computed, a client that closes its connection (or resets it) abandons
  // the request: its evaluation need not run on to the time limit. Data from the client (a
  // pipelined request) ends the watch; the answer being written cancels it.
  void WatchForHangUp(std::shared_ptr<std::atomic<bool>> abandoned) {
    stream_.socket().async_wait(Protocol::socket::wait_read, [self = this->shared_from_this(),
                                                               abandoned](beast::error_code ec) {
      if (ec || self->answered_) return;
      char byte;
      const ssize_t n = ::recv(self->stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        *abandoned = true;
      } else if (n < 0) {
        self->WatchForHangUp(abandoned);  // woken with nothing to read: watch again
      }
    });
  }

  void Write(HttpResponse r, bool keep_alive) {
    if (!answered_) {
      answered_ = true;
      beast::error_code ignored;
      stream_.socket().cancel(ignored);  // the hang-up watch, the only operation pending now
    }
    res_ = {};
    res_.version(11);
    res_.result(static_cast<unsigned>(r.status));
    res_.set(http::field::server, "jetsam");
    if (r.status != 304) res_.set(http::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res_.set(k, v);
    res_.body() = std::move(r.body);
    res_.keep_alive(keep_alive && !state_->draining);
    res_.prepare_payload();
    stream_.expires_after(std::chrono::milliseconds(state_->options.request_timeout_ms));
    http::async_write(stream_, res_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      if (ec || !self->res_.keep_alive()) return self->Close();
      self->Read();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(Protocol::socket::shutdown_both, ec);
    stream_.close();
  }

  std::shared_ptr<State> state_;  // first member: destroyed after the stream, which uses its ioc
  Stream stream_;
  std::string peer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  bool busy_ = false;
  bool answered_ = true;  // the request read last has its answer (written or being written)
};

template <class Protocol>
class Listener : public std::enable_shared_from_this<Listener<Protocol>> {
 public:
  Listener(std::shared_ptr<State> state, typename Protocol::acceptor acceptor)
      : state_(std::move(state)), acceptor_(std::move(acceptor)) {}
  void Accept() {
    acceptor_.async_accept(asio::make_strand(state_->ioc),
                           [self = this->shared_from_this()](beast::error_code ec, typename Protocol::socket s) {
                             self->OnAccept(ec, std::move(s));
                           });
  }
  void Stop() {
    asio::post(acceptor_.get_executor(), [self = this->shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void OnAccept(beast::error_code ec, typename Protocol::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      if (state_->connections >= state_->options.max_connections || state_->draining) {
        beast::error_code ignored;
        socket.close(ignored);  // over the bound: refused at once, before reading anything
      } else {
        std::string peer = "unix";
        if constexpr (std::is_same_v<Protocol, tcp>) {
          beast::error_code e2;
          // Each answer is one write, and the client waits for it: no Nagle delay behind an
          // unacknowledged segment of the previous one.
          socket.set_option(tcp::no_delay(true), e2);
          auto ep = socket.remote_endpoint(e2);
          if (!e2) peer = fmt::format("{}:{}", ep.address().to_string(), ep.port());
        }
        std::make_shared<Session<Protocol>>(std::move(socket), state_, peer)->Start();
      }
    }
    Accept();
  }
  std::shared_ptr<State> state_;
  typename Protocol::acceptor acceptor_;
};

bool SplitHostPort(const std::string& listen, std::string* host, std::string* port) {
  if (!listen.empty() && listen[0] == '[') {
    size_t close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') return false;
    *host = listen.substr(1, close - 1);
    *port = listen.substr(close + 2);
  } else {
    size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return false;
    *host = listen.substr(0, colon);
    *port = listen.substr(colon + 1);
  }
  return !host->empty() && !port->empty() && port->size() <= 5 &&
         std::all_of(port->begin(), port->end(), [](char c) { return c >= '0' && c <= '9'; }) && std::stoi(*port) <= 65535;
}

}  // namespace

Status ParseListen(const std::string& listen, bool* loopback) {
  if (listen.rfind("unix:", 0) == 0) {
    std::string path = listen.substr(5);
    if (path.empty() || path.size() >= sizeof(sockaddr_un{}.sun_path))
      return Status::Usage(fmt::format("--listen {}: a Unix socket path of 1 to {} bytes", listen, sizeof(sockaddr_un{}.sun_path) - 1));
    *loopback = true;
    return Status::Ok();
  }
  std::string host, port;
  beast::error_code ec;
  if (SplitHostPort(listen, &host, &port)) {
    auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (!ec) {
      *loopback = address.is_loopback();
      return Status::Ok();
    }
  }
  return Status::Usage(fmt::format("--listen {}: not HOST:PORT, [IPV6]:PORT or unix:PATH", listen),
                       "e.g. --listen 127.0.0.1:8080, --listen [::1]:0, --listen unix:/run/jetsam.sock");
}

Status RunHttpServer(const HttpOptions& options, HttpHandler handler) {
  bool loopback = false;
  if (Status s = ParseListen(options.listen, &loopback); !s.ok()) return s;
  auto shared = std::make_shared<State>(options, std::move(handler));
  State& state = *shared;
  asio::signal_set signals(state.ioc, SIGINT, SIGTERM);
  std::function<void()> stop_listener;
  std::string bound;
  beast::error_code ec;
  if (options.listen.rfind("unix:", 0) == 0) {
    const std::string path = options.listen.substr(5);
    struct stat st;
    // A socket left by an earlier server is replaced; any other file is not ours to remove.
    if (lstat(path.c_str(), &st) == 0) {
      if (!S_ISSOCK(st.st_mode)) return Status::Usage(fmt::format("--listen {}: the path exists and is not a socket", options.listen));
      unlink(path.c_str());
    }
    local::acceptor acceptor(state.ioc);
    acceptor.open(local::endpoint(path).protocol(), ec);
    if (!ec) {
      // Created 0600, not chmod-ed after: no moment in which another user could connect.
      const mode_t before = umask(0177);
      acceptor.bind(local::endpoint(path), ec);
      umask(before);
    }
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Status::Usage(fmt::format("--listen {}: {}", options.listen, ec.message()));
    auto listener = std::make_shared<Listener<local>>(shared, std::move(acceptor));
    listener->Accept();
    stop_listener = [listener] { listener->Stop(); };
    bound = options.listen;
  } else {
    std::string host, port;
    SplitHostPort(options.listen, &host, &port);
    auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host);
    tcp::endpoint endpoint(address, static_cast<unsigned short>(std::stoi(port)));
    tcp::acceptor acceptor(state.ioc);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Status::Usage(fmt::format("--listen {}: {}", options.listen, ec.message()));
    auto ep = acceptor.local_endpoint();
    bound = ep.address().is_v6() ? fmt::format("[{}]:{}", ep.address().to_string(), ep.port())
                                 : fmt::format("{}:{}", ep.address().to_string(), ep.port());
    auto listener = std::make_shared<Listener<tcp>>(shared, std::move(acceptor));
    listener->Accept();
    stop_listener = [listener] { listener->Stop(); };
  }
  signals.async_wait([&](beast::error_code e, int) {
    if (e) return;
    state.draining = true;
    if (options.on_stop) options.on_stop();
    stop_listener();
    std::lock_guard<std::mutex> lock(state.mu);
    for (auto& [ptr, weak] : state.sessions)
      if (auto s = weak.lock()) s->Drain();
  });
  if (options.on_listening) options.on_listening(bound);
  std::vector<std::thread> threads;
  for (int i = 1; i < std::max(1, options.threads); ++i) threads.emplace_back([&] { state.ioc.run(); });
  state.ioc.run();
  for (auto& t : threads) t.join();
  if (options.listen.rfind("unix:", 0) == 0) unlink(options.listen.substr(5).c_str());
  return Status::Ok();
}

}  // namespace jetsam::serve
