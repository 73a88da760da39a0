#include "compile/standardize.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_values.h"

namespace jetsam::compile {
namespace {

using namespace jetsam::fixtures;

const Location kDeploy = At("config/jets/bootstrap.rb", 3);

// The policies as the emitter would write them (as-written ones as written), in one JSON text.
std::string Doc(const Standardized& out) {
  Json all = Json::array();
  for (const auto& p : out.policies) {
    if (p.as_written) {
      all.push_back(*p.as_written);
      continue;
    }
    Json st = Json::array();
    for (const auto& s : p.statements) st.push_back(s.json);
    all.push_back(Json{{"PolicyName", p.name}, {"Statement", st}});
  }
  return all.dump();
}

Standardized Std(const Setting& s, const std::string& name = "CustomPolicy") {
  Standardized out;
  Status st = StandardizePolicy(s, name, &out);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

Status Fail(const Setting& s) {
  Standardized out;
  return StandardizePolicy(s, "CustomPolicy", &out);
}

TEST(Standardize, AllStringsOneStatement) {
  Setting s = Default("codebuild.iam.default_policy", Strings({"s3", "sts:GetServiceBearerToken", "ecr-public"}));
  Standardized out = Std(s, "DefaultPolicy");
  EXPECT_EQ(Doc(out),
            R"([{"PolicyName":"DefaultPolicy","Statement":[{"Action":["s3:*","sts:GetServiceBearerToken",)"
            R"("ecr-public:*"],"Effect":"Allow","Resource":"*"}]}])");
  ASSERT_EQ(out.policies[0].statements[0].action_origins.size(), 3u);
  EXPECT_EQ(out.policies[0].setting, "codebuild.iam.default_policy");
  EXPECT_TRUE(out.policies[0].statements[0].origin.empty());
}

TEST(Standardize, FlattenDropNilDedupeKeepOrigins) {
  Setting s = Default("codebuild.iam.policy",
                      A({S("s3"), A({S("sns"), Value::Nil(), A({S("s3")})}), Value::Nil(), S("sqs")}));
  s.where = At("config/jets/bootstrap.rb", 9);
  s.item_origins = {At("a.rb", 1), At("a.rb", 2), At("a.rb", 3), At("a.rb", 4)};
  Standardized out = Std(s);
  EXPECT_EQ(Doc(out),
            R"([{"PolicyName":"CustomPolicy","Statement":[{"Action":["s3:*","sns:*","sqs:*"],"Effect":"Allow","Resource":"*"}]}])");
  const auto& origins = out.policies[0].statements[0].action_origins;
  ASSERT_EQ(origins.size(), 3u);
  EXPECT_EQ(origins[0], At("a.rb", 1));
  EXPECT_EQ(origins[1], At("a.rb", 2));  // nested items inherit the top-level item's origin
  EXPECT_EQ(origins[2], At("a.rb", 4));
  EXPECT_EQ(out.policies[0].statements[0].origin, At("config/jets/bootstrap.rb", 9));
}

// Jets' uniq keeps the first of equal items, whatever their kind: Hashes compare by their
// pairs in order, 1 and 1.0 differ, and a NaN equals nothing.
TEST(Standardize, DedupeKeepsTheFirstOfEqualValuesInOrder) {
  const Value nan = Value::Float(std::nan(""), "NaN");
  Value st = H({P("Action", S("s3:GetObject")), P("Effect", S("Allow")), P("Resource", S("*"))});
  Value reordered = H({P("Effect", S("Allow")), P("Action", S("s3:GetObject")), P("Resource", S("*"))});
  const std::vector<Value> values = {st, I(1), reordered, st, Value::Float(1.0, "1.0"), I(1), nan, nan, A({nan}),
                                     Value::Float(0.0, "0.0"), Value::Float(-0.0, "-0.0"), Sym("s3"), S("s3"), S("s3")};
  std::vector<const Value*> all, unique;
  for (const auto& v : values) all.push_back(&v);
  for (size_t i : FirstOfEqual(all)) unique.push_back(all[i]);
  ASSERT_EQ(unique.size(), 10u);
  EXPECT_EQ(*unique[0], st);
  EXPECT_EQ(unique[1]->kind(), Value::Kind::kInteger);
  EXPECT_EQ(*unique[2], reordered) << "a Hash with its pairs in another order is another item";
  EXPECT_EQ(unique[3]->kind(), Value::Kind::kFloat);
  EXPECT_TRUE(std::isnan(unique[4]->number()));
  EXPECT_TRUE(std::isnan(unique[5]->number()));
  EXPECT_TRUE(unique[6]->is_array());
  EXPECT_EQ(unique[7]->text(), "0.0") << "-0.0 == 0.0: the first is kept";
  EXPECT_TRUE(unique[8]->is_symbol());
  EXPECT_TRUE(unique[9]->is_string());
}

// The list comes from a config and is de-duplicated in the parent process: 100,000 distinct
// actions, each listed twice, compared pairwise would take minutes.
TEST(Standardize, DedupeOfALargeListKeepsTheFirstOfEach) {
  constexpr int kDistinct = 100000;
  std::vector<Value> items;
  for (int round = 0; round < 2; ++round) {
    for (int i = kDistinct; i > 0; --i) items.push_back(S("s3:GetObject" + std::to_string(i)));
  }
  Setting s = Assigned("lambda.iam.policy", A(std::move(items)), kDeploy);
  s.item_origins.clear();
  for (int i = 0; i < 2 * kDistinct; ++i) s.item_origins.push_back(At("deploy.rb", i + 1));
  Standardized out = Std(s);
  ASSERT_EQ(out.policies.size(), 1u);
  const auto& st = out.policies[0].statements[0];
  ASSERT_EQ(st.json["Action"].size(), static_cast<size_t>(kDistinct));
  EXPECT_EQ(st.json["Action"][0], "s3:GetObject100000");
  EXPECT_EQ(st.json["Action"][kDistinct - 1], "s3:GetObject1");
  EXPECT_EQ(st.action_origins[kDistinct - 1], At("deploy.rb", kDistinct)) << "the first listing is kept";
}

TEST(Standardize, EmptyNilAndAllNilGiveNoPolicy) {
  EXPECT_TRUE(Std(Default("p", A())).policies.empty());
  EXPECT_TRUE(Std(Default("p", Value::Nil())).policies.empty());
  EXPECT_TRUE(Std(Default("p", A({Value::Nil(), A({Value::Nil()})}))).policies.empty());
}

TEST(Standardize, MixedIsOneStatementPerItem) {
  Value stmt = H({P("Action", Strings({"dynamodb:GetItem"})), P("Effect", S("Allow")), P("Resource", S("arn:x"))});
  Setting s = Assigned("lambda.iam.policy", A({S("s3"), stmt, S("sqs:SendMessage")}), kDeploy);
  s.item_origins = {At("d.rb", 1), At("d.rb", 2), At("d.rb", 3)};
  Standardized out = Std(s);
  EXPECT_EQ(Doc(out),
            R"([{"PolicyName":"CustomPolicy","Statement":[)"
            R"({"Action":["s3:*"],"Effect":"Allow","Resource":"*"},)"
            R"({"Action":["dynamodb:GetItem"],"Effect":"Allow","Resource":"arn:x"},)"
            R"({"Action":["sqs:SendMessage"],"Effect":"Allow","Resource":"*"}]}])");
  const auto& sts = out.policies[0].statements;
  EXPECT_EQ(sts[0].origin, At("d.rb", 1));
  EXPECT_EQ(sts[1].origin, At("d.rb", 2));
  EXPECT_TRUE(sts[1].action_origins.empty());
  EXPECT_EQ(sts[2].action_origins, std::vector<Location>{At("d.rb", 3)});
}

TEST(Standardize, HashWithStatementGivesItsStatementsVersionDropped) {
  Value doc = H({P("Version", S("2008-10-17")),
                 P("Statement", A({H({P("Action", S("s3:GetObject")), P("Effect", S("Allow")), P("Resource", S("*"))}),
                                   H({P("NotAction", S("iam:*")), P("Effect", S("Deny")), P("Resource", S("*"))})}))});
  Standardized out = Std(Assigned("p", A({doc, S("sqs")}), kDeploy));
  EXPECT_EQ(Doc(out),
            R"([{"PolicyName":"CustomPolicy","Statement":[)"
            R"({"Action":"s3:GetObject","Effect":"Allow","Resource":"*"},)"
            R"({"NotAction":"iam:*","Effect":"Deny","Resource":"*"},)"
            R"({"Action":["sqs:*"],"Effect":"Allow","Resource":"*"}]}])");
}

TEST(Standardize, StatementAsOneHash) {
  Value doc = H({P("Statement", H({P("Action", S("s3:*")), P("Effect", S("Allow")), P("Resource", S("*"))}))});
  EXPECT_EQ(Doc(Std(Assigned("p", A({doc}), kDeploy))),
            R"([{"PolicyName":"CustomPolicy","Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"*"}]}])");
}

TEST(Standardize, NotActionOnlyStatementAsWritten) {
  Value st = H({P("NotAction", Strings({"iam:*"})), P("Effect", S("Allow")), P("Resource", S("*"))});
  EXPECT_EQ(Doc(Std(Assigned("p", A({st}), kDeploy))),
            R"([{"PolicyName":"CustomPolicy","Statement":[{"NotAction":["iam:*"],"Effect":"Allow","Resource":"*"}]}])");
}

TEST(Standardize, StringKeysMeanSymbolKeys) {
  Value st = H({SP("Action", S("s3:*")), SP("Effect", S("Allow")), SP("Resource", S("*"))});
  Value doc = H({SP("Statement", A({H({SP("Action", S("sqs:*")), SP("Effect", S("Allow")), SP("Resource", S("*"))})}))});
  EXPECT_EQ(Doc(Std(Assigned("p", A({st, doc}), kDeploy))),
            R"([{"PolicyName":"CustomPolicy","Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"*"},)"
            R"({"Action":"sqs:*","Effect":"Allow","Resource":"*"}]}])");
}

TEST(Standardize, WholePolicyItemFollowsItsList) {
  Value whole = H({P("PolicyName", S("hello")),
                   P("PolicyDocument", H({P("Version", S("2012-10-17")),
                                          P("Statement", A({H({P("Action", Strings({"s3:*"})), P("Effect", S("Allow")),
                                                               P("Resource", S("*"))})}))}))});
  Setting s = Assigned("codebuild.iam.policy", A({S("s3"), whole, S("ec2")}), kDeploy);
  Standardized out = Std(s);
  EXPECT_EQ(Doc(out),
            R"([{"PolicyName":"CustomPolicy","Statement":[{"Action":["s3:*"],"Effect":"Allow","Resource":"*"},)"
            R"({"Action":["ec2:*"],"Effect":"Allow","Resource":"*"}]},)"
            R"({"PolicyName":"hello","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Action":["s3:*"],)"
            R"("Effect":"Allow","Resource":"*"}]}}])");
  ASSERT_EQ(out.policies.size(), 2u);
  EXPECT_EQ(out.policies[1].name, "hello");
  EXPECT_EQ(out.policies[1].setting, "codebuild.iam.policy");
  ASSERT_EQ(out.policies[1].statements.size(), 1u);  // kept for reports and checks
}

TEST(Standardize, LoneWholePolicyReplacesThePolicy) {
  Value whole = H({P("PolicyName", S("hello")), P("PolicyDocument", H({P("Statement", A())}))});
  Standardized out = Std(Assigned("p", A({whole}), kDeploy));
  EXPECT_EQ(Doc(out), R"([{"PolicyName":"hello","PolicyDocument":{"Statement":[]}}])");
}

TEST(Standardize, LoneHashWithAction) {
  Value st = H({P("Action", S("s3:*")), P("Effect", S("Allow")), P("Resource", S("*"))});
  Standardized out = Std(Assigned("p", st, kDeploy));
  EXPECT_EQ(Doc(out), R"([{"PolicyName":"CustomPolicy","Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"*"}]}])");
  EXPECT_EQ(out.policies[0].statements[0].origin, kDeploy);
}

TEST(Standardize, LoneHashWithStatementIsTheDocument) {
  Value doc = H({P("Version", S("2012-10-17")),
                 P("Statement", A({H({P("Action", S("s3:*")), P("Effect", S("Allow")), P("Resource", S("*"))})}))});
  Standardized out = Std(Assigned("p", doc, kDeploy));
  EXPECT_EQ(Doc(out), R"([{"PolicyName":"CustomPolicy","PolicyDocument":{"Version":"2012-10-17",)"
                      R"("Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"*"}]}}])");
  EXPECT_EQ(out.policies[0].statements.size(), 1u);
}

TEST(Standardize, LoneHashWithPolicyDocumentNamedWhenUnnamed) {
  Value whole = H({P("PolicyDocument", H({P("Statement", A({H({P("Action", S("s3:*")), P("Effect", S("Allow")),
                                                               P("Resource", S("*"))})}))}))});
  Standardized out = Std(Assigned("p", whole, kDeploy));
  EXPECT_EQ(Doc(out), R"([{"PolicyDocument":{"Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"*"}]},)"
                      R"("PolicyName":"CustomPolicy"}])");
  EXPECT_EQ(out.policies[0].name, "CustomPolicy");
}

TEST(Standardize, CamelizedConditionKeyNotice) {
  Value st = H({P("Action", S("sns:Publish")), P("Effect", S("Allow")), P("Resource", S("*")),
                P("condition", H({P("StringEquals", H({SP("aws:SourceAccount", S("1"))}))}))});
  Setting s = Assigned("codebuild.iam.policy", A({st}), kDeploy);
  s.item_origins = {At("config/jets/bootstrap.rb", 5)};
  Standardized out = Std(s);
  EXPECT_EQ(Doc(out), R"([{"PolicyName":"CustomPolicy","Statement":[{"Action":"sns:Publish","Effect":"Allow",)"
                      R"("Resource":"*","Condition":{"StringEquals":{"Aws:SourceAccount":"1"}}}]}])");
  ASSERT_EQ(out.notices.size(), 1u);
  EXPECT_EQ(out.notices[0].code, "camelized-condition-key");
  EXPECT_EQ(out.notices[0].where, At("config/jets/bootstrap.rb", 5));
  EXPECT_EQ(out.notices[0].message,
            "codebuild.iam.policy: Jets camelizes the condition key \"aws:SourceAccount\" and deploys it as "
            "\"Aws:SourceAccount\"");
  // IAM documents context key names as case-insensitive: a case-only change is information.
  EXPECT_EQ(out.notices[0].severity, Notice::Severity::kInfo);
}

TEST(Standardize, CamelizedKeyBeyondCaseWarns) {
  Value st = H({P("Action", S("s3:*")), P("Effect", S("Allow")), P("Resource", S("*")),
                P("Condition", H({P("StringEquals", H({SP("s3:x_amz_acl", S("private"))}))}))});
  Standardized out = Std(Assigned("p", A({st}), kDeploy));
  EXPECT_EQ(out.policies[0].statements[0].json["Condition"]["StringEquals"].dump(), R"({"S3:xAmzAcl":"private"})");
  ASSERT_EQ(out.notices.size(), 1u);
  EXPECT_EQ(out.notices[0].severity, Notice::Severity::kWarning);
  EXPECT_NE(out.notices[0].message.find("IAM will not match"), std::string::npos);
}

// --- errors: each names the setting, the value and where it was assigned

TEST(StandardizeError, Number) {
  Setting s = Assigned("codebuild.iam.policy", A({S("s3"), I(42)}), kDeploy);
  s.item_origins = {At("config/jets/bootstrap.rb", 3), At("config/jets/bootstrap.rb", 4)};
  Status st = Fail(s);
  EXPECT_EQ(st.code(), Status::Code::kConfig);
  EXPECT_EQ(st.message(), "codebuild.iam.policy: 42 is not a policy item");
  EXPECT_EQ(st.where(), At("config/jets/bootstrap.rb", 4));
  EXPECT_FALSE(st.hint().empty());
}

TEST(StandardizeError, SymbolItem) {
  Status st = Fail(Assigned("codebuild.iam.policy", A({Sym("s3"), S("sqs")}), kDeploy));
  EXPECT_EQ(st.message(), "codebuild.iam.policy: :s3 is not a policy item");
  EXPECT_EQ(st.hint(), "Jets 6.0.5 takes String items only: write \"s3\"");
  EXPECT_EQ(st.where(), kDeploy);
}

TEST(StandardizeError, HashWithNoneOfTheKeys) {
  Status st = Fail(Assigned("lambda.iam.policy", A({H({P("Effect", S("Allow"))})}), kDeploy));
  EXPECT_EQ(st.message(), "lambda.iam.policy: {Effect: \"Allow\"} has no Action, NotAction, Statement or PolicyDocument key");
  EXPECT_EQ(st.where(), kDeploy);
}

TEST(StandardizeError, LowercaseActionKey) {
  Status st = Fail(Assigned("lambda.iam.policy", A({H({P("action", S("s3:*")), P("effect", S("Allow"))})}), kDeploy));
  EXPECT_EQ(st.message(),
            "lambda.iam.policy: {action: \"s3:*\", effect: \"Allow\"} has no Action, NotAction, Statement or "
            "PolicyDocument key");
  EXPECT_EQ(st.hint(), "Jets 6.0.5 looks for the key `Action:` exactly as written and fails on `action:`; write `Action:`");
}

TEST(StandardizeError, LoneHashWithNoneOfTheKeys) {
  Status st = Fail(Assigned("p", H({P("Resource", S("*"))}), kDeploy));
  EXPECT_EQ(st.code(), Status::Code::kConfig);
  EXPECT_EQ(st.where(), kDeploy);
}

TEST(StandardizeError, LoneStringAndNumber) {
  Status st = Fail(Assigned("p", S("s3"), kDeploy));
  EXPECT_EQ(st.message(), "p: \"s3\" is not a list of policy items");
  EXPECT_EQ(st.hint(), "wrap it in an Array: [\"s3\"]");
  EXPECT_EQ(Fail(Assigned("p", I(3), kDeploy)).code(), Status::Code::kConfig);
}

TEST(StandardizeError, WholePolicyInListNeedsName) {
  Value doc = H({P("PolicyDocument", H({P("Statement", A())}))});
  Status st = Fail(Assigned("p", A({doc}), kDeploy));
  EXPECT_EQ(st.message(), "p: {PolicyDocument: {Statement: []}} is a policy document without a PolicyName");
}

TEST(StandardizeError, StatementItemNotAHash) {
  Status st = Fail(Assigned("p", A({H({P("Statement", A({S("s3:*")}))})}), kDeploy));
  EXPECT_EQ(st.message(), "p: {Statement: [\"s3:*\"]} has a Statement item that is not a Hash: \"s3:*\"");
}

TEST(StandardizeError, FallsBackToSettingLocation) {
  Setting s = Assigned("p", A({I(1)}), kDeploy);
  s.item_origins.clear();
  EXPECT_EQ(Fail(s).where(), kDeploy);
}

// --- managed policies

TEST(StandardizeManaged, ExpandsNamesKeepsArns) {
  Setting s = Assigned("codebuild.iam.managed_policy",
                       A({S("AmazonS3ReadOnlyAccess"), A({S("service-role/AWSConfigRole"), Value::Nil()}),
                          S("arn:aws:iam::123456789012:policy/Mine"), S("AmazonS3ReadOnlyAccess")}),
                       kDeploy);
  s.item_origins = {At("b.rb", 1), At("b.rb", 2), At("b.rb", 3), At("b.rb", 4)};
  std::vector<ManagedPolicy> out;
  ASSERT_TRUE(StandardizeManaged(s, &out).ok());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].arn, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  EXPECT_EQ(out[1].arn, "arn:aws:iam::aws:policy/service-role/AWSConfigRole");
  EXPECT_EQ(out[1].origin, At("b.rb", 2));
  EXPECT_EQ(out[2].arn, "arn:aws:iam::123456789012:policy/Mine");
  EXPECT_EQ(out[2].setting, "codebuild.iam.managed_policy");
}

TEST(StandardizeManaged, EmptyAndErrors) {
  std::vector<ManagedPolicy> out;
  EXPECT_TRUE(StandardizeManaged(Default("m", A()), &out).ok());
  EXPECT_TRUE(StandardizeManaged(Default("m", Value::Nil()), &out).ok());
  EXPECT_TRUE(out.empty());
  Status st = StandardizeManaged(Assigned("m", A({Sym("AmazonS3ReadOnlyAccess")}), kDeploy), &out);
  EXPECT_EQ(st.message(), "m: :AmazonS3ReadOnlyAccess is not a managed policy name or ARN");
  EXPECT_EQ(st.where(), kDeploy);
  st = StandardizeManaged(Assigned("m", S("AmazonS3ReadOnlyAccess"), kDeploy), &out);
  EXPECT_EQ(st.hint(), "wrap it in an Array: [\"AmazonS3ReadOnlyAccess\"]");
}

}  // namespace
}  // namespace jetsam::compile
