// Property: what ToYaml writes, read back by libyaml (the parser behind Ruby's Psych and PyYAML's
// CSafeLoader) with YAML 1.1's implicit types, is exactly the JSON it was written from, for
// any string: random bytes, every code point of interest, indicators, line breaks, quotes,
// surrounding spaces, and scalars a loader would type.
#include <gtest/gtest.h>
#include <yaml.h>

#include <random>
#include <regex>

#include "core/utf8.h"
#include "jetsam/emit.h"

namespace jetsam {
namespace {

// PyYAML's implicit resolvers (resolver.py), which Psych's scalar scanner follows closely: a
// plain scalar matching one is not a string.
Json Resolve(const std::string& s) {
  static const std::regex kBool("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  static const std::regex kFloat(
      R"([-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|)"
      R"([-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))");
  static const std::regex kInt(
      R"([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)");
  static const std::regex kNull("~|null|Null|NULL|");
  static const std::regex kOther(
      R"(<<|=|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?.*)");
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kBool)) return s == "true" || s == "True" || s == "TRUE";
  try {
    if (std::regex_match(s, kInt)) return std::stoll(s);
    if (std::regex_match(s, kFloat)) return std::stod(s);
  } catch (const std::exception&) {
    return Json::object({{"not a string", s}});  // a number form jetsam never writes
  }
  if (std::regex_match(s, kOther)) return Json::object({{"not a string", s}});
  return s;
}

struct Parser {
  yaml_parser_t p;
  yaml_event_t e;
  bool ok = true;
  explicit Parser(const std::string& text) {
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Parser() { yaml_parser_delete(&p); }
  yaml_event_type_t Next() {
    if (!yaml_parser_parse(&p, &e)) {
      ok = false;
      return YAML_NO_EVENT;
    }
    return e.type;
  }
  // The node whose first event is current; consumes it.
  Json Node() {
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        std::string v(reinterpret_cast<char*>(e.data.scalar.value), e.data.scalar.length);
        const bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        yaml_event_delete(&e);
        return plain ? Resolve(v) : Json(v);
      }
      case YAML_SEQUENCE_START_EVENT: {
        yaml_event_delete(&e);
        Json out = Json::array();
        while (Next() != YAML_SEQUENCE_END_EVENT && ok) out.push_back(Node());
        yaml_event_delete(&e);
        return out;
      }
      case YAML_MAPPING_START_EVENT: {
        yaml_event_delete(&e);
        Json out = Json::object();
        while (Next() != YAML_MAPPING_END_EVENT && ok) {
          Json key = Node();
          if (!key.is_string() || Next() == YAML_NO_EVENT) {
            ok = false;
            return nullptr;
          }
          out[key.get<std::string>()] = Node();
        }
        yaml_event_delete(&e);
        return out;
      }
      default:
        ok = false;
        yaml_event_delete(&e);
        return nullptr;
    }
  }
  Json Document() {
    if (Next() != YAML_STREAM_START_EVENT) return nullptr;
    yaml_event_delete(&e);
    if (Next() != YAML_DOCUMENT_START_EVENT) return nullptr;
    yaml_event_delete(&e);
    Next();
    Json out = Node();
    if (Next() != YAML_DOCUMENT_END_EVENT) ok = false;
    else yaml_event_delete(&e);
    return out;
  }
};

// The data JSON holds: JsonText read back (a string that is not UTF-8 as JSON shows it).
Json JsonData(const Json& j) { return Json::parse(JsonText(j)); }

void ExpectSameData(const Json& j) {
  const std::string yaml = ToYaml(j);
  Parser parser(yaml);
  const Json read = parser.Document();
  ASSERT_TRUE(parser.ok) << "libyaml could not read:\n" << yaml;
  EXPECT_EQ(read, JsonData(j)) << "YAML:\n" << yaml << "JSON:\n" << JsonText(j);
}

std::string Utf8(long c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

const std::vector<std::string>& Pieces() {
  static const std::vector<std::string> pieces = [] {
    std::vector<std::string> p = {
        "null", "Null", "~", "true", "False", "yes", "No", "on", "OFF", "y", "n", "0x1F", "1e3", "1.5", "-1",
        "+.inf", ".NaN", "0o17", "0b101", "1_000", "12:30", "2012-10-17", "2001-12-14t21:59:43.10-05:00", "<<",
        "=", "-", "?", ":", ",", "[", "]", "{", "}", "#", "&a", "*a", "!t", "|", ">", "'", "\"", "%", "@", "`",
        "- ", "? ", ": ", " #", "---", "...", " ", "  ", "\t", "\n", "\r", "\r\n", "\\", "\\n", "s3:GetObject",
        "arn:aws:s3:::b/*", "iam:*", "*", "a", "Z", "0", "9", ".", "é", "日本", "😀"};
    for (long c : {0x00L, 0x07L, 0x08L, 0x0BL, 0x0CL, 0x1BL, 0x1FL, 0x7FL, 0x80L, 0x85L, 0x9FL, 0xA0L, 0xADL, 0x61CL,
                   0x200BL, 0x200EL, 0x2028L, 0x2029L, 0x202AL, 0x202EL, 0x2060L, 0x2066L, 0x2069L, 0xFDD0L, 0xFEFFL,
                   0xFFF9L, 0xFFFDL, 0xFFFEL, 0xFFFFL, 0x1FFFEL, 0xE0001L, 0x10FFFFL})
      p.push_back(Utf8(c));
    for (const char* bytes : {"\xff", "\xc3", "\xc3(", "\xe2\x80", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80"})
      p.push_back(bytes);
    return p;
  }();
  return pieces;
}

std::string RandomString(std::mt19937& rng) {
  std::uniform_int_distribution<int> kind(0, 3), len(0, 6), byte(0, 255);
  std::uniform_int_distribution<size_t> piece(0, Pieces().size() - 1);
  std::string s;
  for (int n = len(rng); n > 0; --n) {
    if (kind(rng) == 0) s += static_cast<char>(byte(rng));
    else s += Pieces()[piece(rng)];
  }
  return s;
}

TEST(YamlRoundTrip, EveryPieceAloneAndInContext) {
  for (const auto& p : Pieces()) {
    for (const std::string& s : {p, "a" + p, p + "a", "a" + p + "b", " " + p, p + " ", p + p}) {
      Json doc = Json::object();
      doc["list"] = Json::array({s});
      doc["value"] = s;
      doc[s] = s;
      doc["nested"] = Json::array({Json::array({s}), Json::object({{s, Json::array({s})}})});
      ExpectSameData(doc);
      ExpectSameData(Json(s));
    }
  }
}

TEST(YamlRoundTrip, RandomStrings) {
  std::mt19937 rng(20240601);
  for (int i = 0; i < 3000; ++i) {
    const std::string a = RandomString(rng), b = RandomString(rng);
    Json doc = Json::object();
    doc["Statement"] = Json::array({Json::object({{"Action", Json::array({a, b})}, {"Resource", a}})});
    doc[a] = b;
    ExpectSameData(doc);
  }
}

TEST(YamlRoundTrip, LongKeysAndNumbers) {
  const std::string long_key(1500, 'k');
  Json doc = Json::object();
  doc[long_key] = "v";
  doc[long_key + "\u2028"] = Json::array({1, 2});
  doc["floats"] = Json::array({1e20, -1.5e-7, 0.1, 2.0, -0.0});
  doc["ints"] = Json::array({0, -1, INT64_MAX, INT64_MIN});
  doc["other"] = Json::array({true, false, nullptr, Json::object(), Json::array()});
  ExpectSameData(doc);
}

TEST(YamlRoundTrip, ALineSeparatorIsNoSecondAction) {
  // JSON, lint and can see one unknown action; a YAML reader must not see `iam:*`.
  const std::string action = "s3:GetObject\u2028                - iam:*";
  const Json doc = Json::object({{"Action", Json::array({action})}});
  const std::string yaml = ToYaml(doc);
  EXPECT_EQ(yaml, "Action:\n  - \"s3:GetObject\\u2028                - iam:*\"\n");
  ExpectSameData(doc);
}

}  // namespace
}  // namespace jetsam
