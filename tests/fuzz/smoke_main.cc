// The fuzz targets' smoke run for the test suite, without libFuzzer (the suite builds with gcc):
// replays every file under the given directories (the seed corpus and every input a fuzzing run
// found to crash), then mutates corpus entries at random (flips, insertions of dictionary words,
// splices) for the given number of seconds. No coverage guidance: the hour-long campaigns run
// under libFuzzer (-DJETSAM_FUZZ=ON with clang; see tests/fuzz/README.md).
//   usage: NAME_smoke SECONDS DICTIONARY DIR...
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// libFuzzer's dictionary format: one "quoted string" per line (with \xNN escapes), # comments.
std::vector<std::string> Dictionary(const std::string& path) {
  std::vector<std::string> words;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t open = line.find('"'), close = line.rfind('"');
    if (line.empty() || line[0] == '#' || open == std::string::npos || close <= open) continue;
    std::string word;
    for (size_t i = open + 1; i < close; ++i) {
      if (line[i] == '\\' && i + 1 < close) {
        if (line[i + 1] == 'x' && i + 3 < close) {
          word += static_cast<char>(std::stoi(line.substr(i + 2, 2), nullptr, 16));
          i += 3;
        } else {
          word += line[++i];
        }
      } else {
        word += line[i];
      }
    }
    words.push_back(word);
  }
  return words;
}

// Runs one input in a child process: an endless loop in a config is expected input (the
// command line bounds it with its sandbox), so a child past its alarm is let go; a child that
// dies by any other signal is a crash, saved for the report.
bool Run(const std::string& input, size_t* timeouts) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    alarm(5);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    _exit(0);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
    ++*timeouts;
    return true;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  const std::string path = "/tmp/jetsam-fuzz-smoke-crash-" + std::to_string(getpid());
  std::ofstream(path, std::ios::binary) << input;
  std::fprintf(stderr, "crash (status %d): the input is saved in %s\n", status, path.c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s SECONDS DICTIONARY DIR...\n", argv[0]);
    return 2;
  }
  const double seconds = std::stod(argv[1]);
  const std::vector<std::string> words = Dictionary(argv[2]);
  std::vector<std::string> corpus;
  size_t timeouts = 0;
  for (int i = 3; i < argc; ++i) {
    if (!std::filesystem::is_directory(argv[i])) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(argv[i]))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      corpus.push_back(Read(f));
      if (!Run(corpus.back(), &timeouts)) return 1;
    }
  }
  if (corpus.empty()) corpus.push_back("");
  std::printf("replayed %zu inputs\n", corpus.size());
  std::mt19937_64 rng(20261130);  // fixed: a failure can be repeated
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  size_t runs = 0;
  while (std::chrono::steady_clock::now() < end) {
    std::string s = corpus[rng() % corpus.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
      switch (rng() % 5) {
        case 0: if (!s.empty() && at < s.size()) s[at] = static_cast<char>(rng()); break;
        case 1: if (!words.empty()) s.insert(at, words[rng() % words.size()]); break;
        case 2: if (!s.empty() && at < s.size()) s.erase(at, 1 + rng() % 16); break;
        case 3: { const std::string& o = corpus[rng() % corpus.size()];
                  if (!o.empty()) { size_t from = rng() % o.size(); s.insert(at, o.substr(from, 1 + rng() % 64)); } break; }
        default: s.insert(at, 1, "\n\"'#{}[]:,\\\xff\x00\xe2"[rng() % 14]); break;
      }
    }
    if (!Run(s, &timeouts)) return 1;
    ++runs;
  }
  std::printf("%zu mutated inputs, no crash (%zu stopped at the time limit)\n", runs, timeouts);
  return 0;
}
