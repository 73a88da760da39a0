// Role diffing: what one compilation grants that another does not, and the reverse.
//
// Roles pair by logical id, policies by name. Within a policy pair, statements pair in three
// passes: equal statements are the same; then statements equal but for their actions pair and
// show the actions each side alone has; then statements equal but for their resources pair and
// show the resources. What is left was added or removed whole.

#include <algorithm>
#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_map>

#include "jetsam/diff.h"
#include "jetsam/json_compact.h"

namespace jetsam {
namespace {

Json Strings(const Json& j) { return j.is_array() ? j : j.is_null() ? Json::array() : Json::array({j}); }

const char* ActionKey(const Json& s) { return s.contains("NotAction") ? "NotAction" : "Action"; }
const char* ResourceKey(const Json& s) { return s.contains("NotResource") ? "NotResource" : "Resource"; }

// The statement with one key (and Sid, a label) left out, for pairing.
std::string Without(const Json& s, const char* key) {
  Json copy = s;
  copy.erase(key);
  copy.erase("Sid");
  return CompactJson(copy);
}

Json LocationJson(const Location& where) { return where.empty() ? Json(nullptr) : Json(where.str()); }

Json OriginJson(const Statement& st) {
  Json o = Json::object();
  o["setting"] = st.setting;
  o["where"] = LocationJson(st.origin);
  return o;
}

// Items of `a` not in `b` (set difference, order of `a`). Sorted look-ups: a config's lists may
// be tens of thousands long on both sides.
Json Minus(const Json& a, const Json& b) {
  std::vector<const Json*> sorted;
  sorted.reserve(b.size());
  for (const auto& x : b) sorted.push_back(&x);
  const auto less = [](const Json* x, const Json* y) { return *x < *y; };
  std::sort(sorted.begin(), sorted.end(), less);
  Json out = Json::array();
  for (const auto& x : a) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), &x, less);
    if (it == sorted.end() || !(**it == x)) out.push_back(x);
  }
  return out;
}

Json WholeStatement(const char* change, const Statement& st) {
  return Json{{"change", change}, {"statement", st.json}, {"origin", OriginJson(st)}};
}

Json ActionEntries(const Json& actions, const Statement& st) {
  Json out = Json::array();
  const Json all = Strings(st.json[ActionKey(st.json)]);
  std::map<Json, Location> origin;  // an action's last origin in the list
  for (size_t i = 0; i < all.size() && i < st.action_origins.size(); ++i) origin[all[i]] = st.action_origins[i];
  for (const auto& a : actions) {
    auto it = origin.find(a);
    out.push_back(Json{{"action", a}, {"where", LocationJson(it == origin.end() ? st.origin : it->second)}});
  }
  return out;
}

// The statements of one side by a text of theirs. Take gives, for a statement of the other side,
// the first with the same text not yet used, as scanning them all would, without the scan: a
// config may hold tens of thousands of statements.
class ByText {
 public:
  static constexpr size_t kNone = SIZE_MAX;
  void Add(std::string text, size_t j) { index_[std::move(text)].list.push_back(j); }
  size_t Take(const std::string& text, const std::vector<bool>& used) {
    auto it = index_.find(text);
    if (it == index_.end()) return kNone;
    Cursor& c = it->second;
    while (c.next < c.list.size() && used[c.list[c.next]]) ++c.next;  // used stays used
    return c.next < c.list.size() ? c.list[c.next] : kNone;
  }

 private:
  struct Cursor {
    std::vector<size_t> list;
    size_t next = 0;
  };
  std::unordered_map<std::string, Cursor> index_;
};

Json DiffStatements(const std::vector<Statement>& a, const std::vector<Statement>& b) {
  std::vector<bool> used_a(a.size()), used_b(b.size());
  Json out = Json::array();
  // 1. Equal statements.
  ByText equal;
  for (size_t j = 0; j < b.size(); ++j) equal.Add(CompactJson(b[j].json), j);
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t j = equal.Take(CompactJson(a[i].json), used_b);
    if (j != ByText::kNone) used_a[i] = used_b[j] = true;
  }
  // 2. Equal but for the actions; 3. equal but for the resources.
  for (int pass = 0; pass < 2; ++pass) {
    const char* keys[2] = {pass == 0 ? "Action" : "Resource", pass == 0 ? "NotAction" : "NotResource"};
    ByText without[2];
    for (size_t j = 0; j < b.size(); ++j)
      for (int k = 0; k < 2; ++k) without[k].Add(Without(b[j].json, keys[k]), j);
    for (size_t i = 0; i < a.size(); ++i) {
      if (used_a[i]) continue;
      const char* key = pass == 0 ? ActionKey(a[i].json) : ResourceKey(a[i].json);
      const size_t j = without[std::string_view(key) == keys[0] ? 0 : 1].Take(Without(a[i].json, key), used_b);
      if (j == ByText::kNone) continue;
      used_a[i] = used_b[j] = true;
      const Json ka = Strings(a[i].json.value(key, Json())), kb = Strings(b[j].json.value(key, Json()));
      Json change = Json{{"change", "changed"}, {"statement", b[j].json}, {"origin", OriginJson(b[j])}};
      if (pass == 0) {
        change["actions"] = Json{{"added", ActionEntries(Minus(kb, ka), b[j])},
                                 {"removed", ActionEntries(Minus(ka, kb), a[i])}};
      } else {
        change["resources"] = Json{{"added", Minus(kb, ka)}, {"removed", Minus(ka, kb)}};
      }
      out.push_back(std::move(change));
    }
  }
  for (size_t i = 0; i < a.size(); ++i)
    if (!used_a[i]) out.push_back(WholeStatement("removed", a[i]));
  for (size_t j = 0; j < b.size(); ++j)
    if (!used_b[j]) out.push_back(WholeStatement("added", b[j]));
  return out;
}

Json PolicyHead(const char* change, const Policy& p) {
  Json out = Json{{"name", p.name}, {"change", change}, {"setting", p.setting}};
  if (!p.switched_by.empty())
    out["switched_by"] = Json{{"setting", p.switched_by}, {"where", LocationJson(p.switch_origin)}};
  return out;
}

Json WholePolicy(const char* change, const Policy& p) {
  Json out = PolicyHead(change, p);
  Json statements = Json::array();
  for (const auto& st : p.statements) statements.push_back(WholeStatement(change, st));
  out["statements"] = std::move(statements);
  return out;
}

const Policy* FindPolicy(const Role& role, const std::string& name) {
  for (const auto& p : role.policies)
    if (p.name == name) return &p;
  return nullptr;
}

Json DiffRole(const Role* a, const Role* b) {
  const Role& any = b ? *b : *a;
  Json out = Json{{"role", RoleKindName(any.kind)}, {"logical_id", any.logical_id}};
  out["change"] = !a ? "added" : !b ? "removed" : "changed";
  Json policies = Json::array();
  if (a) {
    for (const auto& pa : a->policies) {
      const Policy* pb = b ? FindPolicy(*b, pa.name) : nullptr;
      if (!pb) {
        policies.push_back(WholePolicy("removed", pa));
        continue;
      }
      Json statements = DiffStatements(pa.statements, pb->statements);
      if (statements.empty()) continue;
      Json p = PolicyHead("changed", *pb);
      p["statements"] = std::move(statements);
      policies.push_back(std::move(p));
    }
  }
  if (b) {
    for (const auto& pb : b->policies)
      if (!a || !FindPolicy(*a, pb.name)) policies.push_back(WholePolicy("added", pb));
  }
  out["policies"] = std::move(policies);
  auto arns = [](const Role* r) {
    Json out = Json::array();
    if (r)
      for (const auto& m : r->managed) out.push_back(m.arn);
    return out;
  };
  auto managed_entries = [](const Json& list, const Role* r) {
    std::unordered_map<std::string, const ManagedPolicy*> first;  // each ARN's first entry
    for (const auto& m : r->managed) first.emplace(m.arn, &m);
    Json out = Json::array();
    for (const auto& arn : list) {
      auto it = arn.is_string() ? first.find(arn.get<std::string>()) : first.end();
      if (it != first.end())
        out.push_back(Json{{"arn", arn}, {"setting", it->second->setting}, {"where", LocationJson(it->second->origin)}});
    }
    return out;
  };
  const Json ma = arns(a), mb = arns(b);
  out["managed_policies"] = Json{{"added", b ? managed_entries(Minus(mb, ma), b) : Json::array()},
                                 {"removed", a ? managed_entries(Minus(ma, mb), a) : Json::array()}};
  return out;
}

bool RoleChanged(const Json& r) {
  return !r["policies"].empty() || !r["managed_policies"]["added"].empty() ||
         !r["managed_policies"]["removed"].empty() || r["change"] != "changed";
}

}  // namespace

Json DiffRoles(const Compiled& a, const Compiled& b, const std::string& a_label, const std::string& b_label) {
  Json out = Json::object();
  out["a"] = Json{{"label", a_label}, {"namespace", a.facts.namespace_}};
  out["b"] = Json{{"label", b_label}, {"namespace", b.facts.namespace_}};
  Json roles = Json::array();
  auto find = [](const Compiled& c, const std::string& id) -> const Role* {
    for (const auto& r : c.roles)
      if (r.logical_id == id) return &r;
    return nullptr;
  };
  for (const auto& ra : a.roles) {
    Json r = DiffRole(&ra, find(b, ra.logical_id));
    if (RoleChanged(r)) roles.push_back(std::move(r));
  }
  for (const auto& rb : b.roles)
    if (!find(a, rb.logical_id)) roles.push_back(DiffRole(nullptr, &rb));
  out["roles"] = std::move(roles);
  return out;
}

bool DiffHasChanges(const Json& diff) { return diff.contains("roles") && !diff["roles"].empty(); }

}  // namespace jetsam
