// A compact binary form: the child's result crosses a pipe on every evaluation, and JSON cost
// most of a millisecond each way. Every read is bounds-checked: bytes that are not a whole
// outcome decode to an error, never to a partial result.
#include "eval/codec.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include <fmt/format.h>

namespace jetsam::eval {
namespace {

constexpr char kMagic[4] = {'J', 'S', 'M', '2'};

// What a piece of the result costs once decoded, so that writer and reader agree on the bound:
// a nil takes one byte to send and a whole Value to hold.
constexpr size_t kValueCost = sizeof(Value);
constexpr size_t kTextCost = sizeof(std::string);

// The running cost of a result against its bound.
class Budget {
 public:
  explicit Budget(size_t max) : max_(max) {}
  // False once the bound is passed.
  bool Charge(size_t n) {
    cost_ += n;
    if (cost_ > max_) over_ = true;
    return !over_;
  }
  bool over() const { return over_; }

 private:
  size_t max_, cost_ = 0;
  bool over_ = false;
};

class Writer {
 public:
  explicit Writer(size_t max_cost) : budget_(max_cost) {}
  bool over() const { return budget_.over(); }
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void I64(int64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void F64(double v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void Str(const std::string& s) {
    if (!budget_.Charge(kTextCost + s.size())) return;
    U32(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  void Loc(const Location& l) {
    Str(l.file);
    I64(l.line);
  }
  void Val(const Value& v) {
    if (!budget_.Charge(kValueCost)) return;  // stops the walk of a large value early
    U8(static_cast<uint8_t>(v.kind()));
    switch (v.kind()) {
      case Value::Kind::kInteger: I64(v.integer()); break;
      case Value::Kind::kFloat: F64(v.number()); Str(v.text()); break;
      case Value::Kind::kString:
      case Value::Kind::kSymbol: Str(v.text()); break;
      case Value::Kind::kOther: Str(v.class_name()); Str(v.text()); break;
      case Value::Kind::kArray:
        U32(static_cast<uint32_t>(v.items().size()));
        for (const auto& item : v.items()) Val(item);
        break;
      case Value::Kind::kHash:
        U32(static_cast<uint32_t>(v.pairs().size()));
        for (const auto& [k, x] : v.pairs()) {
          Val(k);
          Val(x);
        }
        break;
      default: break;
    }
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
  Budget budget_;
};

class Reader {
 public:
  Reader(const char* begin, const char* end, size_t max_cost) : p_(begin), end_(end), budget_(max_cost) {}
  bool ok() const { return ok_; }
  bool over() const { return budget_.over(); }
  bool done() const { return ok_ && p_ == end_; }
  // The bytes left: a count the child sends is believed only as far as they could hold.
  size_t left() const { return ok_ ? static_cast<size_t>(end_ - p_) : 0; }
  uint8_t U8() {
    uint8_t v = 0;
    Raw(&v, 1);
    return v;
  }
  uint32_t U32() {
    uint32_t v = 0;
    Raw(&v, sizeof v);
    return v;
  }
  int64_t I64() {
    int64_t v = 0;
    Raw(&v, sizeof v);
    return v;
  }
  double F64() {
    double v = 0;
    Raw(&v, sizeof v);
    return v;
  }
  std::string Str() {
    uint32_t n = U32();
    if (!Need(n) || !Charge(kTextCost + n)) return {};
    std::string s(p_, n);
    p_ += n;
    return s;
  }
  Location Loc() {
    std::string file = Str();
    return Location{std::move(file), static_cast<int>(I64())};
  }
  // `paid`: the value's cost was charged with its Array's or Hash's room.
  Value Val(int depth = 0, bool paid = false) {
    if (depth > 200 || (!paid && !Charge(kValueCost))) return Fail();
    auto kind = static_cast<Value::Kind>(U8());
    switch (kind) {
      case Value::Kind::kNil: return Value::Nil();
      case Value::Kind::kTrue: return Value::Bool(true);
      case Value::Kind::kFalse: return Value::Bool(false);
      case Value::Kind::kInteger: return Value::Integer(I64());
      case Value::Kind::kFloat: {
        double d = F64();
        return Value::Float(d, Str());
      }
      case Value::Kind::kString: return Value::String(Str());
      case Value::Kind::kSymbol: return Value::Symbol(Str());
      case Value::Kind::kOther: {
        std::string cls = Str();
        return Value::Other(std::move(cls), Str());
      }
      case Value::Kind::kArray: {
        uint32_t n = U32();
        // Room for the items at once (each takes a byte at least), charged as the items would be.
        const size_t room = std::min<size_t>(n, left());
        if (!Charge(room * kValueCost)) return Fail();
        std::vector<Value> items;
        items.reserve(room);
        for (uint32_t i = 0; i < n && ok_; ++i) items.push_back(Val(depth + 1, i < room));
        return Value::Array(std::move(items));
      }
      case Value::Kind::kHash: {
        uint32_t n = U32();
        const size_t room = std::min<size_t>(n, left() / 2);
        if (!Charge(2 * room * kValueCost)) return Fail();
        std::vector<Value::Pair> pairs;
        pairs.reserve(room);
        for (uint32_t i = 0; i < n && ok_; ++i) {
          Value k = Val(depth + 1, i < room);
          pairs.emplace_back(std::move(k), Val(depth + 1, i < room));
        }
        return Value::Hash(std::move(pairs));
      }
    }
    return Fail();
  }

 private:
  bool Charge(size_t n) {
    if (!budget_.Charge(n)) ok_ = false;
    return ok_;
  }
  Value Fail() {
    ok_ = false;
    return Value::Nil();
  }
  bool Need(size_t n) {
    if (!ok_ || static_cast<size_t>(end_ - p_) < n) ok_ = false;
    return ok_;
  }
  void Raw(void* dst, size_t n) {
    if (!Need(n)) return;
    std::memcpy(dst, p_, n);
    p_ += n;
  }
  const char* p_;
  const char* end_;
  Budget budget_;
  bool ok_ = true;
};

void WriteObject(Writer& w, const ConfigSettings& object) {
  w.U32(static_cast<uint32_t>(object.settings.size()));
  for (const auto& s : object.settings) {
    w.Str(s.path);
    w.Val(s.value);
    w.Loc(s.where);
    w.U32(static_cast<uint32_t>(s.history.size()));
    for (const auto& c : s.history) {
      w.Loc(c.where);
      w.Str(c.op);
    }
    w.U32(static_cast<uint32_t>(s.item_origins.size()));
    for (const auto& l : s.item_origins) w.Loc(l);
    w.U8(s.known ? 1 : 0);
  }
}

// The fewest bytes a Setting, a Change and a Location take: what a count is believed up to.
constexpr size_t kLocBytes = 4 + 8;
constexpr size_t kChangeBytes = kLocBytes + 4;
constexpr size_t kSettingBytes = 4 + 1 + kLocBytes + 4 + 4 + 1;

void ReadObject(Reader& r, ConfigSettings* object) {
  uint32_t n = r.U32();
  object->settings.reserve(object->settings.size() + std::min<size_t>(n, r.left() / kSettingBytes));
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    Setting& s = object->settings.emplace_back();  // filled in place: a Setting is large to move
    s.path = r.Str();
    s.value = r.Val();
    s.where = r.Loc();
    uint32_t h = r.U32();
    s.history.reserve(std::min<size_t>(h, r.left() / kChangeBytes));
    for (uint32_t k = 0; k < h && r.ok(); ++k) {
      Location where = r.Loc();
      s.history.push_back({std::move(where), r.Str()});
    }
    uint32_t items = r.U32();
    s.item_origins.reserve(std::min<size_t>(items, r.left() / kLocBytes));
    for (uint32_t k = 0; k < items && r.ok(); ++k) s.item_origins.push_back(r.Loc());
    s.known = r.U8() != 0;
  }
}

// The Ruby exception a status was made from: its kind plus one (0: none), then its name.
void WriteRubyError(Writer& w, const std::optional<RubyError>& e) {
  w.U8(e ? static_cast<uint8_t>(e->kind) + 1 : 0);
  if (e) w.Str(e->name);
}

// False for a kind that does not exist or a name longer than the VM records: a child's bytes are
// not believed.
bool ReadRubyError(Reader& r, std::optional<RubyError>* e) {
  const uint8_t kind = r.U8();
  if (kind == 0) return r.ok();
  if (kind - 1 > static_cast<int>(RubyError::kLastKind)) return false;
  std::string name = r.Str();
  if (!r.ok() || name.size() > RubyError::kMaxName) return false;
  *e = RubyError{static_cast<RubyError::Kind>(kind - 1), std::move(name)};
  return true;
}

Status TooLarge(size_t max_cost) {
  return Status::Limit(fmt::format("the config's settings are too large to hand back: they would take more than {} MiB", max_cost >> 20),
                       {}, "a quarter of --memory-limit; look for a list built in a loop, or raise the limit");
}

// The phases whose settings an outcome carries: all three, those before the one that stopped,
// or none.
uint8_t PhasesDone(const Status& status, const EvalResult& r) {
  if (status.ok()) return 3;
  return r.stopped.ok() ? 0 : static_cast<uint8_t>(r.stopped_at);
}

}  // namespace

std::string EncodeOutcome(const Status& status, const EvalResult& r, size_t max_cost) {
  Writer w(max_cost);
  w.bytes().append(kMagic, sizeof kMagic);
  w.U8(static_cast<uint8_t>(status.code()));
  w.Str(status.message());
  w.Loc(status.where());
  w.Str(status.hint());
  WriteRubyError(w, status.ruby_error());
  w.Str(r.output);
  const uint8_t done = PhasesDone(status, r);
  w.U8(done);
  if (done > 0) {
    WriteObject(w, r.settings.project);
    WriteObject(w, r.settings.bootstrap);
    WriteObject(w, r.settings.deploy);
    const ProjectFacts& f = r.facts;
    for (const std::string* s : {&f.name, &f.env, &f.extra, &f.namespace_, &f.region, &f.account, &f.s3_bucket}) w.Str(*s);
    w.U32(static_cast<uint32_t>(r.notices.size()));
    for (const auto& n : r.notices) {
      w.Str(n.code);
      w.U8(static_cast<uint8_t>(n.severity));
      w.Str(n.message);
      w.Loc(n.where);
      w.Str(n.hint);
    }
    w.U32(static_cast<uint32_t>(r.files.size()));
    for (const auto& f : r.files) w.Str(f);
  }
  if (w.over()) {
    EvalResult printed;
    printed.output = r.output;
    return EncodeOutcome(TooLarge(max_cost), printed, max_cost);
  }
  return std::move(w.bytes());
}

Status DecodeOutcome(const std::string& bytes, EvalResult* r, size_t max_cost) {
  const Status unreadable = Status::Internal("the evaluation process sent an unreadable result");
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return unreadable;
  Reader in(bytes.data() + sizeof kMagic, bytes.data() + bytes.size(), max_cost);
  auto code = static_cast<Status::Code>(in.U8());
  std::string message = in.Str();
  Location where = in.Loc();
  std::string hint = in.Str();
  std::optional<RubyError> ruby;
  const bool ruby_read = ReadRubyError(in, &ruby);
  r->output = in.Str();
  const uint8_t done = in.U8();
  if (in.over()) return TooLarge(max_cost);
  if (!in.ok() || !ruby_read || done > 3 || (code == Status::Code::kOk) != (done == 3)) return unreadable;
  if (ruby && code != Status::Code::kConfig) return unreadable;  // only a Config status comes from Ruby
  Status status;
  switch (code) {
    case Status::Code::kOk: break;
    case Status::Code::kLimit: status = Status::Limit(message, where, hint); break;
    case Status::Code::kUsage: status = Status::Usage(message, hint); break;
    case Status::Code::kInternal: status = Status::Internal(message); break;
    default: status = Status::Config(message, where, hint);
  }
  if (ruby) status = std::move(status).WithRubyError(std::move(*ruby));
  if (!status.ok()) {
    r->stopped = status;
    r->stopped_at = static_cast<Phase>(done);
  }
  if (done == 0) return status;
  ReadObject(in, &r->settings.project);
  ReadObject(in, &r->settings.bootstrap);
  ReadObject(in, &r->settings.deploy);
  ProjectFacts& f = r->facts;
  for (std::string* s : {&f.name, &f.env, &f.extra, &f.namespace_, &f.region, &f.account, &f.s3_bucket}) *s = in.Str();
  uint32_t notices = in.U32();
  for (uint32_t i = 0; i < notices && in.ok(); ++i) {
    Notice n;
    n.code = in.Str();
    n.severity = static_cast<Notice::Severity>(in.U8());
    n.message = in.Str();
    n.where = in.Loc();
    n.hint = in.Str();
    r->notices.push_back(std::move(n));
  }
  uint32_t files = in.U32();
  for (uint32_t i = 0; i < files && in.ok(); ++i) r->files.push_back(in.Str());
  if (in.over()) {
    *r = EvalResult{};
    r->stopped = TooLarge(max_cost);
    r->stopped_at = Phase::kProject;
    return r->stopped;
  }
  if (!in.done()) return unreadable;
  return status;
}

}  // namespace jetsam::eval
