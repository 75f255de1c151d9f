#include "picking/needle.h"

#include "picking/camera_ray.h"
#include "picking/mm_text.h"
#include "picking/picker.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

namespace sura {

namespace {

/// A clicked point closer than this below the skin is on the skin: the needle goes in its
/// full length rather than stopping there.
constexpr double kOnSkinMm = 1.0;
/// The crossings are cast from a little outside the entry, so the skin counts as entered.
constexpr double kNeedleLeadMm = 1.0;
/// Nearer than this (after the needle's own radius), the needle touches a structure.
constexpr double kTouchMm = 0.05;

std::string lowerFirst(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') {
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  }
  return text;
}

glm::dvec3 mirrored(const glm::dvec3& v, bool mirror) {
  return mirror ? mirrorX(v) : v;
}

std::string nameOf(const Picker& picker, const std::string& id) {
  const std::string& name = picker.nameOf(id);
  return name.empty() ? id : name;
}

/// The needle's direction from angles against the skin's outward normal n (atlas frame):
/// tilted from -n by `tilt` degrees toward `toward` degrees round it (0 toward the knee, 90
/// lateral, 180 toward the foot, 270 medial).
glm::dvec3 aimByAngles(const glm::dvec3& n, double tilt, double toward, bool leftLeg) {
  const glm::dvec3 inward = -n;
  glm::dvec3 up = glm::dvec3(0, 0, 1) - n * n.z;
  if (glm::length(up) < 1e-3) { // the skin faces up or down (the sole): "up" is anterior
    up = glm::dvec3(0, 1, 0) - n * n.y;
  }
  up = glm::normalize(up);
  const glm::dvec3 lateral0(leftLeg ? -1.0 : 1.0, 0.0, 0.0);
  glm::dvec3 lateral = glm::cross(up, n);
  if (glm::dot(lateral, lateral0) < 0) {
    lateral = -lateral;
  }
  lateral = glm::normalize(lateral);
  const double t = glm::radians(tilt), a = glm::radians(toward);
  return glm::normalize(inward * std::cos(t) +
                        (up * std::cos(a) + lateral * std::sin(a)) * std::sin(t));
}

} // namespace

std::string compartmentOf(const std::string& structure) {
  static const std::map<std::string, std::string> compartments{
      {"gastrocnemius_medial_head", "superficial posterior"},
      {"gastrocnemius_lateral_head", "superficial posterior"},
      {"plantaris", "superficial posterior"},
      {"soleus", "superficial posterior"},
      {"achilles_tendon", "superficial posterior"},
      {"popliteus", "deep posterior"},
      {"tibialis_posterior", "deep posterior"},
      {"flexor_digitorum_longus", "deep posterior"},
      {"flexor_hallucis_longus", "deep posterior"},
      {"tibialis_anterior", "anterior"},
      {"extensor_digitorum_longus", "anterior"},
      {"extensor_hallucis_longus", "anterior"},
      {"fibularis_longus", "lateral"},
      {"fibularis_brevis", "lateral"}};
  const auto found = compartments.find(structure);
  return found == compartments.end() ? std::string() : found->second;
}

double needleLengthFor(double depthMm) {
  for (const double length : kNeedleLengthsMm) {
    if (length >= depthMm + kNeedleOutsideMm) {
      return length;
    }
  }
  return kNeedleLengthsMm.back();
}

std::optional<NeedlePlacement>
placeNeedleAlongRay(const Picker& picker, const Ray& worldRay, bool mirror,
                    const std::optional<glm::dvec3>& clicked, const std::string& clickedStructure,
                    double lengthMm, double gaugeMm,
                    const std::optional<std::array<double, 2>>& angles) {
  const MeshBvh* skin = picker.bvhOf(picker.skinId());
  const double norm = glm::length(worldRay.direction);
  if (!skin || !(norm > 0) || !std::isfinite(norm)) {
    return std::nullopt;
  }
  const Ray ray = mirror ? mirrorX(worldRay) : worldRay;
  const glm::dvec3 along = ray.direction / norm;
  std::optional<RayHit> entry;
  for (const RayHit& hit : skin->intersectAll(ray)) {
    if (hit.entering) {
      entry = hit;
      break;
    }
  }
  if (!entry) {
    return std::nullopt;
  }
  NeedlePlacement p;
  p.gaugeMm = gaugeMm;
  p.direction = along;
  if (angles) {
    p.aim = NeedleAim::Angles;
    p.tiltDeg = (*angles)[0];
    p.towardDeg = (*angles)[1];
    p.direction = aimByAngles(entry->normal, p.tiltDeg, p.towardDeg, picker.atlasIsLeftLeg());
  }
  p.entry = entry->point;
  const glm::dvec3 target = clicked ? mirrored(*clicked, mirror) : glm::dvec3(0.0);
  const double depth = clicked ? glm::dot(target - p.entry, along) : 0.0;
  if (clicked && !angles && depth > kOnSkinMm) {
    p.lengthMm = lengthMm > 0 ? lengthMm : needleLengthFor(depth);
    p.insertedMm = std::min(depth, p.lengthMm);
    p.target = NeedleTarget{"", clickedStructure, *clicked};
  } else {
    p.lengthMm = lengthMm > 0 ? lengthMm : kDefaultNeedleLengthMm;
    p.insertedMm = p.lengthMm;
  }
  p.entry = mirrored(p.entry, mirror);
  p.direction = mirrored(p.direction, mirror);
  return p;
}

std::optional<NeedlePlacement> placeNeedleAtPoint(const Picker& picker, const NeedleTarget& target,
                                                  const glm::dvec3& approach, bool mirror,
                                                  double lengthMm, double gaugeMm) {
  const MeshBvh* skin = picker.bvhOf(picker.skinId());
  const double norm = glm::length(approach);
  if (!skin || !(norm > 0) || !std::isfinite(norm)) {
    return std::nullopt;
  }
  const glm::dvec3 centre = mirrored(target.point, mirror);
  const glm::dvec3 in = mirrored(approach, mirror) / norm;
  // Back from the centre to where the line leaves the skin: the entry.
  std::optional<RayHit> exit;
  for (const RayHit& hit : skin->intersectAll(Ray{centre, -in})) {
    if (!hit.entering) {
      exit = hit;
      break;
    }
  }
  if (!exit) {
    return std::nullopt;
  }
  NeedlePlacement p;
  p.aim = NeedleAim::TriggerPoint;
  p.gaugeMm = gaugeMm;
  p.lengthMm = lengthMm > 0 ? lengthMm : needleLengthFor(exit->t);
  p.insertedMm = std::min(exit->t, p.lengthMm);
  p.entry = mirrored(exit->point, mirror);
  p.direction = mirrored(in, mirror);
  p.target = target;
  return p;
}

NeedleReadout readNeedle(const Picker& picker, const NeedlePlacement& placement, bool mirror,
                         double marginMm) {
  NeedleReadout r;
  r.placement = placement;
  r.mirrored = mirror;
  r.marginMm = marginMm;
  const glm::dvec3 e = mirrored(placement.entry, mirror);
  const glm::dvec3 d = glm::normalize(mirrored(placement.direction, mirror));
  const double depth = placement.insertedMm;
  const glm::dvec3 tip = e + d * depth;
  const std::string& skinId = picker.skinId();
  const MeshBvh* skin = picker.bvhOf(skinId);
  r.entry = picker.describe(placement.entry, skinId, mirror);
  r.entry.depthMm = 0.0;

  // Every structure the inserted part crosses, depths from the entry.
  double skinExit = std::numeric_limits<double>::quiet_NaN();
  double firstDeeper = depth;
  std::vector<NeedleLayer> deeper;
  for (const PickLayer& c :
       picker.crossings(Ray{e - d * kNeedleLeadMm, d}, kNeedleLeadMm + depth)) {
    NeedleLayer layer;
    layer.structure = c.structure;
    layer.name = nameOf(picker, c.structure);
    layer.entryMm = std::max(0.0, c.entryDistance - kNeedleLeadMm);
    layer.tipInside = std::isnan(c.exitDistance);
    layer.exitMm = layer.tipInside ? depth : c.exitDistance - kNeedleLeadMm;
    if (c.structure == skinId) {
      if (std::isnan(skinExit) && !layer.tipInside) {
        skinExit = layer.exitMm;
      }
      continue;
    }
    if (layer.exitMm < 0.0) {
      continue;
    }
    firstDeeper = std::min(firstDeeper, layer.entryMm);
    deeper.push_back(std::move(layer));
  }
  std::stable_sort(deeper.begin(), deeper.end(), [](const NeedleLayer& a, const NeedleLayer& b) {
    return a.entryMm < b.entryMm;
  });
  const bool leaves = std::isfinite(skinExit) && skinExit < depth;
  if (skin) {
    NeedleLayer layer;
    layer.structure = skinId;
    layer.name = "Skin and subcutaneous tissue";
    layer.exitMm = std::min(firstDeeper, leaves ? skinExit : depth);
    layer.tipInside = deeper.empty() && !leaves;
    r.layers.push_back(std::move(layer));
  }
  r.layers.insert(r.layers.end(), deeper.begin(), deeper.end());

  // The tip.
  r.tipDepthMm = depth;
  const NeedleLayer* tipLayer = nullptr;
  for (const NeedleLayer& layer : deeper) {
    if (layer.tipInside) {
      tipLayer = &layer;
    }
  }
  if (tipLayer) {
    r.tipStructure = tipLayer->structure;
    r.tipName = tipLayer->name;
  } else if (leaves || !skin) {
    r.tipName = "outside the leg";
  } else if (deeper.empty() || depth <= firstDeeper) {
    r.tipStructure = skinId;
    r.tipName = "Skin and subcutaneous tissue";
  } else {
    r.tipName = "between structures (fascia or fat)";
  }

  // How near it comes to each nerve and vessel, and to bone.
  const auto crossedLayer = [&](const std::string& id) -> const NeedleLayer* {
    for (const NeedleLayer& layer : deeper) {
      if (layer.structure == id) {
        return &layer;
      }
    }
    return nullptr;
  };
  const auto approach = [&](const std::string& id) {
    NeedleApproach a;
    a.structure = id;
    a.name = nameOf(picker, id);
    const SegmentProximity p = picker.bvhOf(id)->nearestToSegment(e, tip);
    a.distanceMm = std::max(0.0, p.distance - placement.gaugeMm / 2.0);
    a.atDepthMm = glm::dot(p.onSegment - e, d);
    a.point = mirrored(p.onSurface, mirror);
    if (skin) {
      const double toSkin = skin->distance(p.onSurface);
      a.structureDepthMm = skin->contains(p.onSurface) ? toSkin : -toSkin;
    } else {
      a.structureDepthMm = std::numeric_limits<double>::quiet_NaN();
    }
    if (const NeedleLayer* layer = crossedLayer(id)) {
      a.crossed = true;
      a.distanceMm = 0.0;
      a.atDepthMm = layer->entryMm;
    }
    return a;
  };
  for (const std::string& id : picker.structuresInGroup("nerves_vessels")) {
    r.nervesAndVessels.push_back(approach(id));
  }
  std::stable_sort(
      r.nervesAndVessels.begin(), r.nervesAndVessels.end(),
      [](const NeedleApproach& a, const NeedleApproach& b) { return a.distanceMm < b.distanceMm; });
  for (const std::string& id : picker.structuresInGroup("bones")) {
    NeedleApproach a = approach(id);
    if (!r.bone || a.distanceMm < r.bone->distanceMm) {
      r.bone = std::move(a);
    }
  }

  // The target.
  if (placement.target) {
    const glm::dvec3 target = mirrored(placement.target->point, mirror);
    r.targetDepthMm = glm::dot(target - e, d);
    r.targetMissMm = glm::length(target - tip);
  }

  if (leaves) {
    r.leavesSkinAtMm = skinExit;
  }
  applyNeedleMargin(r, marginMm);
  return r;
}

void applyNeedleMargin(NeedleReadout& r, double marginMm) {
  r.marginMm = marginMm;
  r.warnings.clear();
  const NeedlePlacement& placement = r.placement;
  const double depth = placement.insertedMm;
  // The layers below the skin's own (the first, when the atlas has a skin).
  const std::size_t first = !r.layers.empty() && !r.entry.structure.empty() &&
                                    r.layers.front().structure == r.entry.structure
                                ? 1
                                : 0;
  const std::vector<NeedleLayer> deeper(r.layers.begin() + static_cast<std::ptrdiff_t>(first),
                                        r.layers.end());
  const auto crossedLayer = [&](const std::string& id) -> const NeedleLayer* {
    for (const NeedleLayer& layer : deeper) {
      if (layer.structure == id) {
        return &layer;
      }
    }
    return nullptr;
  };
  // Nerves and vessels first.
  const auto warn = [&r](NeedleWarningKind kind, std::string id, double distance, double at,
                         std::string text) {
    r.warnings.push_back({kind, std::move(id), distance, at, std::move(text)});
  };
  for (const NeedleApproach& a : r.nervesAndVessels) {
    const NeedleLayer* layer = a.crossed ? crossedLayer(a.structure) : nullptr;
    if (layer) {
      const std::string from = wholeMm(layer->entryMm), to = wholeMm(layer->exitMm);
      warn(NeedleWarningKind::NerveOrVessel, a.structure, 0.0, a.atDepthMm,
           "The needle crosses the " + lowerFirst(a.name) + ", " +
               (from == to ? from : from + " to " + to) + " below the skin.");
    } else if (a.distanceMm < kTouchMm) {
      warn(NeedleWarningKind::NerveOrVessel, a.structure, a.distanceMm, a.atDepthMm,
           "The needle touches the " + lowerFirst(a.name) + ", " + wholeMm(a.atDepthMm) +
               " below the skin.");
    } else if (a.distanceMm < marginMm) {
      warn(NeedleWarningKind::NerveOrVessel, a.structure, a.distanceMm, a.atDepthMm,
           "The needle passes " + tenthMm(a.distanceMm) + " from the " + lowerFirst(a.name) +
               " (within the " + wholeMm(marginMm) + " margin), " + wholeMm(a.atDepthMm) +
               " below the skin.");
    }
  }
  if (r.bone && (r.bone->crossed || r.bone->distanceMm <= 0.0)) {
    warn(NeedleWarningKind::Bone, r.bone->structure, 0.0, r.bone->atDepthMm,
         "The needle reaches bone: the " + lowerFirst(r.bone->name) + ", " +
             wholeMm(r.bone->atDepthMm) + " below the skin.");
  }
  // Beyond the target muscle (a trigger point's, the clicked one, else the first muscle
  // crossed) into another compartment.
  const std::string targetId =
      placement.target && !compartmentOf(placement.target->structure).empty()
          ? placement.target->structure
          : std::string();
  const NeedleLayer* aimed = nullptr;
  for (const NeedleLayer& layer : deeper) {
    if (!compartmentOf(layer.structure).empty() &&
        (targetId.empty() || layer.structure == targetId)) {
      aimed = &layer;
      break;
    }
  }
  if (aimed) {
    const std::string home = compartmentOf(aimed->structure);
    for (const NeedleLayer& layer : deeper) {
      const std::string other = compartmentOf(layer.structure);
      if (layer.entryMm > aimed->entryMm && !other.empty() && other != home) {
        warn(NeedleWarningKind::Compartment, layer.structure, 0.0, layer.entryMm,
             "The needle passes beyond the " + lowerFirst(aimed->name) + " into the " + other +
                 " compartment: the " + lowerFirst(layer.name) + ", " + wholeMm(layer.entryMm) +
                 " below the skin.");
        break;
      }
    }
  }
  if (r.leavesSkinAtMm) {
    const double skinExit = *r.leavesSkinAtMm;
    warn(NeedleWarningKind::LeavesSkin, "", 0.0, skinExit,
         "The needle leaves the leg again " + wholeMm(skinExit) + " in: its tip, " +
             wholeMm(depth) + " in, is outside the skin.");
  }
  if (r.targetDepthMm && r.targetMissMm > kNeedleReachedMm) {
    const NeedleTarget& t = *placement.target;
    warn(NeedleWarningKind::ShortOfTarget, "", r.targetMissMm, depth,
         "The " + wholeMm(placement.lengthMm) + " needle stops " + wholeMm(r.targetMissMm) +
             " short of " + (t.triggerPoint.empty() ? "the point clicked" : t.triggerPoint) + " (" +
             wholeMm(*r.targetDepthMm) + " below the skin).");
  }
}

} // namespace sura
