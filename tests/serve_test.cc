// jetsam serve, end to end: the real binary on an ephemeral port or a Unix socket, spoken to
// over HTTP: each endpoint against the command's own output, caching, invalidation, the token
// rule, malformed, oversized and slow requests, shutdown, and hostile configs beside good ones.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "golden_util.h"
#include "serve_client.h"

namespace fs = std::filesystem;
using jetsam_test::HttpConnection;
using jetsam_test::HttpGet;
using jetsam_test::RunJetsam;
using jetsam_test::ServerProcess;

namespace {

const fs::path kSource = JETSAM_SOURCE_DIR;

std::string Fixture(const std::string& name) { return (kSource / "tests/fixtures" / name).string(); }

// A copy of a fixture that a test may edit.
fs::path CopyFixture(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("jetsam-serve-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(Fixture(name), dir, fs::copy_options::recursive);
  return dir;
}

void WriteFile(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

// The command's stdout, run over the same checkout with the same facts.
std::string Command(const std::string& args) {
  auto run = RunJetsam(args, kSource);
  EXPECT_EQ(run.code, 0) << args << "\n" << run.err;
  return run.out;
}

bool WaitReady(const std::string& address) {
  for (int i = 0; i < 500; ++i) {
    if (HttpGet(address, "/readyz").status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

const std::string kFacts = "--facts samples/facts.yml";

}  // namespace

TEST(Serve, EveryEndpointAnswersAsItsCommand) {
  ServerProcess server({"samples/demo", "--facts", "samples/facts.yml", "--listen", "127.0.0.1:0"});
  ASSERT_FALSE(server.address().empty()) << server.Stderr();
  const std::string a = server.address();
  ASSERT_TRUE(WaitReady(a));
  struct Case {
    std::string target, command;
  } cases[] = {
      {"/v1/roles", "compile samples/demo " + kFacts},
      {"/v1/roles?format=yaml&role=lambda", "compile samples/demo --format yaml --role lambda " + kFacts},
      {"/v1/roles?format=json&env=prod", "compile samples/demo --format json --env prod " + kFacts},
      {"/v1/roles?role=deploy-user&format=json", "compile samples/demo --role deploy-user --format json " + kFacts},
      {"/v1/settings?changed=true", "settings samples/demo --changed " + kFacts},
      {"/v1/explain?role=codebuild", "explain samples/demo --role codebuild --format json " + kFacts},
      {"/v1/lint", "lint samples/demo --format json " + kFacts},
      {"/v1/can?role=lambda&action=s3:GetObject&resource=arn:aws:s3:::b/k",
       "can lambda s3:GetObject arn:aws:s3:::b/k samples/demo --format json " + kFacts},
      {"/v1/diff?env=dev&env=prod", "diff samples/demo --env dev --env prod --format json " + kFacts},
      {"/v1/diff?rev=HEAD&env=prod", "diff samples/demo --rev HEAD --env prod --format json " + kFacts},
      {"/v1/expand?pattern=s3:GetObject*", "expand s3:GetObject* --format json"},
  };
  HttpConnection keep_alive(a);
  ASSERT_TRUE(keep_alive.ok());
  for (const auto& c : cases) {
    auto run = RunJetsam(c.command, kSource);
    auto reply = keep_alive.Get(c.target);  // one connection for all: keep-alive holds
    EXPECT_EQ(reply.status, 200) << c.target << "\n" << reply.body;
    EXPECT_EQ(reply.body, run.out) << c.target;
    EXPECT_FALSE(reply.headers["etag"].empty()) << c.target;
  }
}

namespace {

// The lines jetsam itself writes on stderr for an error ("jetsam: ..." and its "  hint: ..."),
// not its warnings.
std::string ErrorLines(const std::string& err) {
  std::string out;
  std::istringstream in(err);
  bool in_error = false;
  for (std::string line; std::getline(in, line);) {
    in_error = line.rfind("jetsam: ", 0) == 0 || (in_error && line.rfind("  ", 0) == 0);
    if (in_error) out += line + "\n";
  }
  return out;
}

// GET `target` answers as `jetsam COMMAND` does: its output with 200 when it reports no error;
// when it prints part of its output and then an error (the phase rule), 422 with the same error
// lines and that output as "partial_result"; when it prints only an error, that error (400/422).
void ExpectAnswersAsCommand(HttpConnection& c, const std::string& target, const std::string& command) {
  SCOPED_TRACE(target + "  vs  jetsam " + command);
  auto run = RunJetsam(command, kSource);
  auto reply = c.Get(target);
  const std::string errors = ErrorLines(run.err);
  if (errors.empty()) {
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.body, run.out);
    return;
  }
  ASSERT_NE(reply.status, 200) << reply.body;
  auto body = nlohmann::json::parse(reply.body);
  std::string said = "jetsam: " + body["error"]["text"].get<std::string>() + "\n";
  if (body.contains("not_built")) said += "jetsam: " + body["not_built"].get<std::string>() + "\n";
  EXPECT_EQ(said, errors);
  if (run.out.empty()) {
    EXPECT_FALSE(body.contains("partial_result"));
    EXPECT_EQ(reply.status, body["error"]["kind"] == "usage" ? 400 : 422);
  } else {
    EXPECT_EQ(reply.status, 422);
    ASSERT_TRUE(body.contains("partial_result")) << reply.body;
    const auto& partial = body["partial_result"];
    if (partial.is_string()) EXPECT_EQ(partial.get<std::string>(), run.out);
    else EXPECT_EQ(partial, nlohmann::json::parse(run.out));
  }
}

}  // namespace

// Issue 12's phase rule, as the commands follow it: deploy.rb fails, the CodeBuild role (from
// project.rb and bootstrap.rb) is still an answer; what needs deploy.rb is a 422 that carries the
// part the command prints, named as partial.
TEST(Serve, FollowsThePhaseRuleAsTheCommands) {
  const std::string dir = Fixture("phase-deploy-error"), facts = "--facts " + Fixture("phase-deploy-error/facts.yml");
  ServerProcess server({dir, "--facts", Fixture("phase-deploy-error/facts.yml"), "--listen", "127.0.0.1:0"});
  ASSERT_FALSE(server.address().empty()) << server.Stderr();
  HttpConnection c(server.address());
  ASSERT_TRUE(c.ok());
  const auto codebuild = c.Get("/v1/roles?role=codebuild");
  EXPECT_EQ(codebuild.status, 200) << codebuild.body;
  struct Case {
    std::string target, command;
  } cases[] = {
      {"/v1/roles?role=codebuild", "compile --role codebuild"},
      {"/v1/roles?role=codebuild&format=yaml", "compile --role codebuild --format yaml"},
      {"/v1/roles", "compile"},
      {"/v1/roles?format=yaml", "compile --format yaml"},
      {"/v1/roles?format=json", "compile --format json"},
      {"/v1/roles?role=lambda", "compile --role lambda"},
      {"/v1/roles?role=deploy-user&format=json", "compile --role deploy-user --format json"},
      {"/v1/explain?role=codebuild", "explain --role codebuild --format json"},
      {"/v1/explain", "explain --format json"},
      {"/v1/settings", "settings"},
      {"/v1/settings?changed=true", "settings --changed"},
      {"/v1/lint", "lint --format json"},
      {"/v1/diff?env=dev&env=prod", "diff --env dev --env prod --format json"},
      {"/v1/diff?env=dev&env=prod&role=codebuild", "diff --env dev --env prod --role codebuild --format json"},
      {"/v1/can?role=codebuild&action=secretsmanager:GetSecretValue",
       "can codebuild secretsmanager:GetSecretValue --format json"},
  };
  for (const auto& k : cases) {
    std::string command = k.command, rest;
    const size_t space = command.find(' ');
    rest = space == std::string::npos ? "" : command.substr(space);
    command = command.substr(0, space) + (command.rfind("can ", 0) == 0 ? rest + " " + dir : " " + dir + rest);
    ExpectAnswersAsCommand(c, k.target, command + " " + facts);
  }
}

// /v1/can takes what jetsam can takes: several actions, context=KEY=VALUE (a key repeated for
// several values), absent=KEY; the answer is the command's --format json, byte for byte, and
// Jetsam-Can-Allowed says what its exit status says.
TEST(Serve, CanTakesWhatTheCommandTakes) {
  const std::string dir = Fixture("can-context");
  const std::string facts = "--region us-west-2 --account 111122223333 --s3-bucket vault-dev-bucket";
  ServerProcess server({dir, "--region", "us-west-2", "--account", "111122223333", "--s3-bucket", "vault-dev-bucket",
                        "--listen", "127.0.0.1:0"});
  ASSERT_FALSE(server.address().empty()) << server.Stderr();
  HttpConnection c(server.address());
  ASSERT_TRUE(c.ok());
  const std::string table = "arn:aws:dynamodb:us-west-2:111122223333:table/vault-orders";
  const std::string queue = "arn:aws:sqs:us-west-2:111122223333:vault-jobs";
  struct Case {
    std::string target, positional, options;  // the command: can lambda POSITIONAL DIR OPTIONS
  } cases[] = {
      {"/v1/can?role=lambda&action=dynamodb:GetItem&action=dynamodb:DeleteItem&resource=" + table,
       "dynamodb:GetItem dynamodb:DeleteItem " + table, ""},
      {"/v1/can?role=lambda&action=dynamodb:GetItem&action=dynamodb:PutItem&action=dynamodb:DeleteItem&resource=" + table +
           "&context=aws:MultiFactorAuthPresent%3Dtrue",
       "dynamodb:GetItem dynamodb:PutItem dynamodb:DeleteItem " + table, "--context aws:MultiFactorAuthPresent=true"},
      {"/v1/can?role=lambda&action=dynamodb:DeleteItem&resource=" + table + "&absent=aws:MultiFactorAuthPresent",
       "dynamodb:DeleteItem " + table, "--absent aws:MultiFactorAuthPresent"},
      {"/v1/can?role=lambda&action=sqs:SendMessage&resource=" + queue +
           "&context=aws:SourceIp=203.0.113.9&context=aws:SecureTransport=true",
       "sqs:SendMessage " + queue, "--context aws:SourceIp=203.0.113.9 --context aws:SecureTransport=true"},
      {"/v1/can?role=lambda&action=dynamodb:Scan&resource=arn:aws:dynamodb:us-west-2:111122223333:table/other"
       "&context=aws:PrincipalServiceNamesList=lambda.amazonaws.com&context=aws:PrincipalServiceNamesList=ec2.amazonaws.com"
       "&context=aws:CurrentTime=2026-06-01T00:00:00Z",
       "dynamodb:Scan arn:aws:dynamodb:us-west-2:111122223333:table/other",
       "--context aws:PrincipalServiceNamesList=lambda.amazonaws.com --context aws:PrincipalServiceNamesList=ec2.amazonaws.com "
       "--context aws:CurrentTime=2026-06-01T00:00:00Z"},
      {"/v1/can?role=lambda&action=sqs:SendMessage", "sqs:SendMessage", ""},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(k.target);
    auto run = RunJetsam("can lambda " + k.positional + " " + dir + " " + k.options + " " + facts + " --format json", kSource);
    ASSERT_TRUE(run.code == 0 || run.code == 1) << run.err;
    auto reply = c.Get(k.target);
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.body, run.out);
    EXPECT_EQ(reply.headers["jetsam-can-allowed"], run.code == 0 ? "true" : "false");
  }
  // The command's refusals, in the URL's words: 400 with the command's message otherwise.
  auto bad = c.Get("/v1/can?role=lambda&action=dynamodb:Scan&context=aws:SourceIp");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(nlohmann::json::parse(bad.body)["error"]["message"], "context=aws:SourceIp: not KEY=VALUE");
  auto run = RunJetsam("can lambda dynamodb:Scan " + dir + " --context aws:SourceIp", kSource);
  EXPECT_NE(run.err.find("--context aws:SourceIp: not KEY=VALUE"), std::string::npos) << run.err;
  bad = c.Get("/v1/can?role=lambda&action=dynamodb:Scan&absent=SourceIp");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(nlohmann::json::parse(bad.body)["error"]["message"], "absent=SourceIp: not a condition key");
}

TEST(Serve, ErrorsAreJsonWithFittingStatus) {
  ServerProcess server({Fixture("error-name-error"), "--listen", "127.0.0.1:0"});
  ASSERT_FALSE(server.address().empty());
  const std::string a = server.address();
  // (--role lambda: with all roles, the command line also prints the CodeBuild role, which does
  // not need the failing deploy.rb, and a line naming the roles the error stopped)
  auto run = RunJetsam("compile " + Fixture("error-name-error") + " --role lambda", kSource);
  ASSERT_EQ(run.code, 1);
  auto reply = HttpGet(a, "/v1/roles");
  EXPECT_EQ(reply.status, 422);
  auto err = nlohmann::json::parse(reply.body)["error"];
  EXPECT_EQ(err["kind"], "config");
  // The same words, file:line and hint as the command line.
  EXPECT_EQ("jetsam: " + err["text"].get<std::string>() + "\n", run.err);
  EXPECT_TRUE(err["file"].is_string());
  EXPECT_TRUE(err["line"].is_number());

  EXPECT_EQ(HttpGet(a, "/v1/nothing").status, 404);
  EXPECT_EQ(HttpGet(a, "/v1/roles?role=admin").status, 400);
  EXPECT_EQ(HttpGet(a, "/v1/roles?env=../../etc").status, 400);
  EXPECT_EQ(HttpGet(a, "/v1/roles?path=/etc/passwd").status, 400);  // no parameter names a path
  EXPECT_EQ(HttpGet(a, "/v1/can?role=lambda").status, 400);
  EXPECT_EQ(HttpGet(a, "/v1/diff?env=dev").status, 400);
  EXPECT_EQ(HttpGet(a, "/v1/diff?env=dev&rev=--output=/tmp/x").status, 400);  // a revision, never an option
  EXPECT_EQ(HttpGet(a, "/v1/expand?pattern=s3:%zz").status, 400);
  EXPECT_EQ(HttpGet(a, "/v1/expand?pattern=nosuch:Thing").status, 400);
  EXPECT_EQ(HttpGet(a, "/v1/can?role=lambda&action=s3:GetObject&resource=arn:%ff").status, 400);  // not UTF-8
  EXPECT_EQ(HttpGet(a, "/healthz").status, 200);  // and the server goes on
  HttpConnection post(a);
  ASSERT_TRUE(post.Send("POST /v1/roles HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"));
  EXPECT_EQ(post.Receive().status, 405);
}

TEST(Serve, CachesByContentWithEtagsAndInvalidatesOnSave) {
  fs::path dir = CopyFixture("serve-hostile");
  ServerProcess server({dir.string(), "--listen", "127.0.0.1:0"});
  ASSERT_FALSE(server.address().empty());
  const std::string a = server.address();
  ASSERT_TRUE(WaitReady(a));  // the start-up evaluation is counted before the counts below are read
  auto first = HttpGet(a, "/v1/roles?role=lambda");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.headers["etag"];
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(HttpGet(a, "/v1/roles?role=lambda", {"If-None-Match: " + etag}).status, 304);
  auto metrics = [&] { return HttpGet(a, "/metrics").body; };
  auto count = [&](const std::string& name) {
    std::string m = metrics();
    size_t at = m.find("\n" + name + " ");
    return at == std::string::npos ? -1L : std::stol(m.substr(at + name.size() + 2));
  };
  const long evaluations = count("jetsam_evaluations_total");
  EXPECT_EQ(HttpGet(a, "/v1/roles?role=lambda").body, first.body);  // a hit
  EXPECT_EQ(count("jetsam_evaluations_total"), evaluations);
  EXPECT_EQ(HttpGet(a, "/v1/roles?role=lambda", {"Cache-Control: no-cache"}).body, first.body);
  EXPECT_EQ(count("jetsam_evaluations_total"), evaluations + 1);  // no-cache: evaluated afresh
  EXPECT_GT(count("jetsam_cache_hits_total"), 0);

  // A save, then at once a request: it sees the new file.
  for (int i = 0; i < 5; ++i) {
    std::string service = i % 2 ? "dynamodb" : "kinesis";
    WriteFile(dir / "config/jets/deploy.rb",
              "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"" + service + "\"]\nend\n");
    auto after = HttpGet(a, "/v1/roles?role=lambda");
    ASSERT_EQ(after.status, 200);
    EXPECT_NE(after.body.find(service + ":*"), std::string::npos) << i << after.body;
    EXPECT_NE(after.headers["etag"], etag);
  }
  // The old ETag no longer matches.
  EXPECT_EQ(HttpGet(a, "/v1/roles?role=lambda", {"If-None-Match: " + etag}).status, 200);
  // A new file in a new folder is seen too.
  fs::create_directories(dir / "config/jets/deploy");
  WriteFile(dir / "config/jets/deploy/qa.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"kms\"]\nend\n");
  EXPECT_NE(HttpGet(a, "/v1/roles?role=lambda&env=qa").body.find("kms:*"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Serve, HostileConfigsAreContainedWhileOthersAreServed) {
  ServerProcess server({Fixture("serve-hostile"), "--listen", "127.0.0.1:0", "--timeout", "0.5", "--memory-limit", "64"});
  ASSERT_FALSE(server.address().empty());
  const std::string a = server.address();
  ASSERT_TRUE(WaitReady(a));
  std::thread loop([&] {
    auto reply = HttpGet(a, "/v1/roles?env=loop");
    EXPECT_EQ(reply.status, 504);
    auto err = nlohmann::json::parse(reply.body)["error"];
    EXPECT_EQ(err["kind"], "timeout");
    EXPECT_EQ(err["file"], "config/jets/deploy/loop.rb");
  });
  // While one worker spins, the other answers, fresh evaluations included.
  for (int i = 0; i < 20; ++i) {
    auto r = HttpGet(a, "/v1/roles?role=lambda", {"Cache-Control: no-cache"});
    EXPECT_EQ(r.status, 200);
  }
  loop.join();
  auto bomb = HttpGet(a, "/v1/roles?env=bomb");
  EXPECT_EQ(bomb.status, 422) << bomb.body;
  auto crash = HttpGet(a, "/v1/roles?env=crash");
  EXPECT_TRUE(crash.status == 422) << crash.status << crash.body;
  EXPECT_EQ(HttpGet(a, "/v1/roles?role=lambda", {"Cache-Control: no-cache"}).status, 200);
  const std::string m = HttpGet(a, "/metrics").body;
  EXPECT_NE(m.find("jetsam_workers_restarted_total "), std::string::npos);
  EXPECT_EQ(m.find("jetsam_workers_restarted_total 0\n"), std::string::npos) << m;
  EXPECT_NE(m.find("jetsam_requests_total{endpoint=\"/v1/roles\",status=\"504\"} 1"), std::string::npos) << m;
}

// A client that hangs up while its evaluation runs stops it: the worker is replaced at once
// instead of spinning on to the time limit (60 s here), and nothing is cached for the request.
TEST(Serve, AClientThatHangsUpStopsItsEvaluation) {
  ServerProcess server({Fixture("serve-hostile"), "--listen", "127.0.0.1:0", "--workers", "1", "--timeout", "60"});
  ASSERT_FALSE(server.address().empty());
  const std::string a = server.address();
  ASSERT_TRUE(WaitReady(a));
  auto hang_up_on_loop = [&] {
    HttpConnection c(a);
    ASSERT_TRUE(c.Send("GET /v1/roles?env=loop HTTP/1.1\r\nHost: jetsam\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  };  // the connection closes here
  // A bound for a hang (10 s), far below the time limit; not a speed check.
  auto abandoned_reaches = [&](int n) {
    const std::string line = "jetsam_requests_abandoned_total " + std::to_string(n) + "\n";
    for (int i = 0; i < 1000; ++i) {
      if (HttpGet(a, "/metrics").body.find(line) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  };
  hang_up_on_loop();
  EXPECT_TRUE(abandoned_reaches(1)) << HttpGet(a, "/metrics").body;
  // The only worker evaluates again (a fresh evaluation, not the cache).
  EXPECT_EQ(HttpGet(a, "/v1/roles?role=lambda", {"Cache-Control: no-cache"}).status, 200);
  // Nothing was cached for the abandoned request: asked again, it is evaluated again.
  hang_up_on_loop();
  EXPECT_TRUE(abandoned_reaches(2)) << HttpGet(a, "/metrics").body;
  EXPECT_NE(server.Stderr().find("GET /v1/roles?env=loop 499"), std::string::npos) << server.Stderr();
}

TEST(Serve, BoundedQueueAnswers503) {
  // One worker, no waiting room past one request: the worker spins on env=loop, one request
  // waits, the next is refused at once with 503 and Retry-After.
  ServerProcess server({Fixture("serve-hostile"), "--listen", "127.0.0.1:0", "--workers", "1", "--queue", "0",
                        "--timeout", "1"});
  ASSERT_FALSE(server.address().empty());
  const std::string a = server.address();
  ASSERT_TRUE(WaitReady(a));
  jetsam_test::HttpReply spinning, waiting;
  std::thread first([&] { spinning = HttpGet(a, "/v1/roles?env=loop"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::thread second([&] { waiting = HttpGet(a, "/v1/roles?role=lambda", {"Cache-Control: no-cache"}); });
  bool queued = false;
  for (int i = 0; i < 200 && !queued; ++i) {
    queued = HttpGet(a, "/metrics").body.find("\njetsam_queue_depth 1\n") != std::string::npos;
    if (!queued) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(queued);
  auto refused = HttpGet(a, "/v1/roles?role=ci", {"Cache-Control: no-cache"});
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.headers["retry-after"], "1");
  EXPECT_EQ(nlohmann::json::parse(refused.body)["error"]["kind"], "limit");
  first.join();
  second.join();
  EXPECT_EQ(spinning.status, 504);
  EXPECT_EQ(waiting.status, 200);  // the one that waited is answered once the worker is replaced
}

TEST(Serve, TokenRuleOffLoopback) {
  auto run = RunJetsam("serve samples/demo --listen 0.0.0.0:0", kSource);
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("--token"), std::string::npos) << run.err;

  fs::path token = fs::temp_directory_path() / ("jetsam-token-" + std::to_string(getpid()));
  WriteFile(token, "s3cr3t-t0ken-0123456789\n");
  ServerProcess server({"samples/demo", "--listen", "127.0.0.1:0", "--token", token.string()});
  ASSERT_FALSE(server.address().empty());
  const std::string a = server.address();
  EXPECT_EQ(HttpGet(a, "/healthz").status, 401);
  EXPECT_EQ(HttpGet(a, "/healthz", {"Authorization: Bearer wrong"}).status, 401);
  EXPECT_EQ(HttpGet(a, "/healthz", {"Authorization: Bearer s3cr3t-t0ken-012345678"}).status, 401);
  EXPECT_EQ(HttpGet(a, "/healthz", {"Authorization: Bearer s3cr3t-t0ken-0123456789"}).status, 200);
  fs::remove(token);
}

TEST(Serve, MalformedOversizedAndSlowRequests) {
  ServerProcess server({"samples/demo", "--listen", "127.0.0.1:0", "--request-timeout", "300"});
  ASSERT_FALSE(server.address().empty());
  const std::string a = server.address();
  {
    HttpConnection c(a);
    ASSERT_TRUE(c.Send("NOT HTTP AT ALL\r\n\r\n"));
    EXPECT_EQ(c.Receive().status, 400);
  }
  {
    HttpConnection c(a);
    ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n"));
    EXPECT_EQ(c.Receive().status, 431);
  }
  {
    HttpConnection c(a);
    ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n"));
    EXPECT_EQ(c.Receive().status, 413);
  }
  {
    // A slow client: half a request, then nothing. It is closed within the request timeout
    // (logged as 408), and others are served meanwhile.
    HttpConnection slow(a);
    ASSERT_TRUE(slow.Send("GET /healthz HTTP/1.1\r\nHo"));
    EXPECT_EQ(HttpGet(a, "/healthz").status, 200);
    EXPECT_TRUE(slow.ClosedWithin(3000));
  }
  {
    // An idle keep-alive connection is closed after the same time.
    HttpConnection idle(a);
    EXPECT_EQ(idle.Get("/healthz").status, 200);
    EXPECT_TRUE(idle.ClosedWithin(3000));
  }
  EXPECT_EQ(server.Stop(SIGINT), 0);  // Ctrl-C: as SIGTERM, a clean exit
  const std::string log = server.Stderr();
  EXPECT_NE(log.find(" 431 "), std::string::npos) << log;
  EXPECT_NE(log.find(" 408 "), std::string::npos) << log;
}

TEST(Serve, UnixSocketAndJsonAccessLog) {
  fs::path sock = fs::temp_directory_path() / ("jetsam-" + std::to_string(getpid()) + ".sock");
  ServerProcess server({"samples/demo", "--facts", "samples/facts.yml", "--listen", "unix:" + sock.string(), "--log-format", "json"});
  ASSERT_EQ(server.address(), "unix:" + sock.string()) << server.Stderr();
  EXPECT_EQ((fs::status(sock).permissions() & fs::perms::others_all), fs::perms::none);
  auto r = HttpGet(server.address(), "/v1/roles?role=ci");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, Command("compile samples/demo --role ci " + kFacts));
  // A control byte in the target cannot reach the log raw.
  HttpGet(server.address(), "/v1/roles?env=%1b%5b31m");
  EXPECT_EQ(server.Stop(SIGTERM), 0);
  EXPECT_FALSE(fs::exists(sock));
  std::istringstream log(server.Stderr());
  std::string line;
  int lines = 0;
  while (std::getline(log, line)) {
    auto j = nlohmann::json::parse(line);  // every line is one JSON object
    EXPECT_TRUE(j.contains("status") && j.contains("target") && j.contains("ms"));
    EXPECT_EQ(line.find('\x1b'), std::string::npos);
    ++lines;
  }
  EXPECT_GE(lines, 2);
}

TEST(Serve, SigtermFinishesTheRequestInFlight) {
  ServerProcess server({Fixture("serve-hostile"), "--listen", "127.0.0.1:0"});
  ASSERT_FALSE(server.address().empty());
  const std::string a = server.address();
  ASSERT_TRUE(WaitReady(a));
  jetsam_test::HttpReply reply;
  std::thread request([&] { reply = HttpGet(a, "/v1/roles?env=slow&role=lambda"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const int code = server.Stop(SIGTERM, 20000);
  request.join();
  EXPECT_EQ(code, 0);
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("sns:*"), std::string::npos);
  EXPECT_EQ(HttpConnection(a).ok(), false);  // no longer listening
}

namespace {

// `jetsam watch ARGS` in the background, its stdout in a file.
struct WatchProcess {
  pid_t pid = -1;
  fs::path out = fs::temp_directory_path() / ("jetsam-watch-" + std::to_string(getpid()) + "-" + std::to_string(Next()) + ".out");
  static int Next() {
    static int n = 0;
    return ++n;
  }
  explicit WatchProcess(std::vector<std::string> args) {
    FILE* f = fopen(out.c_str(), "w");
    args.insert(args.begin(), "watch");
    pid = jetsam_test::SpawnJetsam(args, fileno(f), STDERR_FILENO);
    fclose(f);
  }
  std::string Output() const { return jetsam_test::ReadFile(out); }
  bool WaitFor(const std::string& text, int ms = 10000) {
    for (int i = 0; i < ms / 10; ++i) {
      if (Output().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  int Exit(int ms = 10000) {
    for (int i = 0; i < ms / 10; ++i) {
      int st;
      if (waitpid(pid, &st, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }
  ~WatchProcess() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    fs::remove(out);
  }
};

}  // namespace

TEST(Watch, PrintsTheRolesThenEachChangeOrErrorAndExitsCleanly) {
  fs::path dir = CopyFixture("serve-hostile");
  WatchProcess watch({dir.string(), "--role", "lambda", "--debounce", "50"});
  ASSERT_TRUE(watch.WaitFor("\"IamRole\"")) << watch.Output();
  // A burst of saves is one change.
  for (const char* service : {"sns", "sns\", \"kinesis"})
    WriteFile(dir / "config/jets/deploy.rb", std::string("Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\", \"") +
                                                 service + "\"]\nend\n");
  ASSERT_TRUE(watch.WaitFor("+ action   kinesis:*")) << watch.Output();
  EXPECT_NE(watch.Output().find("- action   sqs:*"), std::string::npos) << watch.Output();
  EXPECT_NE(watch.Output().find("+ action   sns:*"), std::string::npos) << watch.Output();
  WriteFile(dir / "config/jets/deploy.rb", "Jets.deploy.configure do\n  raise \"half-typed\"\nend\n");
  ASSERT_TRUE(watch.WaitFor("jetsam: config/jets/deploy.rb:2: RuntimeError: half-typed")) << watch.Output();
  // Fixed again: the diff is against the last state that compiled.
  WriteFile(dir / "config/jets/deploy.rb", "Jets.deploy.configure do\n  config.lambda.iam.policy = [\"s3\", \"sns\", \"kinesis\"]\nend\n");
  ASSERT_TRUE(watch.WaitFor("the roles did not change")) << watch.Output();
  const std::string before = watch.Output();
  std::size_t changes = 0;
  for (size_t at = 0; (at = before.find("--- ", at)) != std::string::npos; ++at) changes += before.compare(at, 5, "--- a") != 0;
  EXPECT_EQ(changes, 3u) << before;  // the burst, the error, the fix
  kill(watch.pid, SIGINT);
  EXPECT_EQ(watch.Exit(), 0);
  fs::remove_all(dir);
}

TEST(Serve, ConfigCodeReadsTheCheckoutsFilesAsOnTheCommandLine) {
  fs::path dir = CopyFixture("ruby-config-files");
  ServerProcess server({dir.string(), "--listen", "127.0.0.1:0"});
  ASSERT_FALSE(server.address().empty());
  auto run = RunJetsam("compile " + dir.string(), kSource);
  ASSERT_EQ(run.code, 0) << run.err;
  auto reply = HttpGet(server.address(), "/v1/roles");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, run.out);
  // A YAML file the config reads is part of what the cache is keyed by.
  const std::string etag = reply.headers["etag"];
  for (const auto& e : fs::recursive_directory_iterator(dir / "config")) {
    if (e.path().extension() == ".yml" && e.path().parent_path().filename() != "jets") {
      std::ofstream(e.path(), std::ios::app) << "\n# edited\n";
      break;
    }
  }
  EXPECT_NE(HttpGet(server.address(), "/v1/roles").headers["etag"], etag);
  fs::remove_all(dir);
}

TEST(Watch, FollowsThePhaseRule) {
  // deploy.rb fails: --role codebuild needs only project.rb and bootstrap.rb, so it is printed;
  // the Lambda role is the error, with the note naming what it stopped when roles were built.
  const std::string facts = Fixture("phase-deploy-error/facts.yml");
  WatchProcess codebuild({Fixture("phase-deploy-error"), "--role", "codebuild", "--facts", facts});
  ASSERT_TRUE(codebuild.WaitFor("\"CodebuildRole\"")) << codebuild.Output();
  EXPECT_EQ(codebuild.Output().find("jetsam: "), std::string::npos) << codebuild.Output();
  kill(codebuild.pid, SIGTERM);
  EXPECT_EQ(codebuild.Exit(), 0);
  WatchProcess all({Fixture("phase-deploy-error"), "--facts", facts});
  ASSERT_TRUE(all.WaitFor("jetsam: the lambda and ci roles are not built")) << all.Output();
  EXPECT_NE(all.Output().find("jetsam: config/jets/deploy.rb:5: config.deployment is not a Jets.deploy setting\n"),
            std::string::npos) << all.Output();
  kill(all.pid, SIGINT);
  EXPECT_EQ(all.Exit(), 0);
}
