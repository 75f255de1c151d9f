#include "meshio/atlas_checks.h"

#include "geometry/envelope.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace sura {

namespace {

std::string mm(double value) {
  std::ostringstream out;
  out << std::lround(value);
  return out.str();
}

std::string signedMm(double value) {
  const long v = std::lround(value);
  return (v > 0 ? "+" : "") + std::to_string(v);
}

const TriangleMesh* meshOf(const std::map<std::string, TriangleMesh>& meshes,
                           const std::string& id) {
  const auto it = meshes.find(id);
  return it == meshes.end() || it->second.points.empty() ? nullptr : &it->second;
}

// The point of `mesh` with the least value of `key`.
template <class Key> glm::dvec3 extremePoint(const TriangleMesh& mesh, Key key) {
  return *std::min_element(
      mesh.points.begin(), mesh.points.end(),
      [&](const glm::dvec3& a, const glm::dvec3& b) { return key(a) < key(b); });
}

Aabb unionBounds(const std::map<std::string, TriangleMesh>& meshes,
                 const std::vector<std::string>& only = {}) {
  Aabb box;
  for (const auto& [id, mesh] : meshes) {
    if (!only.empty() && std::find(only.begin(), only.end(), id) == only.end()) {
      continue;
    }
    for (const glm::dvec3& p : mesh.points) {
      box.add(p);
    }
  }
  return box;
}

} // namespace

void deriveLandmarks(Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes) {
  Landmarks& lm = atlas.landmarks;
  const auto derive = [&](const char* key, const char* id, glm::dvec3& value, auto pick,
                          const char* what) {
    if (lm.has(key)) {
      return;
    }
    if (const TriangleMesh* mesh = meshOf(meshes, id)) {
      value = pick(*mesh);
      lm.from[key] = std::string(what) + " of '" + id + "'";
    }
  };
  derive(
      "medial_malleolus", "tibia", lm.medialMalleolus,
      [](const TriangleMesh& m) {
        return extremePoint(m, [](const glm::dvec3& p) { return p.z; });
      },
      "lowest point");
  derive(
      "lateral_malleolus", "fibula", lm.lateralMalleolus,
      [](const TriangleMesh& m) {
        return extremePoint(m, [](const glm::dvec3& p) { return p.z; });
      },
      "lowest point");
  derive(
      "fibular_head", "fibula", lm.fibularHead,
      [](const TriangleMesh& m) {
        return extremePoint(m, [](const glm::dvec3& p) { return -p.z; });
      },
      "highest point");
  derive(
      "calcaneal_tuberosity", "calcaneus", lm.calcanealTuberosity,
      [](const TriangleMesh& m) {
        return extremePoint(m, [](const glm::dvec3& p) { return p.y; });
      },
      "most posterior point");
  if (lm.has("leg_length")) {
    return;
  }
  if (lm.has("medial_malleolus") && lm.kneeJointLineZ > lm.medialMalleolus.z) {
    lm.legLength = lm.kneeJointLineZ - lm.medialMalleolus.z;
    lm.from["leg_length"] =
        "knee joint line to the medial malleolus (" + lm.from["medial_malleolus"] + ")";
    return;
  }
  const Aabb all = unionBounds(meshes);
  if (!all.empty() && all.lo.z < lm.kneeJointLineZ) {
    lm.legLength = lm.kneeJointLineZ - all.lo.z;
    lm.from["leg_length"] = "the meshes' extent below the knee joint line";
    return;
  }
  // Nothing lies below the knee joint line (checkFrame warns about the origin): t still needs
  // a length, so the bundled model's, said as such.
  lm.legLength = 390.0;
  lm.from["leg_length"] = "a typical adult's (nothing in the atlas lies below the knee joint line)";
}

std::vector<AtlasWarning> checkFrame(const Atlas& atlas,
                                     const std::map<std::string, TriangleMesh>& meshes) {
  std::vector<AtlasWarning> out;
  const std::string file = atlas.manifest.string();
  const Landmarks& lm = atlas.landmarks;
  const Aabb all = unionBounds(meshes);
  if (all.empty()) {
    return out;
  }

  // Units: the size of everything together.
  const glm::dvec3 size = all.size();
  const double extent = std::max({size.x, size.y, size.z});
  if (extent < kMinAtlasExtentMm || extent > kMaxAtlasExtentMm) {
    std::string fits;
    for (const auto& [units, scale] :
         std::vector<std::pair<std::string, double>>{{"mm", 1.0}, {"cm", 10.0}, {"m", 1000.0}}) {
      const double asThat = extent / atlas.frame.unitScale * scale;
      if (scale != atlas.frame.unitScale && asThat >= kMinAtlasExtentMm &&
          asThat <= kMaxAtlasExtentMm) {
        fits = " (with \"" + units + "\" they would span " + mm(asThat) + " mm)";
      }
    }
    out.push_back({file, "frame.units",
                   "the meshes span " + mm(extent) + " mm (" + mm(size.z) +
                       " mm along the leg), implausible for a human lower leg (expected " +
                       mm(kMinAtlasExtentMm) + " to " + mm(kMaxAtlasExtentMm) +
                       " mm): are the file's units right?" + fits});
  }

  // Origin: where the muscles lie against the knee joint line and the leg's axis.
  std::vector<std::string> muscles;
  for (const Structure& s : atlas.structures) {
    if (s.group == "muscles" && meshes.count(s.id)) {
      muscles.push_back(s.id);
    }
  }
  const Aabb body = muscles.empty() ? all : unionBounds(meshes, muscles);
  const std::string what = muscles.empty() ? "every mesh" : "every muscle";
  const double knee = lm.kneeJointLineZ;
  const std::string span =
      " (z " + signedMm(body.lo.z - knee) + " to " + signedMm(body.hi.z - knee) + " mm)";
  if (body.lo.z > knee) {
    out.push_back({file, "frame.origin",
                   what + " lies above the knee joint line" + span +
                       ": frame.origin must be the centre of the knee joint line, in file "
                       "coordinates and units (is it below the leg, or the S/I axis reversed?)"});
  } else if (body.hi.z < knee - 0.5 * lm.legLength) {
    out.push_back({file, "frame.origin",
                   what + " lies more than half a leg length below the knee joint line" + span +
                       ": frame.origin must be the centre of the knee joint line, in file "
                       "coordinates and units (is it above the leg?)"});
  }
  const double offAxis = glm::length(glm::dvec2(body.center().x, body.center().y));
  if (offAxis > kMaxOffAxisMm) {
    out.push_back({file, "frame.origin",
                   "the middle of " + what + " is " + mm(offAxis) +
                       " mm from the leg's axis (x, y of the origin; the calf is about 120 mm "
                       "across): frame.origin must be the centre of the knee joint line"});
  }

  // Leg length: plausible, and agreeing with the meshes and the malleolus.
  const std::string from = lm.has("leg_length") ? lm.from.at("leg_length") : std::string();
  const std::string source = from == "manifest" ? "" : " (" + from + ")";
  if (lm.legLength < kMinLegLengthMm || lm.legLength > kMaxLegLengthMm) {
    out.push_back({file, "landmarks.leg_length",
                   "leg length " + mm(lm.legLength) + " mm" + source +
                       " is implausible for a human leg (expected " + mm(kMinLegLengthMm) + " to " +
                       mm(kMaxLegLengthMm) +
                       " mm, knee joint line to the tip of the medial malleolus): landmarks are "
                       "in mm in the Sura frame; are frame.units right?"});
  }
  const double below = knee - all.lo.z;
  if (from == "the meshes' extent below the knee joint line") {
    out.push_back({file, "landmarks.leg_length",
                   "not given: taken as the meshes' extent below the knee joint line, " +
                       mm(lm.legLength) +
                       " mm (rough when the meshes end above the ankle; every t depends on it: "
                       "state leg_length, or medial_malleolus)"});
  } else if (below > 0 && (lm.legLength > kLegLengthExtentFactor * below ||
                           lm.legLength * kLegLengthExtentFactor < below)) {
    std::ostringstream ratio;
    ratio.precision(2);
    ratio << lm.legLength / below;
    out.push_back({file, "landmarks.leg_length",
                   "leg length " + mm(lm.legLength) + " mm" + source + " is " + ratio.str() +
                       " times the meshes' extent below the knee joint line (" + mm(below) +
                       " mm): is it in mm, and is frame.origin the knee joint line?"});
  }
  if (from == "manifest" && lm.has("medial_malleolus")) {
    const double toMalleolus = knee - lm.medialMalleolus.z;
    if (std::abs(toMalleolus - lm.legLength) > 0.1 * lm.legLength) {
      out.push_back({file, "landmarks.leg_length",
                     "leg length " + mm(lm.legLength) + " mm, but the medial malleolus is " +
                         mm(toMalleolus) +
                         " mm below the knee joint line (leg length is the distance between "
                         "them)"});
    }
  }

  // Malleoli: the lateral one on the lateral side (+x on a right leg, -x on a left one).
  if (lm.has("medial_malleolus") && lm.has("lateral_malleolus")) {
    const double lateralSign = atlas.frame.side == "left" ? -1.0 : 1.0;
    if ((lm.lateralMalleolus.x - lm.medialMalleolus.x) * lateralSign <= 0) {
      out.push_back({file, "landmarks.medial_malleolus",
                     "the medial malleolus (x " + mm(lm.medialMalleolus.x) +
                         ") is not medial of the lateral malleolus (x " +
                         mm(lm.lateralMalleolus.x) + ") on a " + atlas.frame.side +
                         " leg (lateral is " + (lateralSign > 0 ? "+x" : "-x") +
                         "): are they swapped, or frame.side or frame.axes wrong?"});
    }
  }
  return out;
}

bool addGeneratedEnvelope(Atlas& atlas, std::map<std::string, TriangleMesh>& meshes) {
  if (atlas.triggerPoints.empty() || meshes.empty()) {
    return false;
  }
  if (const Structure* skin = atlas.skin(); skin && meshes.count(skin->id)) {
    return false;
  }
  if (atlas.find(kEnvelopeId) != nullptr) {
    return false; // the manifest uses the id itself: leave its structure alone
  }
  std::vector<const TriangleMesh*> all;
  for (const auto& [id, mesh] : meshes) {
    all.push_back(&mesh);
  }
  TriangleMesh envelope = envelopeAround(all);
  if (envelope.triangles.empty()) {
    return false;
  }
  if (std::none_of(atlas.groups.begin(), atlas.groups.end(),
                   [](const Group& g) { return g.id == kEnvelopeGroup; })) {
    int order = -1;
    for (const Group& g : atlas.groups) {
      order = std::min(order, g.order - 1);
    }
    atlas.groups.push_back({kEnvelopeGroup, "Generated by Sura (not in the atlas)", order});
  }
  Structure s;
  s.id = kEnvelopeId;
  s.name = "Generated envelope (not skin)";
  s.group = kEnvelopeGroup;
  s.layer = 0;
  s.color = glm::vec3(0.62f, 0.72f, 0.85f); // a cool grey-blue: no skin colour
  s.opacity = 0.25f;
  s.generated = true;
  s.mesh = "(generated)"; // has a surface, as every structure with a mesh; no file is read
  s.info.notes = "Generated by Sura, not part of the atlas: this atlas has no skin, so a smooth "
                 "surface about 5 mm round its structures stands in for one, to place trigger "
                 "points and referred-pain zones. It is not the shape of a real leg.";
  atlas.structures.insert(atlas.structures.begin(), s);
  meshes[kEnvelopeId] = std::move(envelope);
  return true;
}

} // namespace sura
