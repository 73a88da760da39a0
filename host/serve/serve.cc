// jetsam serve: routes, authentication, the result cache and ETags, the worker pool, metrics and
// the access log, over the HTTP server (serve/http_server.h).
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>

#include <fmt/format.h>

#include "jetsam/emit.h"
#include "jetsam/iamdata.h"
#include "jetsam/serve.h"
#include "serve/answer.h"
#include "serve/cache.h"
#include "serve/checkout.h"
#include "serve/http_server.h"
#include "serve/metrics.h"
#include "serve/pool.h"
#include "serve/request.h"
#include "jetsam/json_compact.h"

namespace jetsam {
namespace serve {
namespace {

constexpr size_t kMaxTokenBytes = 4096;

// Compares in time that depends only on the lengths, not on where the first difference is.
bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= x ^ y;
  }
  return diff == 0;
}

Status ReadToken(const std::string& path, std::string* token) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Usage(fmt::format("--token {}: cannot be read", path));
  std::string text(kMaxTokenBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxTokenBytes) return Status::Usage(fmt::format("--token {}: longer than {} bytes", path, kMaxTokenBytes));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  if (text.size() < 16) return Status::Usage(fmt::format("--token {}: shorter than 16 characters", path),
                                             "e.g. head -c 32 /dev/urandom | base64 > token");
  *token = text;
  return Status::Ok();
}

std::string EndpointName(const std::string& path) {
  static const char* known[] = {"/healthz", "/readyz", "/metrics", "/v1/roles", "/v1/settings", "/v1/explain",
                                "/v1/lint", "/v1/can", "/v1/diff", "/v1/expand"};
  for (const char* k : known)
    if (path == k) return k;
  return "other";  // the label set stays bounded whatever clients ask for
}

std::string NowIso() {
  timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  tm t;
  gmtime_r(&ts.tv_sec, &t);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour,
                     t.tm_min, t.tm_sec, ts.tv_nsec / 1000000);
}

class Server {
 public:
  explicit Server(const ServeOptions& o)
      : options_(o), checkout_(o.checkout.dir), cache_(o.cache_bytes),
        pool_(o.checkout, o.workers, o.max_queue, &metrics_) {}

  Status Run() {
    bool loopback = false;
    if (Status s = ParseListen(options_.listen, &loopback); !s.ok()) return s;
    if (!options_.token_file.empty()) {
      if (Status s = ReadToken(options_.token_file, &token_); !s.ok()) return s;
    } else if (!loopback) {
      return Status::Usage(fmt::format("--listen {} is not a loopback address: give --token FILE too", options_.listen),
                           "every request must then carry Authorization: Bearer <the file's token>");
    }
    // What the workers share is prepared once, here, before they are forked.
    PrepareEvaluations();
    (void)iam::Catalog::Get();
    if (Status s = pool_.Start(); !s.ok()) return s;
    HttpOptions http;
    http.listen = options_.listen;
    http.max_connections = options_.max_connections;
    http.request_timeout_ms = options_.request_timeout_ms;
    http.threads = 2;
    http.on_listening = [this](const std::string& address) {
      if (options_.on_listening) options_.on_listening(address);
      WarmUp();
    };
    http.on_rejected = [this](const HttpRequest& req, int status) {
      metrics_.CountRequest("other", status);
      Log(req, status, 0, "rejected", 0.0);
    };
    return RunHttpServer(http, [this](const HttpRequest& req, Respond respond) {
      // A bug must cost one request, not the server (an exception would end the io thread).
      try {
        Handle(req, respond);
      } catch (const std::exception& e) {
        HttpResponse r;
        r.status = 500;
        r.body = ErrorReply(Status::Internal(fmt::format("jetsam failed on this request: {}", e.what()))).body;
        Log(req, 500, r.body.size(), "none", 0.0);
        respond(std::move(r));
      }
    });
  }

 private:
  // The first evaluation, so that /readyz can say the checkout was evaluated.
  void WarmUp() {
    Request r;
    auto snapshot = checkout_.Current();
    PoolJob job{Job{r, &snapshot->sources, nullptr}, snapshot, snapshot->hash, 0};
    const std::string key = CacheKey(*snapshot, r, 0);
    pool_.Submit(std::move(job), [this, key](Reply reply) {
      if (reply.status == 200 || reply.status == 422) cache_.Put(key, std::make_shared<Reply>(reply));
      ready_ = true;
    });
  }

  std::string CacheKey(const Snapshot& s, const Request& r, uint64_t revision_hash) const {
    return fmt::format("{:016x}:{:016x}:{}", s.hash, revision_hash, r.Key());
  }

  void Log(const HttpRequest& req, int status, size_t bytes, const char* cache, double seconds) {
    std::string line;
    if (options_.log_json) {
      Json j = {{"time", NowIso()}, {"peer", req.peer}, {"method", req.method.substr(0, 20)}, {"target", req.target.substr(0, 2048)},
                {"status", status}, {"bytes", bytes}, {"cache", cache}, {"ms", std::round(seconds * 1e5) / 100}};
      line = CompactJson(j) + "\n";
    } else {
      // The target is the client's: escaped, so a request cannot write to the terminal or forge a line.
      line = fmt::format("{} {} {} {} {} {}B {:.2f}ms cache={}\n", NowIso(), req.peer, TextSafe(req.method.substr(0, 20)),
                         TextSafe(req.target.substr(0, 2048)), status, bytes, seconds * 1000, cache);
    }
    // One write(2) per line, without a lock: the io threads do not wait on each other's log line.
    // A line is short (the target is cut at 2 KiB): a pipe takes a line of PIPE_BUF or less
    // whole, and Linux serializes writes to one open file.
    for (size_t done = 0; done < line.size();) {
      const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // a closed stderr does not stop the server
      done += static_cast<size_t>(n);
    }
  }

  void Handle(const HttpRequest& req, Respond respond) {
    const auto start = std::chrono::steady_clock::now();
    const size_t q = req.target.find('?');
    const std::string path = req.target.substr(0, q);
    const std::string query = q == std::string::npos ? "" : req.target.substr(q + 1);
    const std::string endpoint = EndpointName(path);
    // Every answer goes through here: counted, logged, sent.
    auto finish = [this, req, endpoint, start, respond](HttpResponse r, const char* cache) {
      metrics_.CountRequest(endpoint, r.status);
      Log(req, r.status, r.body.size(), cache,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      respond(std::move(r));
    };
    auto reply_response = [](const Reply& reply) {
      HttpResponse r;
      r.status = reply.status;
      r.content_type = reply.content_type;
      r.body = reply.body;
      if (!reply.header_name.empty()) r.headers.emplace_back(reply.header_name, reply.header_value);
      return r;
    };
    if (!token_.empty()) {
      const std::string bearer = "Bearer ";
      const std::string& auth = req.authorization;
      if (auth.compare(0, bearer.size(), bearer) != 0 || !ConstantTimeEquals(auth.substr(bearer.size()), token_)) {
        HttpResponse r = reply_response(ErrorReply(Status::Usage("missing or wrong bearer token", "send Authorization: Bearer <token>")));
        r.status = 401;
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
        return finish(std::move(r), "none");
      }
    }
    if (req.method != "GET") {
      HttpResponse r = reply_response(ErrorReply(Status::Usage(fmt::format("{} is not served: every endpoint is GET", TextSafe(req.method.substr(0, 20))))));
      r.status = 405;
      r.headers.emplace_back("Allow", "GET");
      return finish(std::move(r), "none");
    }
    if (path == "/healthz") return finish({200, "application/json", "{\"status\": \"ok\"}\n", {}}, "none");
    if (path == "/readyz") {
      return ready_ ? finish({200, "application/json", "{\"status\": \"ready\"}\n", {}}, "none")
                    : finish({503, "application/json", "{\"status\": \"starting\"}\n", {}}, "none");
    }
    if (path == "/metrics") return finish({200, "text/plain; version=0.0.4", metrics_.Text(), {}}, "none");
    Request request;
    bool not_found = false;
    if (Status s = ParseRequest(path, query, &request, &not_found); !s.ok()) {
      HttpResponse r = reply_response(ErrorReply(s));
      if (not_found) r.status = 404;
      return finish(std::move(r), "none");
    }
    auto snapshot = checkout_.Current();
    if (request.needs_checkout() && !snapshot->read_status.ok())
      return finish(reply_response(ErrorReply(snapshot->read_status)), "none");
    auto revision = std::make_shared<Sources>();
    uint64_t revision_hash = 0;
    if (!request.rev.empty()) {
      // git runs here, in the server: bounded by Sources' own caps; the revision was checked to
      // be a revision, never an option.
      if (Status s = Sources::FromGitRevision(options_.checkout.dir, request.rev, revision.get()); !s.ok())
        return finish(reply_response(ErrorReply(s)), "none");
      revision_hash = Fnv1a("rev");
      for (const auto& [name, text] : revision->files) revision_hash = Fnv1a(text, Fnv1a(name, revision_hash));
    }
    const std::string key = CacheKey(*snapshot, request, revision_hash);
    const std::string etag = fmt::format("\"{:016x}\"", Fnv1a(key));
    const bool no_cache = req.cache_control.find("no-cache") != std::string::npos;
    if (!no_cache && !req.if_none_match.empty() && req.if_none_match.find(etag) != std::string::npos) {
      metrics_.CountCache(true);
      return finish({304, "", "", {{"ETag", etag}}}, "hit");
    }
    if (!no_cache) {
      if (auto hit = cache_.Get(key)) {
        metrics_.CountCache(true);
        HttpResponse r = reply_response(*hit);
        r.headers.emplace_back("ETag", etag);
        return finish(std::move(r), "hit");
      }
    }
    metrics_.CountCache(false);
    PoolJob job{Job{request, &snapshot->sources, request.rev.empty() ? nullptr : revision.get()},
                std::make_shared<std::pair<decltype(snapshot), decltype(revision)>>(snapshot, revision), snapshot->hash,
                revision_hash};
    auto done = [this, key, etag, finish, reply_response](Reply reply) {
      const bool cacheable = reply.status == 200 || reply.status == 422 || reply.status == 400;
      HttpResponse r = reply_response(reply);
      if (cacheable) {
        r.headers.emplace_back("ETag", etag);
        cache_.Put(key, std::make_shared<Reply>(std::move(reply)));
      }
      finish(std::move(r), "miss");
    };
    if (!pool_.Submit(std::move(job), done, req.abandoned)) {
      HttpResponse r = reply_response(ErrorReply(Status::Limit("the server is busy: too many requests wait for an evaluation", {},
                                                               "retry later, or start jetsam serve with more --workers")));
      r.status = 503;
      r.headers.emplace_back("Retry-After", "1");
      return finish(std::move(r), "none");
    }
  }

  ServeOptions options_;
  Checkout checkout_;
  ResultCache cache_;
  Metrics metrics_;
  WorkerPool pool_;
  std::string token_;
  std::atomic<bool> ready_{false};
};

}  // namespace
}  // namespace serve

Status Serve(const ServeOptions& options) {
  serve::Server server(options);
  return server.Run();
}

}  // namespace jetsam
