// The bundled atlas as a left leg: its meshes copied beside a manifest that reads them
// through a mirroring frame ("LAS"), its landmarks mirrored with them, "side": "left".
#pragma once

#include "bundled_atlas.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

namespace sura::test {

// The bundled meshes copied beside a manifest that reads them through a mirroring frame:
// file +x is the patient's left, so the right leg in the files is a left leg in Sura's frame.
class LeftLegAtlas {
public:
  LeftLegAtlas() {
    dir_ = std::filesystem::temp_directory_path() /
           ("sura-clinical-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir_);
    const std::filesystem::path bundled = bundledAtlasDir();
    for (const auto& entry : std::filesystem::directory_iterator(bundled)) {
      if (entry.path().extension() == ".vtp") {
        std::filesystem::copy_file(entry.path(), dir_ / entry.path().filename());
      }
    }
    std::ifstream in(bundled / "atlas.json");
    nlohmann::json m = nlohmann::json::parse(in);
    m["frame"]["axes"] = "LAS";
    m["frame"]["side"] = "left";
    for (auto& item : m["landmarks"].items()) {
      if (item.value().is_array()) {
        item.value()[0] = -item.value()[0].get<double>();
      }
    }
    std::ofstream(dir_ / "atlas.json") << m.dump(2);
    loaded_ = loadAtlas(dir_);
  }
  ~LeftLegAtlas() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  LeftLegAtlas(const LeftLegAtlas&) = delete;
  LeftLegAtlas& operator=(const LeftLegAtlas&) = delete;
  const LoadedAtlas& loaded() const { return loaded_; }

private:
  std::filesystem::path dir_;
  LoadedAtlas loaded_;
};

} // namespace sura::test
