#include "app/check_atlas.h"

#include "atlas/source_check.h"
#include "clinical/clinical_json.h"

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

void printTriggerPoints(const Clinical& clinical, std::ostream& out) {
  out << "trigger points: " << clinical.triggerPoints.size() << "\n";
  for (const ResolvedTriggerPoint& p : clinical.triggerPoints) {
    std::ostringstream terms;
    terms << std::fixed << std::setprecision(2) << "t " << p.t << ", m " << p.m;
    out << "  " << std::left << std::setw(20) << p.point.id << "  " << std::setw(28)
        << p.point.muscle << "  " << std::setw(16) << terms.str() << "  centre "
        << formatPoint(p.centre) << "\n";
  }
}

void printSourceWarnings(const Atlas& atlas, std::ostream& err) {
  for (const SourceWarning& w : checkSources(atlas)) {
    err << "sura: warning: " << atlas.manifest.string() << ": sources." << w.key << ": "
        << w.problem << "\n";
  }
}

nlohmann::json atlasJson(const LoadedAtlas& loaded, const Clinical& clinical) {
  const Atlas& atlas = loaded.atlas;
  auto point = [](const glm::dvec3& p) { return nlohmann::json::array({p.x, p.y, p.z}); };
  const Landmarks& lm = atlas.landmarks;
  nlohmann::json structures = nlohmann::json::array();
  for (const Structure& s : atlas.structures) {
    nlohmann::json entry = {{"id", s.id},       {"name", s.name},    {"group", s.group},
                            {"layer", s.layer}, {"parent", nullptr}, {"mesh", nullptr}};
    if (!s.parent.empty()) {
      entry["parent"] = s.parent;
    }
    if (const auto mesh = loaded.meshes.find(s.id); mesh != loaded.meshes.end()) {
      const Aabb box = bounds(mesh->second);
      entry["mesh"] = {{"file", s.mesh},
                       {"triangles", mesh->second.triangles.size()},
                       {"bounds_mm", {point(box.lo), point(box.hi)}}};
    }
    structures.push_back(entry);
  }
  return {{"name", atlas.name},
          {"version", atlas.version},
          {"frame",
           {{"axes", atlas.frame.axes},
            {"unit_scale", atlas.frame.unitScale},
            {"origin", point(atlas.frame.origin)},
            {"side", atlas.frame.side}}},
          {"landmarks",
           {{"knee_joint_line_z", lm.kneeJointLineZ},
            {"leg_length", lm.legLength},
            {"medial_malleolus", point(lm.medialMalleolus)},
            {"lateral_malleolus", point(lm.lateralMalleolus)},
            {"fibular_head", point(lm.fibularHead)},
            {"medial_femoral_condyle", point(lm.medialFemoralCondyle)},
            {"lateral_femoral_condyle", point(lm.lateralFemoralCondyle)},
            {"calcaneal_tuberosity", point(lm.calcanealTuberosity)}}},
          {"structures", structures},
          {"trigger_points", toJson(clinical)}};
}

} // namespace sura
