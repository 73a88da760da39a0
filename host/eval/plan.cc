#include "eval/plan.h"

#include <cstdint>
#include <cstring>
#include <optional>

namespace jetsam::eval {
namespace {

// Length-prefixed fields: an 8-byte length (host order: the bytes never leave this machine's
// processes), then the bytes.
class Writer {
 public:
  void Bytes(std::string_view s) {
    const uint64_t n = s.size();
    out_.append(reinterpret_cast<const char*>(&n), sizeof n);
    out_.append(s);
  }
  void Count(size_t n) { Bytes(std::to_string(n)); }
  void Maybe(const std::optional<std::string>& v) {
    Bytes(v ? "1" : "0");
    if (v) Bytes(*v);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && at_ == in_.size(); }
  std::string Bytes() {
    uint64_t n = 0;
    if (!ok_ || in_.size() - at_ < sizeof n) return Fail();
    std::memcpy(&n, in_.data() + at_, sizeof n);
    at_ += sizeof n;
    if (n > in_.size() - at_) return Fail();
    std::string s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  size_t Count() {
    const std::string s = Bytes();
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
      Fail();
      return 0;
    }
    return std::stoul(s);
  }
  std::optional<std::string> Maybe() {
    const std::string flag = Bytes();
    if (flag == "1") return Bytes();
    if (flag != "0") Fail();
    return std::nullopt;
  }

 private:
  std::string Fail() {
    ok_ = false;
    return {};
  }
  const std::string& in_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string EncodeEvalRequest(const Sources& sources, const Plan& plan, const HostFacts& host, Phase last) {
  Writer w;
  w.Bytes(sources.root);
  w.Bytes(sources.checkout.Encode());
  w.Count(sources.files.size());
  for (const auto& [name, text] : sources.files) {
    w.Bytes(name);
    w.Bytes(text);
  }
  for (int i = 0; i < 3; ++i) {
    w.Count(plan.phases[i].size());
    for (const auto& f : plan.phases[i]) w.Bytes(f);
    w.Count(plan.after[i].size());
    for (const auto& extra : plan.after[i]) {
      w.Bytes(extra.name);
      w.Bytes(extra.text);
      w.Count(static_cast<size_t>(extra.phase));
    }
  }
  w.Bytes(plan.dotenv ? "1" : "0");
  w.Bytes(host.env);
  w.Bytes(host.extra);
  w.Maybe(host.region);
  w.Maybe(host.account);
  w.Maybe(host.s3_bucket);
  w.Maybe(host.info_project_name);
  w.Bytes(host.lookups.dump());
  w.Count(host.environment.size());
  for (const auto& [k, v] : host.environment) {
    w.Bytes(k);
    w.Bytes(v);
  }
  w.Count(host.allow_require.size());
  for (const auto& gem : host.allow_require) w.Bytes(gem);
  w.Count(static_cast<size_t>(last));
  return w.Take();
}

bool DecodeEvalRequest(const std::string& bytes, EvalRequest* out) {
  Reader r(bytes);
  EvalRequest& q = *out;
  q.sources.root = r.Bytes();
  if (!q.sources.checkout.Decode(r.Bytes())) return false;
  for (size_t i = 0, n = r.Count(); i < n && r.ok(); ++i) {
    std::string name = r.Bytes();
    q.sources.files[name] = r.Bytes();
  }
  for (int i = 0; i < 3 && r.ok(); ++i) {
    for (size_t j = 0, n = r.Count(); j < n && r.ok(); ++j) q.plan.phases[i].push_back(r.Bytes());
    for (size_t j = 0, n = r.Count(); j < n && r.ok(); ++j) {
      EvalOptions::ExtraFile extra;
      extra.name = r.Bytes();
      extra.text = r.Bytes();
      const size_t phase = r.Count();
      if (phase > 2) return false;
      extra.phase = static_cast<Phase>(phase);
      q.plan.after[i].push_back(std::move(extra));
    }
  }
  q.plan.dotenv = r.Bytes() == "1";
  q.host.env = r.Bytes();
  q.host.extra = r.Bytes();
  q.host.region = r.Maybe();
  q.host.account = r.Maybe();
  q.host.s3_bucket = r.Maybe();
  q.host.info_project_name = r.Maybe();
  q.host.lookups = nlohmann::json::parse(r.Bytes(), nullptr, /*allow_exceptions=*/false);
  if (q.host.lookups.is_discarded()) return false;
  for (size_t i = 0, n = r.Count(); i < n && r.ok(); ++i) {
    std::string k = r.Bytes();
    q.host.environment[k] = r.Bytes();
  }
  for (size_t i = 0, n = r.Count(); i < n && r.ok(); ++i) q.host.allow_require.push_back(r.Bytes());
  const size_t last = r.Count();
  if (last > 2) return false;
  q.last = static_cast<Phase>(last);
  q.host.checkout = &q.sources.checkout;
  return r.done();
}

}  // namespace jetsam::eval
