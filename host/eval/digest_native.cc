#include "eval/digest_native.h"

#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include <mruby/string.h>

#include <cstdint>
#include <cstring>

namespace jetsam::eval {
namespace {

// One algorithm's functions, over Nettle's context type.
template <typename Context, void (*Init)(Context*), void (*Update)(Context*, size_t, const uint8_t*),
          void (*Digest)(Context*, size_t, uint8_t*), size_t kSize>
size_t Compute(const char* data, size_t length, uint8_t* out) {
  Context context;
  Init(&context);
  Update(&context, length, reinterpret_cast<const uint8_t*>(data));
  Digest(&context, kSize, out);
  return kSize;
}

using Function = size_t (*)(const char*, size_t, uint8_t*);

struct Algorithm {
  const char* name;
  Function compute;
};

constexpr Algorithm kAlgorithms[] = {
    {"MD5", Compute<md5_ctx, md5_init, md5_update, md5_digest, MD5_DIGEST_SIZE>},
    {"SHA1", Compute<sha1_ctx, sha1_init, sha1_update, sha1_digest, SHA1_DIGEST_SIZE>},
    {"SHA256", Compute<sha256_ctx, sha256_init, sha256_update, sha256_digest, SHA256_DIGEST_SIZE>},
    {"SHA384", Compute<sha384_ctx, sha384_init, sha384_update, sha384_digest, SHA384_DIGEST_SIZE>},
    {"SHA512", Compute<sha512_ctx, sha512_init, sha512_update, sha512_digest, SHA512_DIGEST_SIZE>},
};

// No C++ object is alive when this raises (mruby raises with longjmp).
mrb_value DigestOf(mrb_state* mrb, mrb_value) {
  const char* name;
  mrb_value data;
  mrb_get_args(mrb, "zS", &name, &data);
  for (const Algorithm& a : kAlgorithms) {
    if (std::strcmp(a.name, name) != 0) continue;
    uint8_t out[SHA512_DIGEST_SIZE];
    const size_t size = a.compute(RSTRING_PTR(data), static_cast<size_t>(RSTRING_LEN(data)), out);
    return mrb_str_new(mrb, reinterpret_cast<const char*>(out), static_cast<mrb_int>(size));
  }
  mrb_raisef(mrb, E_ARGUMENT_ERROR, "unknown digest algorithm %s", name);
}

}  // namespace

void InstallDigestNative(mrb_state* mrb, RClass* module) {
  mrb_define_module_function(mrb, module, "digest", DigestOf, MRB_ARGS_REQ(2));
}

}  // namespace jetsam::eval
