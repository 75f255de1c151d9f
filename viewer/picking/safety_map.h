// The safety map: for each vertex of the skin, how deep a needle can go straight in (along the
// skin's inward normal there) before it comes within the margin of a nerve, a vessel or a bone.
// Pure geometry over the picker's meshes (no VTK); the scene paints it on the skin.
//
// It is the needle readout's own definition (needle.h): a needle of the map's depth put in
// perpendicular at that vertex (perpendicularNeedle) has every nerve, vessel and bone at least
// the margin from its surface (NeedleReadout's distanceMm, the gauge taken off); a little
// deeper, one comes within it. Where the leg is thinner than that (the line leaves the skin
// again), the depth stops there; beyond kSafetyMaxDepthMm (the longest standard needle) it is
// not looked for.
//
// The depths describe an educational model of an average leg, not the person being treated.
#pragma once

#include "geometry/mesh.h"
#include "picking/needle.h"

#include <glm/vec3.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sura {

class Picker;

/// The map's classes, mm: under kSafetyShallowMm, to kSafetyDeepMm, beyond.
inline constexpr double kSafetyShallowMm = 20.0;
inline constexpr double kSafetyDeepMm = 40.0;
/// Depths are looked for up to this (the longest standard needle).
inline constexpr double kSafetyMaxDepthMm = 75.0;

enum class SafetyClass {
  Shallow, ///< under 20 mm
  Middle,  ///< 20 to 40 mm
  Deep     ///< beyond 40 mm
};

/// The class of a depth: monotone, Shallow below kSafetyShallowMm, Deep from kSafetyDeepMm.
SafetyClass safetyClassOf(double depthMm);

/// "under 20 mm", "20-40 mm", "beyond 40 mm": the legend's words.
const char* safetyClassLabel(SafetyClass c);

/// A short form of kNeedleDisclaimer for legends.
inline constexpr const char* kSafetyMapDisclaimer =
    "Educational model of an average leg, not the person being treated.";

/// What limited the depth at one vertex.
enum class SafetyLimit : std::uint8_t {
  Structure, ///< a nerve, vessel or bone came within the margin
  LeavesLeg, ///< the line left the skin again
  MaxDepth   ///< nothing within kSafetyMaxDepthMm
};

struct SafetyMap {
  double marginMm = kDefaultNeedleMarginMm;
  double gaugeMm = kDefaultNeedleGaugeMm;
  /// Per skin vertex (the skin mesh's own order), mm.
  std::vector<float> depthMm;
  std::vector<SafetyLimit> limit;
  /// Per skin vertex: index into `structures` of the structure met (limit Structure), else -1.
  std::vector<std::int16_t> limitedBy;
  std::vector<std::string> structures; ///< ids of the nerves, vessels and bones, in that order
  double seconds = 0;                  ///< wall-clock time the computation took

  bool empty() const { return depthMm.empty(); }
};

/// Unit outward normals at the vertices of a mesh: the area-weighted mean of the normals of
/// the triangles round each vertex (a vertex in no triangle gets (0, 0, 0)).
std::vector<glm::dvec3> vertexNormals(const TriangleMesh& mesh);

/// The needle straight in at a skin point (atlas frame, not mirrored): entry there, along
/// -outwardNormal, inserted `insertedMm` (its length the shortest standard one that holds it).
NeedlePlacement perpendicularNeedle(const glm::dvec3& entry, const glm::dvec3& outwardNormal,
                                    double insertedMm, double gaugeMm = kDefaultNeedleGaugeMm);

/// How deep a needle can go from `entry` along unit `direction` (atlas frame) before a nerve,
/// vessel or bone comes within `marginMm` of its surface (the gauge taken off), or the line
/// leaves the skin, at most kSafetyMaxDepthMm. `limit` and `structure` (an id, or empty) say why.
double safeDepth(const Picker& picker, const glm::dvec3& entry, const glm::dvec3& direction,
                 double marginMm, double gaugeMm, SafetyLimit* limit = nullptr,
                 std::string* structure = nullptr);

/// The map over every vertex of the skin, from the atlas meshes the picker was built from (by
/// structure id, atlas frame), on `threads` threads (0: as many as the machine has). Empty
/// without a skin mesh.
SafetyMap computeSafetyMap(const Picker& picker, const std::map<std::string, TriangleMesh>& meshes,
                           double marginMm = kDefaultNeedleMarginMm,
                           double gaugeMm = kDefaultNeedleGaugeMm, unsigned threads = 0);

} // namespace sura
