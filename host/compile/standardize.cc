#include "compile/standardize.h"

#include "jetsam/version.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "compile/camelize.h"

namespace jetsam::compile {
namespace {

// One definition of the flattened list, with the file:line of the top-level item it came from.
struct Item {
  const Value* value;
  Location origin;
};

void Flatten(const Value& v, const Location& origin, std::vector<Item>* out) {
  if (v.is_array()) {
    for (const auto& child : v.items()) Flatten(child, origin, out);
  } else if (!v.is_nil()) {
    out->push_back({&v, origin});
  }
}

template <typename T>
int Order(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

// A total order on values that holds two values equivalent exactly when Value's == holds them
// equal, for values without a NaN (which == holds equal to nothing, itself included).
int Compare(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return Order(a.kind(), b.kind());
  switch (a.kind()) {
    case Value::Kind::kInteger: return Order(a.integer(), b.integer());
    case Value::Kind::kFloat: return Order(a.number(), b.number());  // -0.0 and 0.0 are equal, as with ==
    case Value::Kind::kString:
    case Value::Kind::kSymbol: return a.text().compare(b.text());
    case Value::Kind::kOther:
      if (int c = a.class_name().compare(b.class_name())) return c;
      return a.text().compare(b.text());
    case Value::Kind::kArray: {
      const auto &x = a.items(), &y = b.items();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (int c = Compare(x[i], y[i])) return c;
      }
      return Order(x.size(), y.size());
    }
    case Value::Kind::kHash: {
      const auto &x = a.pairs(), &y = b.pairs();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (int c = Compare(x[i].first, y[i].first)) return c;
        if (int c = Compare(x[i].second, y[i].second)) return c;
      }
      return Order(x.size(), y.size());
    }
    default: return 0;
  }
}

bool HasNaN(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kFloat: return v.number() != v.number();
    case Value::Kind::kArray:
      for (const auto& item : v.items()) if (HasNaN(item)) return true;
      return false;
    case Value::Kind::kHash:
      for (const auto& [k, x] : v.pairs()) if (HasNaN(k) || HasNaN(x)) return true;
      return false;
    default: return false;
  }
}

// Jets' `definitions.compact.flatten.uniq`: nested arrays flattened, nils dropped, first kept.
std::vector<Item> FlatItems(const Setting& setting) {
  std::vector<Item> flat;
  const auto& items = setting.value.items();
  for (size_t i = 0; i < items.size(); ++i) Flatten(items[i], setting.ItemOrigin(i), &flat);
  std::vector<const Value*> values;
  values.reserve(flat.size());
  for (const auto& item : flat) values.push_back(item.value);
  std::vector<Item> unique;
  for (size_t i : FirstOfEqual(values)) unique.push_back(flat[i]);
  return unique;
}

// "s3" -> "s3:*": a bare service name means all of its actions.
std::string ColonStar(const std::string& action) {
  return action.find(':') == std::string::npos ? action + ":*" : action;
}

Json StatementOf(Json actions) {
  Json s = Json::object();
  s["Action"] = std::move(actions);
  s["Effect"] = "Allow";
  s["Resource"] = "*";
  return s;
}

const char* kFormsHint =
    "a policy item is a String (\"s3\", \"s3:GetObject\") or a Hash: a statement "
    "({Action: [...], Effect: \"Allow\", Resource: \"*\"}), a policy document ({Statement: [...]}) "
    "or a whole policy ({PolicyName: \"Name\", PolicyDocument: {...}})";

Status Invalid(const Setting& setting, const Value& item, const Location& where,
               const std::string& why, const std::string& hint = kFormsHint) {
  return Status::Config(setting.path + ": " + item.Inspect() + " " + why,
                        where.empty() ? setting.where : where, hint);
}

// Why a Hash is none of the forms: most often a key Jets would only camelize later (`action:`).
Status InvalidHash(const Setting& setting, const Value& hash, const Location& where) {
  for (const auto& [k, v] : hash.pairs()) {
    if (!k.is_text()) continue;
    const std::string camel = Camelize(k.text());
    if (camel != k.text() &&
        (camel == "Action" || camel == "NotAction" || camel == "Statement" || camel == "PolicyDocument")) {
      return Invalid(setting, hash, where, "has no Action, NotAction, Statement or PolicyDocument key",
                     std::string("Jets ") + kJetsVersion + " looks for the key `" + camel + ":` exactly as written and fails on `" +
                         k.text() + ":`; write `" + camel + ":`");
    }
  }
  return Invalid(setting, hash, where, "has no Action, NotAction, Statement or PolicyDocument key");
}

std::string ToText(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

class Standardizer {
 public:
  Standardizer(const Setting& setting, const std::string& name, Standardized* out)
      : setting_(setting), name_(name), out_(out) {}

  Status Run() {
    const Value& v = setting_.value;
    if (v.is_nil()) return Status::Ok();
    if (v.is_hash()) return LoneHash(v);
    if (!v.is_array()) {
      return Invalid(setting_, v, setting_.where, "is not a list of policy items",
                     v.is_text() ? "wrap it in an Array: [" + v.Inspect() + "]" : kFormsHint);
    }
    return List(FlatItems(setting_));
  }

 private:
  Status List(const std::vector<Item>& items) {
    Policy policy = NewPolicy(name_);
    std::vector<Policy> whole;  // {PolicyName:, PolicyDocument:} items: placed after `policy`
    bool all_strings = true;
    for (const auto& item : items) all_strings = all_strings && item.value->is_string();
    if (all_strings && !items.empty()) {
      // One statement with every action, as Jets' statement_from_all_strings.
      Statement st;
      Json actions = Json::array();
      for (const auto& item : items) {
        actions.push_back(ColonStar(item.value->text()));
        st.action_origins.push_back(item.origin);
      }
      st.json = StatementOf(std::move(actions));
      st.setting = setting_.path;
      st.origin = setting_.where;
      policy.statements.push_back(std::move(st));
    }
    for (const auto& item : all_strings ? std::vector<Item>{} : items) {
      const Value& v = *item.value;
      if (v.is_string()) {
        Statement st;
        st.json = StatementOf(Json::array({ColonStar(v.text())}));
        st.setting = setting_.path;
        st.origin = item.origin;
        st.action_origins.push_back(item.origin);
        policy.statements.push_back(std::move(st));
      } else if (!v.is_hash()) {
        return Invalid(setting_, v, item.origin, "is not a policy item",
                       v.is_symbol() ? std::string("Jets ") + kJetsVersion + " takes String items only: write \"" + v.text() + "\""
                                     : kFormsHint);
      } else if (const Value* doc = v.Find("Statement")) {
        if (Status s = DocumentStatements(v, *doc, item.origin, &policy); !s.ok()) return s;
      } else if (v.Find("Action") || v.Find("NotAction")) {
        policy.statements.push_back(AsStatement(v, item.origin));
      } else if (v.Find("PolicyDocument")) {
        if (!v.Find("PolicyName")) {
          return Invalid(setting_, v, item.origin, "is a policy document without a PolicyName",
                         "a whole policy in a list needs its own name: {PolicyName: \"Name\", "
                         "PolicyDocument: {...}}");
        }
        Policy p;
        if (Status s = WholePolicy(v, item.origin, &p); !s.ok()) return s;
        whole.push_back(std::move(p));
      } else {
        return InvalidHash(setting_, v, item.origin);
      }
    }
    if (!policy.statements.empty()) out_->policies.push_back(std::move(policy));
    for (auto& p : whole) out_->policies.push_back(std::move(p));
    return Status::Ok();
  }

  // A Hash not in an Array: what Jets' standardize_hash means to do (Jets fails on it).
  Status LoneHash(const Value& v) {
    const Location& where = setting_.where;
    if (v.Find("Action") || v.Find("NotAction")) {
      Policy policy = NewPolicy(name_);
      policy.statements.push_back(AsStatement(v, where));
      out_->policies.push_back(std::move(policy));
      return Status::Ok();
    }
    if (v.Find("Statement")) {
      // The document as written, its Version included: {PolicyName: N, PolicyDocument: hash}.
      Policy policy = NewPolicy(name_);
      Json whole = Json::object();
      whole["PolicyName"] = name_;
      whole["PolicyDocument"] = Camelized(v, where);
      if (Status s = WrittenStatements(whole, where, v, &policy); !s.ok()) return s;
      policy.as_written = std::move(whole);
      out_->policies.push_back(std::move(policy));
      return Status::Ok();
    }
    if (v.Find("PolicyDocument")) {
      Policy policy;
      if (Status s = WholePolicy(v, where, &policy); !s.ok()) return s;
      out_->policies.push_back(std::move(policy));
      return Status::Ok();
    }
    return InvalidHash(setting_, v, where);
  }

  // {PolicyName:, PolicyDocument:} as written; named `name_` when it has no PolicyName.
  Status WholePolicy(const Value& v, const Location& where, Policy* policy) {
    if (!v.Find("PolicyDocument")->is_hash()) {
      return Invalid(setting_, v, where, "has a PolicyDocument that is not a Hash");
    }
    Json whole = Camelized(v, where);
    // Jets' `hash.merge(PolicyName: name)`: the name goes last.
    if (!v.Find("PolicyName")) whole["PolicyName"] = name_;
    *policy = NewPolicy(ToText(whole["PolicyName"]));
    if (Status s = WrittenStatements(whole, where, v, policy); !s.ok()) return s;
    policy->as_written = std::move(whole);
    return Status::Ok();
  }

  // The statements of a policy written whole, for reports and checks (the emitter uses the
  // policy as written). A statement that is no Hash is an error: it cannot be a statement.
  Status WrittenStatements(const Json& whole, const Location& where, const Value& item, Policy* policy) {
    auto doc = whole.find("PolicyDocument");
    if (doc == whole.end() || !doc->is_object() || !doc->contains("Statement")) return Status::Ok();
    const Json& st = doc->at("Statement");
    Json list = st.is_array() ? st : Json::array({st});
    for (auto& s : list) {
      if (!s.is_object()) {
        return Invalid(setting_, item, where, "has a statement that is not a Hash: " + s.dump());
      }
      policy->statements.push_back(NewStatement(std::move(s), where));
    }
    return Status::Ok();
  }

  // An item with Statement: its statements, its Version dropped.
  Status DocumentStatements(const Value& item, const Value& doc, const Location& where, Policy* policy) {
    std::vector<Item> statements;
    Flatten(doc, where, &statements);  // a Hash is one statement, an Array many
    for (const auto& s : statements) {
      if (!s.value->is_hash()) {
        return Invalid(setting_, item, where,
                       "has a Statement item that is not a Hash: " + s.value->Inspect());
      }
      policy->statements.push_back(AsStatement(*s.value, where));
    }
    return Status::Ok();
  }

  Statement AsStatement(const Value& v, const Location& where) {
    return NewStatement(Camelized(v, where), where);
  }

  Statement NewStatement(Json json, const Location& where) const {
    Statement st;
    st.json = std::move(json);
    st.setting = setting_.path;
    st.origin = where;
    return st;
  }

  Json Camelized(const Value& v, const Location& where) {
    std::vector<ChangedKey> changed;
    Json j = CfnJson(v, &changed);
    for (const auto& c : changed) out_->notices.push_back(ChangedKeyNotice(c, where));
    return j;
  }

  Notice ChangedKeyNotice(const ChangedKey& c, const Location& where) const {
    Notice n;
    n.code = "camelized-condition-key";
    n.setting = setting_.path;
    n.where = where.empty() ? setting_.where : where;
    bool case_only = c.from.size() == c.to.size();
    for (size_t i = 0; case_only && i < c.from.size(); ++i)
      case_only = std::tolower(static_cast<unsigned char>(c.from[i])) ==
                  std::tolower(static_cast<unsigned char>(c.to[i]));
    if (c.context_key && case_only) {
      // IAM documents context key names as case-insensitive: the condition still holds.
      n.severity = Notice::Severity::kInfo;
      n.message = setting_.path + ": Jets camelizes the condition key \"" + c.from +
                  "\" and deploys it as \"" + c.to + "\"";
      n.hint = "IAM matches condition key names regardless of case, so the condition still "
               "applies; the deployed policy reads differently from the config";
    } else {
      n.severity = Notice::Severity::kWarning;
      n.message = setting_.path + ": Jets camelizes the key \"" + c.from + "\" and deploys it as \"" +
                  c.to + "\"; IAM will not match the changed key";
      n.hint = "Jets camelizes every key without '-', '/' or '.'; write the key as IAM names it, "
               "or check the deployed template";
    }
    return n;
  }

  Policy NewPolicy(const std::string& name) const {
    Policy p;
    p.name = name;
    p.setting = setting_.path;
    return p;
  }

  const Setting& setting_;
  const std::string& name_;
  Standardized* out_;
};

}  // namespace

// Sorting finds the duplicates: the list comes from a config, and comparing each item with every
// earlier one is quadratic in the parent process.
std::vector<size_t> FirstOfEqual(const std::vector<const Value*>& values) {
  std::vector<size_t> order;
  order.reserve(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (!HasNaN(*values[i])) order.push_back(i);  // equal to nothing: always kept
  }
  // Stable: among equal values the first listed comes first, and is the one kept.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return Compare(*values[a], *values[b]) < 0; });
  std::vector<bool> duplicate(values.size(), false);
  for (size_t k = 1; k < order.size(); ++k) {
    if (Compare(*values[order[k - 1]], *values[order[k]]) == 0) duplicate[order[k]] = true;
  }
  std::vector<size_t> kept;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!duplicate[i]) kept.push_back(i);
  }
  return kept;
}

Status StandardizePolicy(const Setting& setting, const std::string& name, Standardized* out) {
  return Standardizer(setting, name, out).Run();
}

Status StandardizeManaged(const Setting& setting, std::vector<ManagedPolicy>* out) {
  const Value& v = setting.value;
  if (v.is_nil()) return Status::Ok();
  if (!v.is_array()) {
    return Invalid(setting, v, setting.where, "is not a list of managed policies",
                   v.is_string() ? "wrap it in an Array: [" + v.Inspect() + "]"
                                 : "list policy names or ARNs: [\"AmazonS3ReadOnlyAccess\"]");
  }
  for (const auto& item : FlatItems(setting)) {
    const Value& p = *item.value;
    if (!p.is_string()) {
      return Invalid(setting, p, item.origin, "is not a managed policy name or ARN",
                     p.is_symbol() ? std::string("Jets ") + kJetsVersion + " takes Strings only: write \"" + p.text() + "\""
                                   : "list policy names or ARNs: [\"AmazonS3ReadOnlyAccess\"]");
    }
    // Jets: an item containing "arn:" stays, any other is an AWS managed policy's name.
    std::string arn = p.text().find("arn:") != std::string::npos
                          ? p.text()
                          : "arn:aws:iam::aws:policy/" + p.text();
    out->push_back(ManagedPolicy{std::move(arn), setting.path, item.origin});
  }
  return Status::Ok();
}

}  // namespace jetsam::compile
