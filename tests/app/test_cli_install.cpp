// The program as installed: <prefix>/bin/sura finds its atlas in <prefix>/share/sura/meshes,
// wherever the prefix is, before the source tree it was built from. No display needed.
#include "run_sura.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace sura::test;
namespace fs = std::filesystem;

namespace {

// Runs `program args` with SURA_ATLAS_DIR unset.
RunResult runInstalled(const fs::path& program, const std::string& args) {
  TempDir capture;
  const fs::path out = capture.path() / "out";
  const fs::path err = capture.path() / "err";
  const std::string command = "env -u SURA_ATLAS_DIR " + quote(program.string()) + " " + args +
                              " >" + quote(out.string()) + " 2>" + quote(err.string()) +
                              " </dev/null";
  const int status = std::system(command.c_str());
  RunResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = readText(out);
  result.err = readText(err);
  return result;
}

} // namespace

TEST_CASE("an installed sura reads the atlas installed beside it, not the source tree's") {
  TempDir prefix;
  const fs::path program = prefix.path() / "bin" / "sura";
  fs::create_directories(program.parent_path());
  fs::copy_file(SURA_EXECUTABLE, program);
  const fs::path atlas = prefix.path() / "share" / "sura" / "meshes";
  fs::create_directories(atlas);
  writeFixtureAtlas(atlas);

  const RunResult r = runInstalled(program, "check");
  CAPTURE(r.err);
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("Fixture leg") != std::string::npos);
  CHECK(r.out.find("manifest:  " + (atlas / "atlas.json").string()) != std::string::npos);

  // Without it, the atlas of the source tree the program was built from.
  fs::remove_all(atlas);
  const RunResult fallback = runInstalled(program, "check");
  CAPTURE(fallback.err);
  CHECK(fallback.exitCode == 0);
  CHECK(fallback.out.find("manifest:  " + std::string(SURA_SOURCE_DIR) + "/meshes/atlas.json") !=
        std::string::npos);
}
