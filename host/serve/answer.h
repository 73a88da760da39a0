// What a sidecar worker does with one request: evaluate the checkout's sources (in the worker's
// own prepared VM), compile, analyze and emit, exactly as the matching command's --format json.
// The server process only moves bytes: it reads the files and parses requests, never a config.
#pragma once
#include <string>

#include "jetsam/evaluate.h"
#include "jetsam/serve.h"
#include "serve/request.h"

namespace jetsam::serve {

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // One extra response header (empty name: none): the command's exit rule as a word, where a
  // client may want it without reading the body. Jetsam-Lint-Passed (strict counts warnings) and
  // Jetsam-Can-Allowed (every answer allowed), "true" or "false".
  std::string header_name, header_value;
};

// One unit of work for a worker: the request, the checkout's files, and for diff?rev= the files
// at that revision.
struct Job {
  Request request;
  const Sources* current = nullptr;
  const Sources* revision = nullptr;
};

// The answer, in the worker. Errors become JSON error replies (400, 422, 500). Where the command
// prints part of its output and exits non-zero because a later phase failed (deploy.rb, say; the
// phase rule, CompileByPhase), the reply is 422 with the command's error and that output beside
// it, never as the answer itself: {"error": {...}, "not_built": "the lambda and ci roles are not
// built: ..." (for roles), "partial_result": what the command printed}.
Reply Answer(const Job& job, const CheckoutOptions& checkout);

// The error reply for a Status: {"error": {"kind", "message", "file", "line", "hint", "text"}},
// with 400 for a usage error, 422 for a config that cannot be evaluated or compiled, 504 for
// `timed_out`, 500 for a bug.
Reply ErrorReply(const Status& status, bool timed_out = false);

// The worker protocol: jobs and replies as bytes (length-prefixed; config text need not be UTF-8).
std::string EncodeJob(const Job& job);
// Decodes, answers and encodes: the worker's handler.
std::string HandleEncodedJob(const std::string& bytes, const CheckoutOptions& checkout);
bool DecodeReply(const std::string& bytes, Reply* out);

}  // namespace jetsam::serve
