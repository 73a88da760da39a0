// What every command may assume of an evaluation and of the roles compiled from it: config
// strings are UTF-8, and each statement field has the type CloudFormation takes. One check here,
// so that no command reads a value another refused, and no format shows it differently.
#include "compile/validate.h"

#include <fmt/format.h>

#include "core/utf8.h"
#include "jetsam/compile.h"
#include "jetsam/grammar.h"
#include "jetsam/json_compact.h"

namespace jetsam {
namespace {

const char* kUtf8Hint =
    "jetsam reads config strings as UTF-8, as IAM and CloudFormation do; write the character "
    "itself, or \\u{...} for a code point";

// The first string of `v` (keys, values, a Float's or an object's to_s) that is not UTF-8.
const std::string* FirstInvalid(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kArray:
      for (const auto& item : v.items())
        if (const std::string* bad = FirstInvalid(item)) return bad;
      return nullptr;
    case Value::Kind::kHash:
      for (const auto& [k, val] : v.pairs()) {
        if (const std::string* bad = FirstInvalid(k)) return bad;
        if (const std::string* bad = FirstInvalid(val)) return bad;
      }
      return nullptr;
    default:
      if (!utf8::Valid(v.class_name())) return &v.class_name();
      return utf8::Valid(v.text()) ? nullptr : &v.text();
  }
}

Status NotUtf8(const std::string& what, const std::string& text, const Location& where) {
  const size_t at = utf8::FirstInvalid(text);
  return Status::Config(fmt::format("{} {} is not valid UTF-8 (byte 0x{:02X} at offset {})", what,
                                    Value::String(text).Inspect(), static_cast<unsigned char>(text[at]), at),
                        where, kUtf8Hint);
}

bool BadLocation(const Location& where) { return !utf8::Valid(where.file); }

Status CheckSetting(const Setting& s) {
  if (BadLocation(s.where)) return NotUtf8("the file name of " + s.path, s.where.file, {});
  for (const auto& c : s.history)
    if (BadLocation(c.where)) return NotUtf8("the file name of " + s.path, c.where.file, {});
  for (const auto& o : s.item_origins)
    if (BadLocation(o)) return NotUtf8("the file name of " + s.path, o.file, {});
  if (!utf8::Valid(s.path)) return NotUtf8("the setting name", s.path, s.where);
  if (s.value.is_array()) {
    for (size_t i = 0; i < s.value.items().size(); ++i)
      if (const std::string* bad = FirstInvalid(s.value.items()[i]))
        return NotUtf8(s.path + ": the string", *bad, s.ItemOrigin(i));
    return Status::Ok();
  }
  if (const std::string* bad = FirstInvalid(s.value)) return NotUtf8(s.path + ": the string", *bad, s.where);
  return Status::Ok();
}

// --- the roles

const char* kShapeHint =
    "a statement is {Sid: \"Name\", Effect: \"Allow\" or \"Deny\", Action: String or [String, ...], "
    "Resource: String or [String, ...], Condition: {Operator: {Key: value or [values]}}}; "
    "CloudFormation refuses any other type";

bool IsStrings(const Json& j) {
  if (j.is_string()) return true;
  if (!j.is_array()) return false;
  for (const auto& e : j)
    if (!e.is_string()) return false;
  return true;
}

bool IsConditionValue(const Json& j) {
  auto scalar = [](const Json& e) { return e.is_string() || e.is_number(); };
  if (scalar(j)) return true;
  if (!j.is_array()) return false;
  for (const auto& e : j)
    if (!scalar(e)) return false;
  return true;
}

// Why a statement field has the wrong type, or "" when every field it has is well typed.
std::string ShapeProblem(const Json& st) {
  for (const char* key : {"Effect", "Sid"}) {
    auto it = st.find(key);
    if (it != st.end() && !it->is_string()) return fmt::format("{} must be a String", key);
  }
  for (const char* key : {"Action", "NotAction", "Resource", "NotResource"}) {
    auto it = st.find(key);
    if (it != st.end() && !IsStrings(*it)) return fmt::format("{} must be a String or a list of Strings", key);
  }
  if (auto it = st.find("Condition"); it != st.end()) {
    if (!it->is_object()) return "Condition must be a Hash of operators";
    for (const auto& [op, keys] : it->items()) {
      if (!keys.is_object()) return fmt::format("Condition {} must be a Hash of condition keys", op);
      for (const auto& [key, value] : keys.items())
        if (!IsConditionValue(value))
          return fmt::format("Condition {} {} must be a String, a number or a list of them", op, key);
    }
  }
  return "";
}

// The first string of `j` (keys and values) that is not UTF-8.
const std::string* FirstInvalid(const Json& j) {
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    return utf8::Valid(s) ? nullptr : &s;
  }
  if (j.is_array()) {
    for (const auto& e : j)
      if (const std::string* bad = FirstInvalid(e)) return bad;
  }
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!utf8::Valid(it.key())) return &it.key();
      if (const std::string* bad = FirstInvalid(it.value())) return bad;
    }
  }
  return nullptr;
}

}  // namespace

Status CheckConfigText(const EvalResult& eval) {
  for (const auto& f : eval.files)
    if (!utf8::Valid(f)) return NotUtf8("the config file name", f, {});
  const Setting* name = eval.settings.project.Find("name");
  const Location name_where = name ? name->where : Location{};
  const std::pair<const char*, const std::string*> facts[] = {
      {"the project name", &eval.facts.name},    {"the env", &eval.facts.env},
      {"the extra", &eval.facts.extra},          {"the namespace", &eval.facts.namespace_},
      {"the region", &eval.facts.region},        {"the account", &eval.facts.account},
      {"the S3 bucket", &eval.facts.s3_bucket}};
  // The facts first: an env or a name that is not UTF-8 also spoils the settings made from it.
  for (const auto& [what, text] : facts)
    if (!utf8::Valid(*text)) return NotUtf8(what, *text, std::string(what) == "the project name" ? name_where : Location{});
  for (const ConfigSettings* object : {&eval.settings.project, &eval.settings.bootstrap, &eval.settings.deploy}) {
    for (const auto& s : object->settings)
      if (Status st = CheckSetting(s); !st.ok()) return st;
  }
  for (const auto& n : eval.notices) {
    if (BadLocation(n.where)) return NotUtf8("the file name", n.where.file, {});
    for (const std::string* text : {&n.code, &n.message, &n.hint})
      if (!utf8::Valid(*text)) return NotUtf8("the string", *text, n.where);
  }
  return Status::Ok();
}

namespace compile {

Status ValidateRoles(const std::vector<Role>& roles) {
  for (const Role& role : roles) {
    for (const Policy& p : role.policies) {
      if (!utf8::Valid(p.name)) return NotUtf8(p.setting + ": the policy name", p.name, {});
      if (p.as_written) {
        auto name = p.as_written->find("PolicyName");
        if (name != p.as_written->end() && !name->is_string()) {
          const Location where = p.statements.empty() ? Location{} : p.statements.front().origin;
          return Status::Config(fmt::format("{}: PolicyName {} must be a String", p.setting, CompactJson(*name)), where,
                                "a whole policy is {PolicyName: \"Name\", PolicyDocument: {Statement: [...]}}");
        }
      }
      size_t n = 0;
      for (const Statement& st : p.statements) {
        ++n;
        const std::string problem = ShapeProblem(st.json);
        if (!problem.empty()) {
          return Status::Config(fmt::format("{}: statement {} of {} ({}): {}", st.setting.empty() ? p.setting : st.setting,
                                            n, p.name, CompactJson(st.json), problem),
                                st.origin, kShapeHint);
        }
        if (const std::string* bad = FirstInvalid(st.json))
          return NotUtf8((st.setting.empty() ? p.setting : st.setting) + ": the string", *bad, st.origin);
      }
      if (p.as_written)
        if (const std::string* bad = FirstInvalid(*p.as_written)) return NotUtf8(p.setting + ": the string", *bad, {});
    }
    for (const ManagedPolicy& m : role.managed)
      if (!utf8::Valid(m.arn)) return NotUtf8(m.setting + ": the managed policy", m.arn, m.origin);
  }
  return Status::Ok();
}

Location SettingWhere(const EvalResult& eval, const std::string& path) {
  for (const ConfigSettings* object : {&eval.settings.project, &eval.settings.bootstrap, &eval.settings.deploy})
    if (const Setting* s = object->Find(path)) return s->where;
  return {};
}

void AddGrammarNotices(const EvalResult& eval, const std::vector<Role>& roles, std::vector<Notice>* notices) {
  for (const Role& role : roles) {
    for (const Policy& p : role.policies) {
      for (const GrammarProblem& g : CheckPolicyDocument(PolicyDocument(p))) {
        const Statement* st = StatementOf(p, g);
        Notice n;
        n.code = g.rule;
        n.severity = Notice::Severity::kWarning;
        n.setting = st && !st->setting.empty() ? st->setting : p.setting;
        n.where = st ? st->origin : SettingWhere(eval, n.setting);
        n.message = g.statement > 0
                        ? fmt::format("{}: statement {} of {} ({}): {}", n.setting, g.statement, p.name, role.logical_id, g.message)
                        : fmt::format("{}: {} ({}): {}", n.setting, p.name, role.logical_id, g.message);
        n.hint = g.hint;
        notices->push_back(std::move(n));
      }
    }
  }
}

}  // namespace compile
}  // namespace jetsam
