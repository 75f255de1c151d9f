// sura-model: writes the bundled atlas meshes (meshes/*.vtp) from the parametric model.
// Deterministic: the same command writes the same bytes.
#include "model/leg_model.h"
#include "model/mesher.h"

#include <CLI/CLI.hpp>
#include <vtkImageData.h>
#include <vtkPNGWriter.h>
#include <vtkPolyData.h>

#include <cmath>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// A quick look at the model without meshing: one PNG per level t (0.5 mm per pixel, seen from
// above, anterior up, lateral right), each structure in its own colour, the skin's outline
// underneath. For tuning shapes; the product's own section view is `sura section`.
void writePreview(const std::map<std::string, sura::model::Field>& fields,
                  const std::vector<double>& levels, const std::string& dir) {
  constexpr int w = 340, h = 380;
  constexpr double mmPerPixel = 0.5, x0 = -85.0, y1 = 85.0;
  const int panels = static_cast<int>(levels.size());
  auto image = vtkSmartPointer<vtkImageData>::New();
  image->SetDimensions(w * panels, h, 1);
  image->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
  for (int panel = 0; panel < panels; ++panel) {
    const double t = levels[static_cast<std::size_t>(panel)];
    const double z = -390.0 * t;
    // Colours by kind, so that neighbours read apart in a quick look.
    const std::map<std::string, std::array<unsigned char, 3>> named = {
        {"gastrocnemius_medial_head", {200, 40, 40}},
        {"gastrocnemius_lateral_head", {240, 130, 40}},
        {"soleus", {120, 30, 30}},
        {"tibialis_posterior", {150, 60, 200}},
        {"flexor_digitorum_longus", {240, 120, 200}},
        {"flexor_hallucis_longus", {40, 60, 160}},
        {"popliteus", {140, 100, 60}},
        {"tibialis_anterior", {200, 170, 40}},
        {"extensor_digitorum_longus", {120, 200, 80}},
        {"extensor_hallucis_longus", {60, 110, 40}},
        {"fibularis_longus", {40, 170, 170}},
        {"fibularis_brevis", {140, 230, 230}},
        {"achilles_tendon", {200, 200, 210}},
        {"plantaris", {255, 170, 150}}};
    std::map<std::string, std::array<unsigned char, 3>> colour;
    for (const auto& [id, field] : fields) {
      auto c = named.count(id) ? named.at(id) : std::array<unsigned char, 3>{250, 250, 235};
      if (id.find("artery") != std::string::npos) {
        c = {255, 0, 0};
      } else if (id.find("vein") != std::string::npos) {
        c = {0, 80, 255};
      } else if (id.find("nerve") != std::string::npos) {
        c = {255, 255, 0};
      }
      colour[id] = c;
    }
    colour["skin"] = {240, 215, 190};
    for (int j = 0; j < h; ++j) {
      for (int i = 0; i < w; ++i) {
        auto* px = static_cast<unsigned char*>(image->GetScalarPointer(panel * w + i, j, 0));
        px[0] = px[1] = px[2] = i == 0 ? 255 : 30;
        const double x = x0 + i * mmPerPixel, y = y1 - (h - 1 - j) * mmPerPixel;
        auto inside = [&](const sura::model::Field& f) {
          const double hh = f.lattice().h;
          const glm::ivec3 node(static_cast<int>(std::lround(x / hh)),
                                static_cast<int>(std::lround(y / hh)),
                                static_cast<int>(std::lround(z / hh)));
          return f.at(node) < 0.0f;
        };
        if (inside(fields.at("skin"))) {
          std::copy(colour["skin"].begin(), colour["skin"].end(), px);
        }
        for (const auto& [id, field] : fields) {
          if (id != "skin" && inside(field)) {
            std::copy(colour[id].begin(), colour[id].end(), px);
          }
        }
      }
    }
  }
  auto writer = vtkSmartPointer<vtkPNGWriter>::New();
  writer->SetFileName((dir + "/preview.png").c_str());
  writer->SetInputData(image);
  writer->Write();
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
  std::vector<double> preview;
  app.add_option(
         "--preview", preview,
         "instead of meshing, write preview.png: sections at these t, side by side, into --out")
      ->delimiter(',');
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
    if (!preview.empty()) {
      writePreview(fields, preview, out);
      return 0;
    }
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
