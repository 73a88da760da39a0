// Fuzz target: what an HTTP client sends to `jetsam serve` and the server parses itself (the path
// and query string of a request), and the evaluation outcomes it decodes from its workers.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "serve/answer.h"
#include "serve/request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const size_t q = text.find('?');
  jetsam::serve::Request request;
  bool not_found = false;
  jetsam::Status s = jetsam::serve::ParseRequest(text.substr(0, q), q == std::string::npos ? "" : text.substr(q + 1),
                                                 &request, &not_found);
  if (s.ok()) {
    if (not_found) std::abort();
    (void)request.Key();
  }
  jetsam::EvalResult result;
  (void)jetsam::serve::DecodeEvaluation(text, jetsam::CheckoutOptions{}, &result);
  return 0;
}
