#include "app/check_atlas.h"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <string>

namespace sura {

namespace {

std::string formatPoint(const glm::dvec3& p) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << "(" << p.x << ", " << p.y << ", " << p.z << ")";
  return s.str();
}

std::string formatBounds(const Aabb& box) {
  if (box.empty()) {
    return "empty";
  }
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << "x " << box.lo.x << " .. " << box.hi.x << "  y "
    << box.lo.y << " .. " << box.hi.y << "  z " << box.lo.z << " .. " << box.hi.z;
  return s.str();
}

std::string childrenOf(const Atlas& atlas, const std::string& id) {
  std::string list;
  for (const Structure& s : atlas.structures) {
    if (s.parent == id) {
      list += (list.empty() ? "" : ", ") + s.id;
    }
  }
  return list.empty() ? "no children" : list;
}

} // namespace

void printAtlasReport(const LoadedAtlas& loaded, std::ostream& out) {
  const Atlas& atlas = loaded.atlas;
  const Landmarks& lm = atlas.landmarks;
  out << "atlas:     " << atlas.name << " (version " << atlas.version << ")\n"
      << "manifest:  " << atlas.manifest.string() << "\n"
      << "frame:     axes " << atlas.frame.axes << ", unit scale " << atlas.frame.unitScale
      << ", origin " << formatPoint(atlas.frame.origin) << ", side " << atlas.frame.side << "\n"
      << "landmarks (mm):\n"
      << "  knee joint line z        " << lm.kneeJointLineZ << "\n"
      << "  leg length               " << lm.legLength << "\n"
      << "  medial malleolus         " << formatPoint(lm.medialMalleolus) << "\n"
      << "  lateral malleolus        " << formatPoint(lm.lateralMalleolus) << "\n"
      << "  fibular head             " << formatPoint(lm.fibularHead) << "\n"
      << "  medial femoral condyle   " << formatPoint(lm.medialFemoralCondyle) << "\n"
      << "  lateral femoral condyle  " << formatPoint(lm.lateralFemoralCondyle) << "\n"
      << "  calcaneal tuberosity     " << formatPoint(lm.calcanealTuberosity) << "\n";

  std::size_t idWidth = 2;
  std::size_t groupWidth = 5;
  for (const Structure& s : atlas.structures) {
    idWidth = std::max(idWidth, s.id.size());
    groupWidth = std::max(groupWidth, s.group.size());
  }
  out << "structures: " << atlas.structures.size() << " (" << loaded.meshes.size()
      << " with meshes)\n";
  out << "  " << std::left << std::setw(static_cast<int>(idWidth)) << "id"
      << "  " << std::setw(static_cast<int>(groupWidth)) << "group"
      << "  layer  " << std::right << std::setw(9) << "triangles"
      << "  bounds (mm)\n";
  for (const Structure& s : atlas.structures) {
    out << "  " << std::left << std::setw(static_cast<int>(idWidth)) << s.id << "  "
        << std::setw(static_cast<int>(groupWidth)) << s.group << "  " << std::right << std::setw(5)
        << s.layer << "  ";
    auto mesh = loaded.meshes.find(s.id);
    if (mesh == loaded.meshes.end()) {
      out << std::setw(9) << "-"
          << "  group of: " << childrenOf(atlas, s.id) << "\n";
    } else {
      out << std::setw(9) << mesh->second.triangles.size() << "  "
          << formatBounds(bounds(mesh->second)) << "\n";
    }
  }
}

} // namespace sura
