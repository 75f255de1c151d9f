// sura-model: writes the bundled atlas meshes (meshes/*.vtp) from the parametric model.
// Deterministic: the same command writes the same bytes.
#include "model/leg_model.h"
#include "model/mesher.h"

#include <CLI/CLI.hpp>
#include <vtkPolyData.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"sura-model: build the bundled lower-leg meshes from the parametric model"};
  std::string out = SURA_SOURCE_DIR "/meshes";
  double spacing = 1.0;
  std::vector<std::string> only;
  app.add_option("--out", out, "folder to write <id>.vtp into")->capture_default_str();
  app.add_option("--spacing", spacing, "sampling lattice spacing in mm (smaller = finer)")
      ->check(CLI::Range(0.25, 5.0))
      ->capture_default_str();
  app.add_option("--only", only, "write only these structure ids")->delimiter(',');
  CLI11_PARSE(app, argc, argv);

  std::set<std::string> known;
  for (const auto& spec : sura::model::legStructures()) {
    known.insert(spec.id);
  }
  for (const auto& id : only) {
    if (known.count(id) == 0) {
      std::cerr << "sura-model: --only: unknown structure id '" << id << "'\n";
      return 2;
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "sura-model: --out: cannot create '" << out << "': " << ec.message() << "\n";
    return 1;
  }

  try {
    const auto start = std::chrono::steady_clock::now();
    auto fields = sura::model::buildLegFields(spacing, [&](const std::string& id) {
      std::fprintf(stderr, "[%6.1f s] field %s\n", seconds(start), id.c_str());
    });
    for (const auto& spec : sura::model::legStructures()) {
      if (!only.empty() && std::find(only.begin(), only.end(), spec.id) == only.end()) {
        continue;
      }
      sura::model::MeshingOptions options;
      options.triangleBudget = spec.triangleBudget;
      options.keepAllPieces = spec.severalPieces;
      auto mesh = sura::model::meshField(fields.at(spec.id), options);
      const auto file = std::filesystem::path(out) / (spec.id + ".vtp");
      sura::model::writePolyData(mesh, file);
      std::fprintf(stderr, "[%6.1f s] wrote %s: %lld triangles\n", seconds(start),
                   file.string().c_str(), static_cast<long long>(mesh->GetNumberOfPolys()));
    }
  } catch (const std::exception& e) {
    std::cerr << "sura-model: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
