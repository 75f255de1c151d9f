// Helpers shared by the atlas and meshio tests: a scratch folder that cleans up after
// itself, and a small valid manifest to break one field at a time.
#pragma once

#include "atlas/atlas.h"
#include "temp_files.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace sura::test {

/// A small valid manifest: two groups, a grouping node with two children, a bone, sources.
inline nlohmann::json validManifest() {
  return nlohmann::json::parse(R"({
    "format": "sura-atlas",
    "version": 1,
    "name": "test atlas",
    "frame": {"axes": "RAS", "units": "mm", "origin": [0, 0, 0], "side": "right"},
    "landmarks": {
      "knee_joint_line_z": 0, "leg_length": 390,
      "medial_malleolus": [-30, 8, -390], "lateral_malleolus": [35, -8, -405],
      "fibular_head": [38, -12, -25], "medial_femoral_condyle": [-24, -8, 15],
      "lateral_femoral_condyle": [24, -8, 15], "calcaneal_tuberosity": [2, -60, -425]
    },
    "groups": [
      {"id": "muscles", "name": "Muscles", "order": 1},
      {"id": "bones", "name": "Bones", "order": 3}
    ],
    "structures": [
      {"id": "calf", "name": "Calf", "group": "muscles", "layer": 2, "color": "#c83c32"},
      {"id": "head_a", "name": "Head A", "latin": "caput a", "group": "muscles",
       "parent": "calf", "layer": 2, "color": "#FF8000", "opacity": 0.25, "mesh": "a.obj",
       "info": {"origin": "femur", "insertion": "heel", "action": "plantarflexion",
                "innervation": "tibial nerve", "blood_supply": "sural arteries",
                "notes": "n", "sources": ["S1", "S2"]}},
      {"id": "head_b", "name": "Head B", "group": "muscles", "parent": "calf", "layer": 2,
       "color": "#000000", "mesh": "sub/b.obj"},
      {"id": "bone", "name": "Bone", "group": "bones", "layer": 6, "color": "#ffffff",
       "opacity": 1, "mesh": "bone.obj", "info": {"notes": "short"}}
    ],
    "sources": {"S1": "first source", "S2": "second source"}
  })");
}

inline void writeManifest(const std::filesystem::path& dir, const nlohmann::json& manifest) {
  writeText(dir / "atlas.json", manifest.dump(2));
}

} // namespace sura::test
