// "Did you mean ...": the closest candidates by edit distance.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace jetsam {

// Optimal string alignment distance (Levenshtein with transpositions), case-sensitive.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidates within a distance that scales with the word's length, best first (at most `max`).
std::vector<std::string> Suggest(std::string_view word, const std::vector<std::string>& candidates, size_t max = 3);

}  // namespace jetsam
