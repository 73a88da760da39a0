// Sets of ARNs named by IAM patterns ('*' any run, '?' one character; case-sensitive, as ARNs
// are), and the one question an exact `can` asks of several at once: is there an ARN in all of
// these, in at least one of each of those groups, and in none of these? "Does a Deny take back
// every resource this Allow reaches", "do these Allows together cover the pattern asked about"
// and "does this NotResource leave anything of the target" are all that question.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace jetsam::analyze {

// An ARN format of the reference with what each variable may hold (Catalog::FormatVariables):
// the resources of that form.
struct TypedArnFormat {
  std::string format;               // "arn:${Partition}:s3:::${BucketName}"
  std::vector<std::uint8_t> holds;  // per ${...}: 1 '/' allowed, 2 ':' allowed
};

// In a pattern that is an ARN, a wildcard of the first five fields stays within its field, as
// IAM compares ARNs field by field ("arn:aws:dynamodb:*:*:table/a*" names nothing in a region
// "x:table/b"); one of the resource part may stand for ':' and '/' too.
struct PatternQuery {
  std::vector<std::string> all_of;               // the ARN matches each
  std::vector<std::vector<std::string>> one_of;  // ... at least one pattern of each group
  std::vector<std::string> none_of;              // ... and none of these
  std::vector<TypedArnFormat> of_type;           // ... and, when given, fits one of these formats
};

enum class Exists { kYes, kNo, kUndecided };

// Decided by walking the product of the patterns' automata breadth first, over the characters
// the patterns name plus one that none names (every other character behaves as that one), so
// `witness` gets a shortest such ARN. kUndecided past `budget` product states (a pattern set
// built to blow up), or past `max_steps` token steps (each state steps every token of the
// patterns twice for every character tried: ARN-long patterns full of wildcards make few states dear);
// the caller says so instead of answering. `steps`, when given, gets the steps taken.
inline constexpr std::size_t kFindArnSteps = 100'000'000;  // some 0.1 s
Exists FindArn(const PatternQuery& q, std::string* witness, std::size_t budget = 50000,
               std::size_t max_steps = kFindArnSteps, std::size_t* steps = nullptr);

}  // namespace jetsam::analyze
