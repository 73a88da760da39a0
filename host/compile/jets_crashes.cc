// A model of what Jets 6.0.5 does with a policy setting, only as far as where it raises:
//   Policy.new(name, definitions): definitions.compact.flatten.uniq (nil only dropped at the top)
//   standardize: all Strings, or each item a String or a Hash with the Symbol key :Statement or
//   :Action; any other item reaches `item.key?` (not a Hash) or `nil.include?(":")` (a Hash
//   without those keys), and raises NoMethodError.
//   ManagedPolicy: policies.compact.flatten.uniq, then `item.include?("arn:")` on each.
#include "compile/jets_crashes.h"

#include <fmt/format.h>

#include "jetsam/version.h"

namespace jetsam::compile {
namespace {

// A Hash key as Jets looks it up: the Symbol exactly (`definition.key?(:Action)`).
bool HasSymbolKey(const Value& hash, std::string_view key) {
  for (const auto& [k, v] : hash.pairs())
    if (k.is_symbol() && k.text() == key) return true;
  return false;
}

bool HasTextKey(const Value& hash, std::string_view key) { return hash.Find(key) != nullptr; }

struct Item {
  const Value* value;
  Location where;
};

// `flatten` after the top-level `compact`: nested nils stay.
void Flatten(const Value& v, const Location& where, std::vector<Item>* out) {
  if (v.is_array()) {
    for (const auto& child : v.items()) Flatten(child, where, out);
  } else {
    out->push_back({&v, where});
  }
}

std::vector<Item> Definitions(const Setting& setting) {
  std::vector<Item> items;
  const auto& top = setting.value.items();
  for (size_t i = 0; i < top.size(); ++i) {
    if (top[i].is_nil()) continue;  // compact
    Flatten(top[i], setting.ItemOrigin(i), &items);
  }
  return items;
}

// Why Jets fails on a Hash item that has neither :Statement nor :Action.
std::string HashWhy(const Value& hash) {
  if (HasTextKey(hash, "PolicyDocument")) {
    return "a {PolicyName:, PolicyDocument:} item (Jets finds no :Action in it and calls nil.include?)";
  }
  if (HasSymbolKey(hash, "NotAction")) {
    return "a statement with NotAction and no Action (Jets calls nil.include? on the missing Action)";
  }
  if (HasTextKey(hash, "Action") || HasTextKey(hash, "Statement")) {
    return "String keys (\"Action\" =>) (Jets reads the Symbol keys :Action and :Statement only, and calls "
           "nil.include?)";
  }
  return "a Hash with neither :Action nor :Statement (Jets calls nil.include?)";
}

}  // namespace

std::optional<JetsCrash> PolicyCrash(const Setting& setting, bool nil_is_none) {
  const Value& v = setting.value;
  if (setting.is_default()) return std::nullopt;
  if (v.is_nil()) {
    if (nil_is_none) return std::nullopt;
    return JetsCrash{"nil (Jets calls nil.compact; [] means no policy)", setting.where};
  }
  if (v.is_hash()) {
    if (v.pairs().empty()) return std::nullopt;  // {}.flatten is []: no policy
    return JetsCrash{"a lone Hash, not in a list (Jets flattens it and calls key? on its first key; write [{...}])",
                     setting.where};
  }
  if (!v.is_array()) return std::nullopt;  // jetsam refuses it itself
  std::vector<Item> items = Definitions(setting);
  bool all_strings = true;
  for (const auto& item : items) all_strings = all_strings && item.value->is_string();
  if (all_strings) return std::nullopt;
  for (const auto& item : items) {
    const Value& x = *item.value;
    if (x.is_string()) continue;
    if (x.is_nil()) {
      return JetsCrash{"a nil in a nested list (Jets drops only the outer list's nils, then calls key? on it)",
                       item.where};
    }
    if (!x.is_hash()) continue;  // a Symbol or a number: jetsam refuses it itself
    if (HasSymbolKey(x, "Statement") || HasSymbolKey(x, "Action")) continue;
    return JetsCrash{HashWhy(x), item.where};
  }
  return std::nullopt;
}

std::optional<JetsCrash> ManagedPolicyCrash(const Setting& setting) {
  if (setting.is_default()) return std::nullopt;
  if (setting.value.is_nil()) {
    return JetsCrash{"nil (Jets calls nil.compact; [] means none)", setting.where};
  }
  if (!setting.value.is_array()) return std::nullopt;
  for (const auto& item : Definitions(setting)) {
    if (item.value->is_nil()) {
      return JetsCrash{"a nil in a nested list (Jets drops only the outer list's nils, then calls include? on it)",
                       item.where};
    }
  }
  return std::nullopt;
}

Notice JetsCrashNotice(const Setting& setting, const JetsCrash& crash) {
  Notice n;
  n.code = fmt::format("jets-{}-crashes", kJetsVersion);
  n.severity = Notice::Severity::kWarning;
  n.where = crash.where.empty() ? setting.where : crash.where;
  n.setting = setting.path;
  const bool codebuild = setting.path.rfind("codebuild.", 0) == 0;
  n.message = fmt::format("{}: `jets deploy` with Jets {} stops here with NoMethodError{}: {}; jetsam compiles it as "
                          "the docs describe",
                          setting.path, kJetsVersion,
                          codebuild ? "" : " (if its remote runner, whose code is not public, builds this role as "
                                           "Jets builds the CodeBuild role)",
                          crash.why);
  const bool managed = setting.path.find("managed_policy") != std::string::npos;
  n.hint = managed ? "list managed policy names or ARNs as Strings, [] for none"
                   : fmt::format("Jets {} takes a list of Strings (\"s3\"), statements with Symbol keys ({{Action: [...], "
                       "Effect: \"Allow\", Resource: \"*\"}}) and policy documents ({{Statement: [...]}}), and "
                       "nothing else",
                       kJetsVersion);
  return n;
}

}  // namespace jetsam::compile
