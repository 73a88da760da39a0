#include "emit/text_safe.h"

#include <fmt/format.h>

#include "core/utf8.h"
#include "jetsam/json_compact.h"

namespace jetsam {

std::string TextSafe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t at = 0; at < s.size();) {
    const size_t start = at;
    const long c = utf8::Next(s, &at);
    if (!utf8::MustEscape(c)) {
      out.append(s.substr(start, at - start));
      continue;
    }
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case 0x1B: out += "\\e"; break;
      default:
        if (c < 0) out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[start]));  // not UTF-8
        else if (c < 0x80) out += fmt::format("\\x{:02X}", c);
        else if (c <= 0xFFFF) out += fmt::format("\\u{:04X}", c);
        else out += fmt::format("\\u{{{:X}}}", c);
    }
  }
  return out;
}

std::string StatusText(const Status& s) {
  if (s.ok()) return "ok";
  std::string out = s.where().empty() ? "" : TextSafe(s.where().str()) + ": ";
  out += TextSafe(s.message());
  if (!s.hint().empty()) out += "\n  hint: " + TextSafe(s.hint());
  return out;
}

std::string NoticeText(const Notice& n) {
  std::string out = n.where.empty() ? "" : TextSafe(n.where.str()) + ": ";
  out += n.severity == Notice::Severity::kWarning ? "warning: " : "note: ";
  out += TextSafe(n.message);
  if (!n.hint.empty()) out += "\n  hint: " + TextSafe(n.hint);
  return out;
}

namespace emit {

std::string Text(const Json& j) {
  if (j.is_string()) return TextSafe(j.get_ref<const std::string&>());
  return TextSafe(CompactJson(j));
}

std::string Text(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? "" : Text(*it);
}

std::vector<std::string> Texts(const Json& list) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(Text(item));
  return out;
}

}  // namespace emit
}  // namespace jetsam
