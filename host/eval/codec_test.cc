#include "eval/codec.h"

#include <gtest/gtest.h>

namespace jetsam::eval {
namespace {

constexpr size_t kAmple = size_t{1} << 30;

EvalResult Sample() {
  EvalResult r;
  Setting s;
  s.path = "lambda.iam.policy";
  s.value = Value::Array({Value::String("s3"), Value::Symbol("sqs"), Value::Integer(-7), Value::Float(1.5, "1.5"),
                          Value::Hash({{Value::Symbol("Action"), Value::Nil()}, {Value::String("k"), Value::Bool(false)}}),
                          Value::Other("Proc", "#<Proc>"), Value::Bool(true)});
  s.where = {"config/jets/deploy.rb", 3};
  s.item_origins = {{}, {"config/jets/deploy/prod.rb", 9}};
  s.history = {{{"config/jets/deploy.rb", 3}, "set"}, {{"config/jets/deploy/prod.rb", 9}, "append"}};
  s.known = false;
  r.settings.deploy.settings.push_back(s);
  r.facts = {"demo", "prod", "", "demo-prod", "us-west-2", "<aws.account>", "b"};
  r.notices.push_back({"unknown-setting", Notice::Severity::kInfo, "m", {"config/jets/deploy.rb", 4}, "h", ""});
  r.files = {"config/jets/project.rb", "config/jets/deploy.rb"};
  r.output = "printed\n";
  return r;
}

TEST(Codec, RoundTripsEverything) {
  EvalResult in = Sample(), out;
  ASSERT_TRUE(DecodeOutcome(EncodeOutcome(Status::Ok(), in, kAmple), &out, kAmple).ok());
  ASSERT_EQ(out.settings.deploy.settings.size(), 1u);
  const Setting& s = out.settings.deploy.settings[0];
  EXPECT_EQ(s.value, in.settings.deploy.settings[0].value);
  EXPECT_TRUE(s.value.items()[1].is_symbol());
  EXPECT_EQ(s.value.items()[3].text(), "1.5");
  EXPECT_EQ(s.where, (Location{"config/jets/deploy.rb", 3}));
  EXPECT_EQ(s.item_origins[1], (Location{"config/jets/deploy/prod.rb", 9}));
  EXPECT_EQ(s.history[1].op, "append");
  EXPECT_FALSE(s.known);
  EXPECT_EQ(out.facts.namespace_, "demo-prod");
  EXPECT_EQ(out.notices[0].where.line, 4);
  EXPECT_EQ(out.files, in.files);
  EXPECT_EQ(out.output, "printed\n");
}

TEST(Codec, CarriesAFailedStatus) {
  EvalResult out;
  Status s = DecodeOutcome(EncodeOutcome(Status::Limit("too slow", {"config/jets/deploy.rb", 0}, "hint"), {}, kAmple), &out, kAmple);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_EQ(s.message(), "too slow");
  EXPECT_EQ(s.where().file, "config/jets/deploy.rb");
}

// The facts the parent explains an error by cross with it.
TEST(Codec, CarriesTheRubyErrorOfAStatus) {
  EvalResult out;
  Status error = Status::Config("NameError: something else", {"config/jets/deploy.rb", 2})
                     .WithRubyError({RubyError::Kind::kNameError, "TCPSocket"});
  Status s = DecodeOutcome(EncodeOutcome(error, {}, kAmple), &out, kAmple);
  ASSERT_TRUE(s.ruby_error());
  EXPECT_EQ(*s.ruby_error(), (RubyError{RubyError::Kind::kNameError, "TCPSocket"}));
  EXPECT_EQ(s.message(), error.message());
  EXPECT_EQ(out.stopped.ruby_error(), s.ruby_error());
  Status plain = DecodeOutcome(EncodeOutcome(Status::Config("boom"), {}, kAmple), &out, kAmple);
  EXPECT_FALSE(plain.ruby_error());
}

// Where the child's bytes put the Ruby error's kind: after the code, message, location and hint.
size_t RubyKindOffset(const Status& s) {
  return 4 + 1 + (4 + s.message().size()) + (4 + s.where().file.size() + 8) + (4 + s.hint().size());
}

// A child's bytes are not believed: a kind that does not exist, a name longer than the VM
// records, a Ruby error on a status that no exception makes.
TEST(Codec, RefusesARubyErrorNoVmSends) {
  EvalResult out;
  Status error = Status::Config("m", {"f", 1}, "h").WithRubyError({RubyError::Kind::kKeyError, "K"});
  std::string bytes = EncodeOutcome(error, {}, kAmple);
  const size_t at = RubyKindOffset(error);
  ASSERT_EQ(bytes[at], static_cast<char>(static_cast<uint8_t>(RubyError::Kind::kKeyError) + 1));
  bytes[at] = static_cast<char>(static_cast<uint8_t>(RubyError::kLastKind) + 2);
  EXPECT_EQ(DecodeOutcome(bytes, &out, kAmple).code(), Status::Code::kInternal);
  bytes[at] = static_cast<char>(0xff);
  EXPECT_EQ(DecodeOutcome(bytes, &out, kAmple).code(), Status::Code::kInternal);

  Status long_name = Status::Config("m").WithRubyError({RubyError::Kind::kNameError, std::string(RubyError::kMaxName + 1, 'x')});
  EXPECT_EQ(DecodeOutcome(EncodeOutcome(long_name, {}, kAmple), &out, kAmple).code(), Status::Code::kInternal);
  Status at_most = Status::Config("m").WithRubyError({RubyError::Kind::kNameError, std::string(RubyError::kMaxName, 'x')});
  EXPECT_EQ(DecodeOutcome(EncodeOutcome(at_most, {}, kAmple), &out, kAmple).ruby_error()->name.size(), RubyError::kMaxName);

  // A name that claims 4 GiB: refused before anything is allocated.
  std::string huge = EncodeOutcome(error, {}, kAmple);
  const uint32_t claim = 0xffffffffu;
  huge.replace(at + 1, 4, reinterpret_cast<const char*>(&claim), 4);
  EXPECT_EQ(DecodeOutcome(huge, &out, kAmple).code(), Status::Code::kInternal);

  // kOther with an empty name, on a kLimit status.
  const Status limit = Status::Limit("m", {"f", 1}, "h");
  std::string forged = EncodeOutcome(limit, {}, kAmple);
  forged.replace(RubyKindOffset(limit), 1, std::string("\x01\0\0\0\0", 5));
  EXPECT_EQ(DecodeOutcome(forged, &out, kAmple).code(), Status::Code::kInternal);
  forged.replace(RubyKindOffset(limit), 5, std::string(1, '\0'));
  EXPECT_EQ(DecodeOutcome(forged, &out, kAmple).code(), Status::Code::kLimit) << "the same bytes without it are read";
}

TEST(Codec, RefusesTruncatedOrForeignBytes) {
  std::string bytes = EncodeOutcome(Status::Ok(), Sample(), kAmple);
  for (size_t cut : {size_t{0}, size_t{3}, size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    EvalResult out;
    EXPECT_EQ(DecodeOutcome(bytes.substr(0, cut), &out, kAmple).code(), Status::Code::kInternal) << cut;
  }
  EvalResult out;
  EXPECT_EQ(DecodeOutcome(bytes + "x", &out, kAmple).code(), Status::Code::kInternal);
  EXPECT_EQ(DecodeOutcome("{\"json\": true}", &out, kAmple).code(), Status::Code::kInternal);
}

// 100,000 one-byte nils cost the parent a whole Value each once decoded.
EvalResult ManyNils() {
  EvalResult r;
  Setting s;
  s.path = "lambda.iam.policy";
  s.value = Value::Array(std::vector<Value>(100000));
  r.settings.deploy.settings.push_back(s);
  r.output = "printed\n";
  return r;
}

TEST(Codec, AResultBeyondTheBoundIsSentAsALimit) {
  const size_t bound = 1u << 20;  // 100,000 Values take more than this
  std::string bytes = EncodeOutcome(Status::Ok(), ManyNils(), bound);
  EXPECT_LT(bytes.size(), 1000u);
  EvalResult out;
  Status s = DecodeOutcome(bytes, &out, bound);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_NE(s.message().find("too large"), std::string::npos) << s.message();
  EXPECT_EQ(out.output, "printed\n") << "what the config printed still comes back";
}

TEST(Codec, TheReaderKeepsTheBoundWhateverTheWriterDid) {
  std::string bytes = EncodeOutcome(Status::Ok(), ManyNils(), kAmple);
  EvalResult out;
  EXPECT_TRUE(DecodeOutcome(bytes, &out, kAmple).ok());
  EvalResult bounded;
  Status s = DecodeOutcome(bytes, &bounded, 1u << 20);
  EXPECT_EQ(s.code(), Status::Code::kLimit);
  EXPECT_TRUE(bounded.settings.deploy.settings.empty()) << "no partial result";
}


// The reader makes room for what a count claims only as far as the bytes left could hold (a child
// claiming 4 Gi items gets no 4 Gi reservation: that would throw, or take the parent's memory).
TEST(Codec, ACountIsBelievedOnlyAsFarAsTheBytesGo) {
  const uint32_t claim = 0xffffffffu;
  EvalResult r = Sample();
  r.output.clear();
  r.settings.deploy.settings[0].value = Value::Array({Value::Nil(), Value::Nil(), Value::Nil()});
  const std::string bytes = EncodeOutcome(Status::Ok(), r, kAmple);
  const std::string items("\x07\x03\0\0\0\0\0\0", 8);  // an Array of 3 nils
  const size_t at = bytes.find(items);
  ASSERT_NE(at, std::string::npos);
  std::string forged = bytes;
  forged.replace(at + 1, 4, reinterpret_cast<const char*>(&claim), 4);
  EvalResult out;
  EXPECT_EQ(DecodeOutcome(forged, &out, kAmple).code(), Status::Code::kInternal);
  EXPECT_EQ(DecodeOutcome(forged, &out, 1u << 20).code(), Status::Code::kInternal);
  forged = bytes;  // the same as a Hash's pair count
  forged[at] = static_cast<char>(Value::Kind::kHash);
  forged.replace(at + 1, 4, reinterpret_cast<const char*>(&claim), 4);
  EXPECT_EQ(DecodeOutcome(forged, &out, kAmple).code(), Status::Code::kInternal);
  // The count of Jets.project's settings: the first after the header (no message, no output).
  const size_t project = 4 + 1 + 4 + (4 + 8) + 4 + 1 + 4 + 1;
  ASSERT_EQ(bytes.compare(project, 4, std::string(4, '\0')), 0);
  forged = bytes;
  forged.replace(project, 4, reinterpret_cast<const char*>(&claim), 4);
  EXPECT_EQ(DecodeOutcome(forged, &out, kAmple).code(), Status::Code::kInternal);
  EvalResult whole;
  EXPECT_TRUE(DecodeOutcome(bytes, &whole, kAmple).ok()) << "the bytes as written are read";
}

// A later phase's failure: the error crosses with the phases before it, and only those.
TEST(Codec, APartialResultCrossesWithItsError) {
  EvalResult in = Sample(), out;
  in.settings.bootstrap.settings.push_back(in.settings.deploy.settings[0]);
  in.settings.deploy.settings.clear();
  Status error = Status::Config("config.x is not a Jets.deploy setting", {"config/jets/deploy.rb", 2}, "hint");
  in.stopped = error;
  in.stopped_at = Phase::kDeploy;
  Status s = DecodeOutcome(EncodeOutcome(error, in, kAmple), &out, kAmple);
  EXPECT_EQ(s.message(), error.message());
  EXPECT_EQ(s.where(), error.where());
  EXPECT_FALSE(out.Complete());
  EXPECT_EQ(out.stopped_at, Phase::kDeploy);
  EXPECT_TRUE(out.Has(Phase::kBootstrap));
  EXPECT_FALSE(out.Has(Phase::kDeploy));
  EXPECT_EQ(out.settings.bootstrap.settings.size(), 1u);
  EXPECT_EQ(out.facts.name, "demo");
  EXPECT_EQ(out.files.size(), 2u);
}

// A failure of the project phase carries nothing but the error (and what was printed).
TEST(Codec, AFailureWithNoPhaseCarriesNoSettings) {
  EvalResult in = Sample(), out;
  Status error = Status::Config("boom", {"config/jets/project.rb", 1});
  in.stopped = error;
  in.stopped_at = Phase::kProject;
  EXPECT_EQ(DecodeOutcome(EncodeOutcome(error, in, kAmple), &out, kAmple).message(), "boom");
  EXPECT_FALSE(out.Has(Phase::kProject));
  EXPECT_TRUE(out.settings.deploy.settings.empty());
  EXPECT_EQ(out.output, "printed\n");
}

}  // namespace
}  // namespace jetsam::eval
