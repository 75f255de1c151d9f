// Runs the real `sura` executable in a shell and captures what it says.
#pragma once

#include "fixture/fixture_atlas.h"

#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace sura::test {

struct RunResult {
  int exitCode = -1; ///< exit status, or -signal when the program crashed
  std::string out;
  std::string err;
};

/// Single-quoted for the shell.
inline std::string quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

inline std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Runs `env <env> sura <args>`; `args` is inserted as shell words (quote paths).
inline RunResult runSura(const std::string& args, const std::string& env = "") {
  TempDir capture;
  const auto out = capture.path() / "out";
  const auto err = capture.path() / "err";
  const std::string command = "env " + env + " " + quote(SURA_EXECUTABLE) + " " + args + " >" +
                              quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  const int status = std::system(command.c_str());
  RunResult result;
  if (WIFEXITED(status)) {
    result.exitCode = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exitCode = -WTERMSIG(status);
  }
  result.out = readText(out);
  result.err = readText(err);
  return result;
}

/// One line, "sura: ..." (the form of every error message).
inline bool isOneErrorLine(const std::string& err) {
  return err.rfind("sura: ", 0) == 0 && err.find('\n') == err.size() - 1;
}

} // namespace sura::test
