// libFuzzer target: any bytes as a mesh file of one format (SURA_FUZZ_EXTENSION: ".vtp",
// ".stl", ".obj" or ".ply"), through readMesh as the atlas loader calls it: the pre-check,
// then VTK's reader. readMesh either returns a usable mesh or refuses the file with an
// AtlasError naming it in one line; anything else (a crash, an other exception, a sanitizer
// report, a leak, a timeout) is a finding.
#include "meshio/load_atlas.h"

#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

// One scratch folder per process (several fuzzers run side by side), removed at exit.
class Scratch {
public:
  Scratch()
      : dir_(fs::temp_directory_path() / ("sura-fuzz-" + std::to_string(::getpid()))),
        file_(dir_ / (std::string("mesh") + SURA_FUZZ_EXTENSION)) {
    fs::create_directories(dir_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const fs::path& file() const { return file_; }

private:
  fs::path dir_;
  fs::path file_;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Scratch scratch;
  {
    std::ofstream out(scratch.file(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) {
      std::abort();
    }
  }
  try {
    const sura::TriangleMesh mesh = sura::readMesh(scratch.file());
    // What picking, the scene and the model checks rely on in an accepted mesh.
    if (mesh.triangles.empty()) {
      std::abort();
    }
    for (const auto& t : mesh.triangles) {
      if (t.x >= mesh.points.size() || t.y >= mesh.points.size() || t.z >= mesh.points.size()) {
        std::abort();
      }
    }
    for (const auto& p : mesh.points) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
        std::abort();
      }
    }
  } catch (const sura::AtlasError& e) {
    const std::string what = e.what();
    if (e.file != scratch.file().string() || what.find('\n') != std::string::npos) {
      std::abort();
    }
  }
  return 0;
}
