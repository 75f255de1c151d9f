// The clinical layer: the atlas's trigger points and their referred-pain zones, resolved from
// landmark terms onto this atlas's meshes. Resolution happens once per atlas load, so the same
// manifest data works on the bundled model, on another mesh set, and on a left leg.
// Pure C++ + glm: no VTK, no GL. The format of the data is in docs/atlas-format.md.
#pragma once

#include "atlas/atlas.h"
#include "geometry/mesh.h"

#include <glm/vec3.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace sura {

/// A referred-pain zone placed on this atlas's skin. Off-model zones (words only) have no
/// vertices and a NaN centre.
struct ResolvedZone {
  ReferredZone zone; ///< as given in the manifest
  bool onModel = false;
  /// Skin vertices in the zone (indices into the skin mesh's points) with a weight each:
  /// 1 inside the region, falling to 0 over a soft rim about it, corners rounded (zones are
  /// drawn as pain charts draw them, not as boxes). Parallel arrays.
  std::vector<std::uint32_t> vertices;
  std::vector<float> weights;
  glm::dvec3 centre{0.0}; ///< a skin point at the zone's weighted middle, mm, Sura frame
  double areaMm2 = 0;     ///< skin area, each triangle counted by its corners' mean weight
};

/// A trigger point placed inside its muscle.
struct ResolvedTriggerPoint {
  TriggerPoint point;           ///< as given in the manifest
  glm::dvec3 centre{0.0};       ///< inside the muscle, mm, Sura frame
  glm::dvec3 surfacePoint{0.0}; ///< where the approach meets the muscle's surface
  glm::dvec3 approach{0.0};     ///< unit direction from surfacePoint into the muscle
  double muscleThicknessMm = 0; ///< along the approach, from surfacePoint to where it leaves
  /// The centre measured back in landmark terms (as picking describes a point): t from its
  /// height, m from the skin's section there, the sector of the leg it lies toward, and its
  /// depth below the skin surface.
  double t = 0, m = 0;
  std::string surface;
  double depthBelowSkinMm = 0;
  std::vector<ResolvedZone> zones; ///< one per referred-pain zone, in manifest order
};

struct Clinical {
  /// id of the skin structure the zones lie on (empty without points): the atlas's skin, or
  /// the envelope generated round an atlas without one (see onGeneratedEnvelope).
  std::string skin;
  /// True when `skin` is a generated envelope, not the atlas's skin: positions measured on it
  /// (m, zones, depth below it) are approximate, and everything showing them must say so.
  bool onGeneratedEnvelope = false;
  std::vector<ResolvedTriggerPoint> triggerPoints; ///< manifest order
  /// Points, and zones of placed points, that could not be placed on these meshes, each with
  /// the manifest field and the reason; the rest are placed. With Atlas::skipped this is
  /// everything of the manifest's trigger points that is not shown.
  std::vector<AtlasWarning> skipped;
  /// The ids of the points among `skipped` (not those only missing a zone).
  std::set<std::string> skippedPoints;

  /// The trigger point with this id, or nullptr.
  const ResolvedTriggerPoint* find(const std::string& id) const;
};

/// Everything of the manifest's trigger points not shown on this atlas (Atlas::skipped and
/// Clinical::skipped), the most important first: points left out, then zones, then structures
/// at risk the atlas lacks; manifest order within each. One list for `sura check` and the panel.
std::vector<AtlasWarning> skippedInOrder(const Atlas& atlas, const Clinical& clinical);

/// The structure the referred-pain zones lie on: the first of group "skin" that has a mesh,
/// else a generated envelope (Structure::generated); empty when there is neither.
std::string skinStructureId(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes);

/// Places every trigger point of the atlas in its muscle and every referred-pain zone on the
/// skin. `meshes` are by structure id in the Sura frame (LoadedAtlas::meshes).
///
/// A point at level t and position m on surface S: the horizontal ray at height
/// z = knee_joint_line_z - t * leg_length, through x at position m of the skin's section there
/// (m as picking measures it: -1 medial edge, 0 the section's centroid, +1 lateral edge, with
/// lateral = -x for a left leg) and the section centroid's y, coming in from side S, first
/// enters the muscle at surfacePoint; the centre lies depth_mm further along the ray. For the
/// posterior and anterior sides the ray keeps x, so the centre keeps exactly t and m.
///
/// Leg regions hold the skin vertices whose t, m and sector (measured the same way) fall in
/// the ranges; foot regions use the foot's frame: the skin below the tips of both malleoli,
/// u along it from the back of the heel (0) to the tip of the toes (1), v across it
/// (-1 medial .. +1 lateral edge of the foot at that u), faces by the skin's normal.
///
/// Places what can be placed and lists the rest in Clinical::skipped, never throwing for
/// these: a point that cannot be placed ("trigger_points[i].location": no muscle tissue on
/// that ray, muscle thinner than depth_mm, centre not inside the closed muscle mesh, its
/// muscle's mesh missing), a zone that covers no skin ("trigger_points[i].referred_pain[k]
/// .region"), a foot zone on an atlas without both malleoli, and every point when there is no
/// skin to measure m on ("trigger_points[i]"). The bundled atlas skips nothing (tested).
Clinical resolveClinical(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes);

} // namespace sura
