#include "jetsam/settings.h"

#include <algorithm>

namespace jetsam {

const Setting* ConfigSettings::Find(std::string_view path) const {
  auto it = std::lower_bound(settings.begin(), settings.end(), path,
                             [](const Setting& s, std::string_view p) { return s.path < p; });
  return it != settings.end() && it->path == path ? &*it : nullptr;
}

const Value& ConfigSettings::Get(std::string_view path) const {
  static const Value kNil;
  const Setting* s = Find(path);
  return s ? s->value : kNil;
}

const ConfigSettings* Settings::Object(std::string_view name) const {
  if (name == "project") return &project;
  if (name == "bootstrap") return &bootstrap;
  if (name == "deploy") return &deploy;
  return nullptr;
}

const char* PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kProject: return "project";
    case Phase::kBootstrap: return "bootstrap";
    case Phase::kDeploy: return "deploy";
  }
  return "deploy";
}

}  // namespace jetsam
