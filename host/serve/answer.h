// One request's answer, exactly as the matching command's --format json. A worker evaluates the
// sources (in its own prepared VM, sandboxed); the server process decodes what the worker sends
// back, bounded and checked as the command line's parent decodes its child's, then compiles,
// analyzes and emits. The server never runs a config, and never relays a worker's bytes: a
// config that corrupted its worker's memory can at most misstate its own settings, as it could
// in the command line's child, never forge the shape of an answer (roles, findings, a diff).
#pragma once
#include <functional>
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

// Evaluates `sources` as `options` say: in the server, by asking a worker (pool.cc).
using Evaluator = std::function<Status(const Sources& sources, const EvalOptions& options, EvalResult* result)>;

// The answer, in the server, from the evaluations `evaluate` makes. Errors become JSON error
// replies (400, 422, 500). Where the command
// prints part of its output and exits non-zero because a later phase failed (deploy.rb, say; the
// phase rule, CompileByPhase), the reply is 422 with the command's error and that output beside
// it, never as the answer itself: {"error": {...}, "not_built": "the lambda and ci roles are not
// built: ..." (for roles), "partial_result": what the command printed}.
Reply Answer(const Job& job, const CheckoutOptions& checkout, const Evaluator& evaluate);

// The error reply for a Status: {"error": {"kind", "message", "file", "line", "hint", "text"}},
// with 400 for a usage error, 422 for a config that cannot be evaluated or compiled, 504 for
// `timed_out`, 500 for a bug.
Reply ErrorReply(const Status& status, bool timed_out = false);

// The worker protocol: one evaluation per call. The request: the sources and the env and extra
// (the rest of the options are the checkout's, which the worker was started with); the answer:
// the evaluation's outcome (eval/codec.h; config text need not be UTF-8).
std::string EncodeEvaluation(const Sources& sources, const std::string& env, const std::string& extra);
// Decodes, evaluates and encodes: the worker's handler.
std::string HandleEncodedEvaluation(const std::string& bytes, const CheckoutOptions& checkout);
// The worker's answer, decoded within MaxResultBytes(checkout.limits): the evaluation's Status,
// or kInternal for bytes that are no outcome.
Status DecodeEvaluation(const std::string& bytes, const CheckoutOptions& checkout, EvalResult* result);

}  // namespace jetsam::serve
