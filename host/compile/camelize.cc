#include "compile/camelize.h"

#include <array>
#include <cctype>
#include <utility>

namespace jetsam::compile {
namespace {

bool IsLowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Ruby's String#capitalize on ASCII: first character up, the rest down.
std::string Capitalize(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    out[i] = static_cast<char>(i == 0 ? std::toupper(c) : std::tolower(c));
  }
  return out;
}

// cfn_camelizer's camelizer.yml: keys under these parents are never touched.
constexpr std::array<std::string_view, 4> kPassthroughParents = {
    "AWS::CloudFormation::Init", "Fn::Sub", "ResponseParameters", "Variables"};

// camelizer.yml special_keys, applied after camelize.
std::string_view SpecialKey(std::string_view k) { return k == "Aws" ? "AWS" : k; }

struct ResourceKey {
  std::string_view type, from, to;
};
// camelizer.yml resource_keys: applied after special_keys, only below a hash of that Type.
constexpr ResourceKey kResourceKeys[] = {
    {"AWS::ApiGateway::Authorizer", "ProviderArns", "ProviderARNs"},
    {"AWS::ApplicationAutoScaling::ScalableTarget", "RoleArn", "RoleARN"},
    {"AWS::AutoScaling::AutoScalingGroup", "ServiceLinkedRoleArn", "ServiceLinkedRoleARN"},
    {"AWS::AutoScaling::AutoScalingGroup", "TargetGroupArns", "TargetGroupARNs"},
    {"AWS::AutoScaling::AutoScalingGroup", "VpcZoneIdentifier", "VPCZoneIdentifier"},
    {"AWS::AutoScaling::LifecycleHook", "NotificationTargetArn", "NotificationTargetARN"},
    {"AWS::AutoScaling::LifecycleHook", "RoleArn", "RoleARN"},
    {"AWS::CloudFormation::Stack", "NotificationArns", "NotificationARNs"},
    {"AWS::CloudFormation::Stack", "TemplateUrl", "TemplateURL"},
    {"AWS::Events::Rule", "RoleARN", "RoleArn"},
    {"AWS::Route53::RecordSet", "Ttl", "TTL"},
    {"AWS::RDS::DBSubnetGroup", "DbSubnetGroupDescription", "DBSubnetGroupDescription"},
    {"AWS::RDS::DBSubnetGroup", "DbSubnetGroupName", "DBSubnetGroupName"},
    {"AWS::SQS::Queue", "DeadLetterTargetArn", "deadLetterTargetArn"},
    {"AWS::SQS::Queue", "MaxReceiveCount", "maxReceiveCount"},
    {"AutoScaling::LaunchConfiguration", "ClassicLinkVpcId", "ClassicLinkVPCId"},
    {"AutoScaling::LaunchConfiguration", "ClassicLinkVpcSecurityGroups", "ClassicLinkVPCSecurityGroups"},
};

std::string ResourceKeyFor(const std::optional<std::string>& type, std::string key) {
  if (!type) return key;
  for (const auto& rk : kResourceKeys)
    if (rk.type == *type && rk.from == key) return std::string(rk.to);
  return key;
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

bool Passthrough(std::string_view k, const std::vector<std::string>& parent_keys) {
  for (auto p : kPassthroughParents)
    if (Contains(parent_keys, p)) return true;
  return k.find_first_of("-/.") != std::string_view::npos;
}

// Ruby's to_s of a Hash key (the camelizer's `k.to_s`).
std::string KeyText(const Value& k) {
  if (k.is_array() || k.is_hash()) return k.Inspect();
  const Json leaf = CfnLeaf(k);
  return leaf.is_string() ? leaf.get<std::string>() : leaf.dump();
}

// CfnCamelizer.transform's type detection: only a `:type` Symbol key or a "Type" String key
// counts (not :Type, which is what Jets' own templates use), and the outermost one wins.
std::optional<std::string> DeclaredType(const Value& hash) {
  for (const auto& [k, v] : hash.pairs()) {
    if ((k.is_symbol() && k.text() == "type") || (k.is_string() && k.text() == "Type")) {
      const Json leaf = CfnLeaf(v);
      // A non-String Type matches no resource map.
      return leaf.is_string() ? leaf.get<std::string>() : std::string();
    }
  }
  return std::nullopt;
}

Json Transform(const Value& v, std::vector<std::string>& parents,
               std::optional<std::string> type, std::vector<ChangedKey>* changed) {
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto& item : v.items()) out.push_back(Transform(item, parents, type, changed));
    return out;
  }
  if (!v.is_hash()) return CfnLeaf(v);
  if (!type) type = DeclaredType(v);
  Json out = Json::object();
  for (const auto& [k, val] : v.pairs()) {
    const std::string from = KeyText(k);
    std::string key = CamelizeKey(from, parents, type);
    if (changed && key != from && from.find(':') != std::string::npos) {
      const bool context_key = parents.size() >= 2 && parents[parents.size() - 2] == "Condition";
      changed->push_back({from, key, context_key});
    }
    parents.push_back(key);
    Json inner = Transform(val, parents, type, changed);
    parents.pop_back();
    // Ruby's Hash[]: a repeated key keeps its first place and takes the last value.
    out[key] = std::move(inner);
  }
  return out;
}

}  // namespace

std::string Camelize(std::string_view s) {
  // string.sub(/^[a-z\d]*/) { $&.capitalize }
  size_t head = 0;
  while (head < s.size() && IsLowerOrDigit(s[head])) ++head;
  std::string in = Capitalize(s.substr(0, head)) + std::string(s.substr(head));
  // gsub(/(?:_|(\/))([a-z\d]*)/i) { "#{$1 ? '::' : ''}#{$2.capitalize}" }
  std::string out;
  for (size_t i = 0; i < in.size();) {
    const char c = in[i];
    if (c != '_' && c != '/') {
      out += c;
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < in.size() && IsAlnum(in[end])) ++end;
    if (c == '/') out += "::";
    out += Capitalize(std::string_view(in).substr(i + 1, end - i - 1));
    i = end;
  }
  return out;
}

std::string CamelizeKey(std::string_view key, const std::vector<std::string>& parent_keys,
                        const std::optional<std::string>& resource_type) {
  if (Passthrough(key, parent_keys)) return std::string(key);
  if (!parent_keys.empty() && parent_keys.back() == "EventPattern") {
    std::string dashed(key);  // ActiveSupport dasherize: "_" -> "-"
    for (char& c : dashed)
      if (c == '_') c = '-';
    return dashed;
  }
  if (Contains(parent_keys, "EventPattern")) {
    std::string lower = Camelize(key);  // cfn_camelizer's "pascalize": camelize, first char down
    if (!lower.empty()) lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
    return lower;
  }
  return ResourceKeyFor(resource_type, std::string(SpecialKey(Camelize(key))));
}

Json CfnLeaf(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kInteger: return v.integer();  // Replacer: "Dont perform replacement on Integers"
    case Value::Kind::kNil: return "";
    case Value::Kind::kTrue: return "true";
    case Value::Kind::kFalse: return "false";
    case Value::Kind::kArray:
    case Value::Kind::kHash: return v.Inspect();  // never reached from CfnJson
    default: return v.text();  // String, Symbol, Float's and Other's to_s
  }
}

Json CfnJson(const Value& value, std::vector<ChangedKey>* changed) {
  std::vector<std::string> parents;
  return Transform(value, parents, std::nullopt, changed);
}

}  // namespace jetsam::compile
