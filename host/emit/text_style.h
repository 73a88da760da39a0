// ANSI colours for the text views (explain, diff): on only when asked (a TTY without NO_COLOR).
#pragma once
#include <string>

namespace jetsam {

struct Style {
  bool color = false;
  std::string Wrap(const char* code, const std::string& s) const {
    return color ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
  }
  std::string Bold(const std::string& s) const { return Wrap("1", s); }
  std::string Dim(const std::string& s) const { return Wrap("2", s); }
  std::string Red(const std::string& s) const { return Wrap("31", s); }
  std::string Green(const std::string& s) const { return Wrap("32", s); }
  std::string Yellow(const std::string& s) const { return Wrap("33", s); }
  std::string Magenta(const std::string& s) const { return Wrap("35", s); }
  std::string Cyan(const std::string& s) const { return Wrap("36", s); }
};

}  // namespace jetsam
